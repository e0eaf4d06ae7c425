import zlib from 'node:zlib'

/** A part of a zip written by `zip`. */
export type ZipPart =
  /** Deflated by the writer (stored as it is with `stored`), with its CRC. */
  | { name: string; content: Buffer | string; stored?: boolean }
  /**
   * Already deflated, written as it is, claiming to unpack to `declaredSize` (its compressed size
   * when left out). Its CRC is written as 0: a zip bomb's would cost inflating it.
   */
  | { name: string; deflated: Buffer; declaredSize?: number }

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** CRC-32 as zip has it (zlib.crc32 is newer than the Node versions package.json allows). */
export function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** A part's bytes as the archive holds them, how they are packed, their unpacked size and CRC. */
function packed(part: ZipPart): { data: Buffer; method: number; size: number; crc: number } {
  if ('deflated' in part)
    return { data: part.deflated, method: 8, size: part.declaredSize ?? part.deflated.length, crc: 0 }
  const content = Buffer.from(part.content)
  return {
    data: part.stored ? content : zlib.deflateRawSync(content),
    method: part.stored ? 0 : 8,
    size: content.length,
    crc: crc32(content),
  }
}

/** A zip archive of `parts` in this order, written by hand so a test can make any zip, a bomb too. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const directory: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const name = Buffer.from(part.name)
    const { data, method, size, crc } = packed(part)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    entry.writeUInt16LE(method, 10)
    entry.writeUInt32LE(crc, 16)
    entry.writeUInt32LE(data.length, 20)
    entry.writeUInt32LE(size, 24)
    entry.writeUInt16LE(name.length, 28)
    entry.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    directory.push(entry, name)
    offset += 30 + name.length + data.length
  }
  const dir = Buffer.concat(directory)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}
