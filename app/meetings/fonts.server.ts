import fs from 'node:fs'
import { createRequire } from 'node:module'
import type * as Fontkit from 'fontkit'

// The pack's typefaces (docs/decisions/0027-pdf-fonts-and-localized-outputs.md): three Noto Sans
// families (SIL Open Font License) from npm, as plain TrueType files, in regular and bold.
//
// - Noto Sans: Latin and Cyrillic, with every letter of the member countries' alphabets (Kazakh
//   Қ Ұ Ү Ө Һ Ң Ә, Tajik Ӯ Ҷ Ҳ, Azerbaijani Ə, Turkmen Ž Ň Ý, Uzbek Oʻ Gʻ) and the currency
//   signs ₸ ₽ ₼ ₾ ₮ ₹ ¥;
// - Noto Sans Georgian: Georgian;
// - Noto Sans SC: Chinese (its Latin is kept for nothing: Noto Sans comes first).
//
// No one font holds all three, and pdfkit has no fallback, so text is split into runs by the
// first of these fonts that has each character (pdf-text.server.ts). Each font is read and
// parsed once per process and shared by every PDF; pdfkit embeds only the glyphs a document uses.

const require = createRequire(import.meta.url)
// Node's own resolution (fontkit's "node" build): the copy pdfkit itself uses. Required on first
// use: the server's route modules import this file, and fontkit with its brotli decoder is about
// 4 MB of a server's heap that only the PDF thread and the job runner need (decision 0046).
const fontkit = () => require('fontkit') as typeof Fontkit

/** A typeface of the pack, in the order a character's font is looked for. */
export const FACES = ['latin', 'georgian', 'cjk'] as const
export type Face = (typeof FACES)[number]
export type Weight = 'regular' | 'bold'

const FILES: Record<Face, Record<Weight, string>> = {
  latin: {
    regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  },
  georgian: {
    regular: '@expo-google-fonts/noto-sans-georgian/400Regular/NotoSansGeorgian_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-georgian/700Bold/NotoSansGeorgian_700Bold.ttf',
  },
  cjk: {
    regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  },
}

export interface PackFont {
  /** what pdfkit needs of a fontkit font */
  layout: (...args: never[]) => unknown
  hasGlyphForCodePoint(codePoint: number): boolean
  /** font units: */
  unitsPerEm: number
  ascent: number
  descent: number
  lineGap: number
}

const loaded = new Map<string, PackFont>()

export function packFont(face: Face, weight: Weight): PackFont {
  const file = FILES[face][weight]
  let font = loaded.get(file)
  if (!font) {
    font = withCharactersOnEveryGlyph(fontkit().create(fs.readFileSync(require.resolve(file))) as PackFont)
    loaded.set(file, font)
  }
  return font
}

/** The parts of a fontkit font the fix below reaches into (fontkit 2.0.4's TTFFont). */
interface GlyphCache {
  getGlyph(id: number, characters?: number[]): unknown
  _glyphs: Record<number, unknown>
  _cmapProcessor: { codePointsForGlyph(id: number): number[] }
}

/**
 * fontkit keeps each glyph it makes, with the characters it was made for, for the font's life.
 * Subsetting makes the parts of a compound glyph (the period inside a colon, the dotless i
 * inside i) with no characters at all; pdfkit's text layer takes a glyph's characters from that
 * cache, so once a PDF had a colon but no period, every later PDF of the process said nothing
 * (or garbage) where it printed a period. A glyph first made without characters gets those the
 * font's character map gives it.
 */
function withCharactersOnEveryGlyph(font: PackFont): PackFont {
  const cache = font as unknown as GlyphCache
  const getGlyph = cache.getGlyph.bind(font)
  cache.getGlyph = (id, characters = []) =>
    getGlyph(
      id,
      characters.length > 0 || cache._glyphs[id] ? characters : cache._cmapProcessor.codePointsForGlyph(id),
    )
  return font
}

/** The name a document registers a face and weight under. */
export function fontName(face: Face, weight: Weight): string {
  return `${face}-${weight}`
}

/**
 * Makes the pack's faces available to a pdfkit document. Each is registered when first selected
 * (selectFont), so a document reads only the fonts its text needs; pdfkit then embeds only the
 * glyphs it used.
 */
export function registerPackFonts(doc: PDFKit.PDFDocument): void {
  registered.set(doc, new Set())
  for (const [name, cache] of layoutCaches)
    if (Object.keys(cache).length > MAX_LAYOUTS) layoutCaches.delete(name)
}

const registered = new WeakMap<PDFKit.PDFDocument, Set<string>>()

// pdfkit shapes each word once per document (its font's layoutCache), and shaping (fontkit's
// GSUB and GPOS lookups) is most of the time of a pack, whose words are mostly those of the last
// one. The shaped words are the same for every document (they depend on the font and the word
// only), so every document's font shares one cache per face and weight.
const layoutCaches = new Map<string, Record<string, unknown>>()
const MAX_LAYOUTS = 100_000

/** Selects a face and weight for the next text of `doc`, with the shared cache of shaped words. */
export function selectFont(doc: PDFKit.PDFDocument, face: Face, weight: Weight): PDFKit.PDFDocument {
  const name = fontName(face, weight)
  let names = registered.get(doc)
  if (!names) registered.set(doc, (names = new Set()))
  if (!names.has(name)) {
    doc.registerFont(name, packFont(face, weight) as never)
    names.add(name)
  }
  doc.font(name)
  const font = (doc as unknown as { _font: { layoutCache?: Record<string, unknown> } })._font
  let shared = layoutCaches.get(name)
  if (!shared) layoutCaches.set(name, (shared = Object.create(null) as Record<string, unknown>))
  if (font.layoutCache !== shared) font.layoutCache = shared
  return doc
}

const faceOfCodePoint = new Map<number, Face>()

/**
 * The first face that draws the character; Noto Sans when none does (it then shows its empty
 * box, which at least keeps the text's place). The regular and bold files of a family cover the
 * same characters.
 */
export function faceFor(codePoint: number): Face {
  let face = faceOfCodePoint.get(codePoint)
  if (!face) {
    face = FACES.find((f) => packFont(f, 'regular').hasGlyphForCodePoint(codePoint)) ?? 'latin'
    faceOfCodePoint.set(codePoint, face)
  }
  return face
}

/**
 * The line metrics every line of the pack uses, whatever its scripts, in ems: the tallest ascent
 * and deepest descent of the three faces, so rows of a table line up and a Chinese line is as
 * high as a Latin one. Read from the regular files (each family's bold has the same), so a pack
 * without bold Chinese never reads the 10 MB bold Chinese file.
 */
let metrics: { ascent: number; descent: number } | undefined

export function lineMetrics(): { ascent: number; descent: number } {
  if (metrics) return metrics
  let ascent = 0
  let descent = 0
  for (const face of FACES) {
    const font = packFont(face, 'regular')
    ascent = Math.max(ascent, font.ascent / font.unitsPerEm)
    descent = Math.max(descent, -font.descent / font.unitsPerEm)
  }
  return (metrics = { ascent, descent })
}
