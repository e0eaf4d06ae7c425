import type LineBreaker from 'linebreak'
import { onFirstUse } from '../load-package.server'
import { faceFor, fontName, lineMetrics, selectFont, type Face, type Weight } from './fonts.server'

const linebreak = onFirstUse<typeof LineBreaker>('linebreak')

// Text of any script in a pdfkit document. pdfkit draws a string in one font and has no
// fallback, and no font holds Latin, Cyrillic, Georgian and Chinese at once (fonts.server.ts), so
// this module lays text out itself: it splits text into runs by the face that has each
// character, breaks it into lines where Unicode allows (UAX #14, the same breaker pdfkit uses:
// between words, and between Chinese characters but not before a closing mark), and draws each
// line run by run on one baseline. Measuring and drawing share the one layout, so a table cell
// is exactly as tall as was measured.

type Doc = PDFKit.PDFDocument

export interface Run {
  face: Face
  text: string
}

export interface TextStyle {
  size: number
  weight?: Weight
}

interface Line {
  runs: Array<Run & { width: number }>
  /** without trailing spaces */
  width: number
}

const NEUTRAL = /[\s\u0300-\u036f\u200b-\u200d\u2060\ufe0f]/u

/**
 * Runs of one face each. Spaces and combining marks stay in the run they follow, so a line of
 * Chinese with Latin words is not cut into a run per space.
 */
export function splitRuns(text: string): Run[] {
  const runs: Run[] = []
  let current: Run | null = null
  for (const char of text) {
    const face: Face =
      current && NEUTRAL.test(char)
        ? current.face
        : NEUTRAL.test(char)
          ? 'latin'
          : faceFor(char.codePointAt(0)!)
    if (current && current.face === face) current.text += char
    else runs.push((current = { face, text: char }))
  }
  return runs
}

// Widths of runs at 1 point, shared by every document of the process: the same titles and labels
// come back in every pack, and shaping a word (fontkit's layout) is most of a pack's time.
const widths = new Map<string, number>()
const MAX_WIDTHS = 200_000

function measure(doc: Doc, run: Run, style: TextStyle): number {
  const font = fontName(run.face, style.weight ?? 'regular')
  const key = `${font}\u0000${run.text}`
  let width = widths.get(key)
  if (width === undefined) {
    if (widths.size >= MAX_WIDTHS) widths.clear()
    width =
      selectFont(doc, run.face, style.weight ?? 'regular')
        .fontSize(1000)
        .widthOfString(run.text) / 1000
    widths.set(key, width)
  }
  return width * style.size
}

/** The pieces between break opportunities, each with whether a new line must follow it. */
function pieces(text: string): Array<{ text: string; required: boolean }> {
  const out: Array<{ text: string; required: boolean }> = []
  const breaker = new (linebreak())(text)
  let last = 0
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    out.push({ text: text.slice(last, bk.position), required: bk.required })
    last = bk.position
  }
  return out
}

const sumWidths = (runs: ReadonlyArray<{ width: number }>) => runs.reduce((sum, run) => sum + run.width, 0)

// A table measures each cell, then draws it, and the next pack has mostly the same cells: the
// lines of a text depend only on it, the width and the style, so they are kept for the process.
const layouts = new Map<string, Line[]>()
const MAX_LAYOUTS = 50_000

/** The lines of `text` in `width` points. */
export function wrap(doc: Doc, text: string, width: number, style: TextStyle): Line[] {
  const key = `${style.weight ?? 'regular'}|${style.size}|${width}|${text}`
  let lines = layouts.get(key)
  if (!lines) {
    if (layouts.size >= MAX_LAYOUTS) layouts.clear()
    layouts.set(key, (lines = layOut(doc, text, width, style)))
  }
  return lines
}

function layOut(doc: Doc, text: string, width: number, style: TextStyle): Line[] {
  const lines: Line[] = []
  let runs: Line['runs'] = []
  let lineWidth = 0
  // the width of the line's trailing spaces: they may hang past the edge and are not drawn
  let trailing = 0
  const finish = () => {
    lines.push({ runs, width: lineWidth - trailing })
    runs = []
    lineWidth = 0
    trailing = 0
  }
  const measured = (s: string) => splitRuns(s).map((run) => ({ ...run, width: measure(doc, run, style) }))
  const append = (piece: Line['runs'], spaces: number) => {
    for (const run of piece) {
      const last = runs[runs.length - 1]
      if (last && last.face === run.face) {
        last.text += run.text
        last.width += run.width
      } else runs.push({ ...run })
      lineWidth += run.width
    }
    trailing = spaces
  }
  const cutIntoCharacters = (content: string) => {
    for (const char of content) {
      const one = measured(char)
      const w = sumWidths(one)
      if (runs.length > 0 && lineWidth - trailing + w > width) finish()
      append(one, /\s/u.test(char) ? w : 0)
    }
  }

  for (const { text: pieceText, required } of pieces(text.replace(/\r\n?/g, '\n'))) {
    const content = pieceText.replace(/\n$/, '')
    const core = content.replace(/\s+$/u, '')
    const piece = measured(content)
    const total = sumWidths(piece)
    const visible = core.length === content.length ? total : sumWidths(measured(core))
    const spaces = total - visible
    if (runs.length > 0 && lineWidth + visible > width) finish()
    // A piece wider than the line on its own (a long code or address) is cut between characters.
    if (visible > width) cutIntoCharacters(content)
    else append(piece, spaces)
    if (required) finish()
  }
  if (runs.length > 0 || lines.length === 0) finish()
  return lines
}

/** The width of the widest piece of `text` that cannot be broken (a word; a character of Chinese). */
export function widestWord(doc: Doc, text: string, style: TextStyle): number {
  let widest = 0
  for (const { text: pieceText } of pieces(text)) {
    const core = pieceText.replace(/\s+$/u, '')
    if (core === '') continue
    widest = Math.max(widest, sumWidths(splitRuns(core).map((run) => ({ width: measure(doc, run, style) }))))
  }
  return widest
}

/**
 * Column widths in `total` points from their `shares`, widened where a column's widest word
 * (`least`) would otherwise be cut in two ("Стоимос-ть"): the width comes from the columns with
 * room to spare, in proportion to it. When the words cannot all fit, the shares stand.
 */
export function fitColumns(shares: number[], least: number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0)
  const widths = shares.map((share) => (share / sum) * total)
  if (least.reduce((a, b) => a + b, 0) > total) return widths
  const short = widths.reduce((need, w, i) => need + Math.max(0, least[i]! - w), 0)
  if (short === 0) return widths
  const spare = widths.map((w, i) => Math.max(0, w - least[i]!))
  const room = spare.reduce((a, b) => a + b, 0)
  return widths.map((w, i) => (w < least[i]! ? least[i]! : w - (spare[i]! / room) * short))
}

/** The height of a line at `size` points. */
export function lineHeight(size: number): number {
  const { ascent, descent } = lineMetrics()
  return (ascent + descent) * size
}

/** The height `text` takes in `width` points. */
export function textHeight(doc: Doc, text: string, width: number, style: TextStyle): number {
  return wrap(doc, text, width, style).length * lineHeight(style.size)
}

/**
 * Draws `text` from (x, y), its top, wrapped in `width` points, and answers the y under its last
 * line. `lineBreak: false` keeps pdfkit from wrapping or moving to a new page on its own: this
 * module has already placed every run.
 */
export function drawText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  style: TextStyle & { align?: 'left' | 'right' | 'center'; color?: string },
): number {
  const height = lineHeight(style.size)
  const ascent = lineMetrics().ascent * style.size
  let top = y
  doc.fillColor(style.color ?? 'black')
  for (const line of wrap(doc, text, width, style)) {
    let at = x
    if (style.align === 'right') at = x + width - line.width
    else if (style.align === 'center') at = x + (width - line.width) / 2
    for (const run of line.runs) {
      selectFont(doc, run.face, style.weight ?? 'regular')
        .fontSize(style.size)
        .text(run.text, at, top + ascent, { lineBreak: false, baseline: 'alphabetic' })
      at += run.width
    }
    top += height
  }
  return top
}
