import { Readable } from 'node:stream'

/** `bytes` cut into views of `size` bytes (the last one shorter), nothing copied. */
export function* chunksOf(bytes: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size)
}

/** `bytes` as a byte stream that hands on `size` bytes at a time: for a parser or inflater to read from. */
export function streamOf(bytes: Buffer, size: number): Readable {
  return Readable.from(chunksOf(bytes, size), { objectMode: false })
}
