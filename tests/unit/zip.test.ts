import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { zipEntries } from '../../app/importer/limits.server'
import { crc32, zip } from '../setup/zip'

// The hand-written zip the import's tests make their workbooks and zip bombs with: a part it
// packs must read back as it went in, with the CRC a zip reader checks it by.

describe('the tests’ zip writer', () => {
  it('computes CRC-32 as zip does', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
    expect(crc32(Buffer.alloc(0))).toBe(0)
  })

  it('writes deflated, stored and already-deflated parts that read back, with their sizes and CRCs', () => {
    const text = 'ref,title\r\n'.repeat(50)
    const bytes = zip([
      { name: 'a.xml', content: text },
      { name: 'b.xml', content: Buffer.from('stored'), stored: true },
      { name: 'c.xml', deflated: zlib.deflateRawSync(Buffer.from('big')), declaredSize: 1_000_000 },
    ])
    const entries = zipEntries(bytes)
    if (!Array.isArray(entries)) throw new Error(`not a zip: ${entries}`)
    const read = entries.map((e) => {
      const data = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize)
      const local = e.dataStart - 30 - e.name.length
      return {
        name: e.name,
        method: e.method,
        declaredSize: e.declaredSize,
        text: (e.method === 8 ? zlib.inflateRawSync(data) : data).toString(),
        crc: bytes.readUInt32LE(local + 14),
      }
    })
    expect(read).toEqual([
      { name: 'a.xml', method: 8, declaredSize: text.length, text, crc: crc32(Buffer.from(text)) },
      { name: 'b.xml', method: 0, declaredSize: 6, text: 'stored', crc: crc32(Buffer.from('stored')) },
      { name: 'c.xml', method: 8, declaredSize: 1_000_000, text: 'big', crc: 0 },
    ])
  })
})
