import fs from 'node:fs'
import { createRequire } from 'node:module'
import { inflateSync } from 'node:zlib'

// The pack's typeface: Noto Sans SC (SIL Open Font License), from the npm package
// @openfonts/noto-sans-sc_all, whose one file per weight covers Chinese, Latin and Cyrillic, so
// Chinese and Russian titles render with no font fallback (docs/decisions/0014-meetings.md).
//
// The package ships WOFF files. fontkit reads WOFF, but inflates its tables with a pure
// JavaScript inflater, which for this 15 MB CJK font took seconds per PDF. So the WOFF is turned
// into a plain OpenType file once per process with Node's zlib (a few tens of milliseconds), and
// the parsed font is shared by every PDF: pdfkit takes a fontkit font object as it is and embeds
// only a subset of the glyphs each document uses.

import type * as Fontkit from 'fontkit'

const require = createRequire(import.meta.url)
// Node's own resolution (fontkit's "node" build): the copy pdfkit itself uses.
const fontkit = require('fontkit') as typeof Fontkit

export interface PackFont {
  /** what pdfkit needs of a fontkit font */
  layout: (...args: never[]) => unknown
  hasGlyphForCodePoint(codePoint: number): boolean
}

const FILES = {
  regular: '@openfonts/noto-sans-sc_all/files/noto-sans-sc-all-400.woff',
  bold: '@openfonts/noto-sans-sc_all/files/noto-sans-sc-all-700.woff',
} as const

const loaded = new Map<keyof typeof FILES, PackFont>()

export function packFont(weight: keyof typeof FILES): PackFont {
  let font = loaded.get(weight)
  if (!font) {
    font = fontkit.create(sfntFromWoff(fs.readFileSync(require.resolve(FILES[weight])))) as PackFont
    loaded.set(weight, font)
  }
  return font
}

/** A WOFF 1.0 file as the OpenType (sfnt) file it wraps: the W3C WOFF spec, section 4-5. */
export function sfntFromWoff(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF file')
  const flavor = woff.readUInt32BE(4)
  const numTables = woff.readUInt16BE(12)
  const tables: Array<{ tag: number; checksum: number; data: Buffer }> = []
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20
    const offset = woff.readUInt32BE(at + 4)
    const compLength = woff.readUInt32BE(at + 8)
    const origLength = woff.readUInt32BE(at + 12)
    const raw = woff.subarray(offset, offset + compLength)
    const data = compLength < origLength ? inflateSync(raw) : Buffer.from(raw)
    if (data.length !== origLength) throw new Error('WOFF table of the wrong length')
    tables.push({ tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data })
  }
  const entrySelector = Math.floor(Math.log2(numTables))
  const searchRange = 2 ** entrySelector * 16
  const headerLength = 12 + numTables * 16
  const padded = (n: number) => (n + 3) & ~3
  const out = Buffer.alloc(headerLength + tables.reduce((sum, t) => sum + padded(t.data.length), 0))
  out.writeUInt32BE(flavor, 0)
  out.writeUInt16BE(numTables, 4)
  out.writeUInt16BE(searchRange, 6)
  out.writeUInt16BE(entrySelector, 8)
  out.writeUInt16BE(numTables * 16 - searchRange, 10)
  let offset = headerLength
  tables.forEach((table, i) => {
    const at = 12 + i * 16
    out.writeUInt32BE(table.tag, at)
    out.writeUInt32BE(table.checksum, at + 4)
    out.writeUInt32BE(offset, at + 8)
    out.writeUInt32BE(table.data.length, at + 12)
    table.data.copy(out, offset)
    offset += padded(table.data.length)
  })
  return out
}
