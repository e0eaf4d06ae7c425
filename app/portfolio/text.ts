// Free text as people type it and files carry it, made safe to store once for every way in
// (the form, the importer, the API): one kind of line break, no control characters, and lengths
// counted the way a reader counts them. Runs in the browser too (the form checks as you type).

/** CRLF (what browsers send from a textarea, and Windows files hold) and a lone CR become LF. */
export function normaliseLineBreaks(text: string): string {
  // most texts have none: no new string then (an import checks every text of every row)
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
}

/**
 * The first C0 control character in `text` other than tab and line feed, as U+XXXX, or null (CR
 * is gone once line breaks are normalised). A NUL made the CSV export unreadable and spreadsheets
 * drop others silently, so they are refused at input, never stored.
 */
export function controlCharacterIn(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 && code !== 0x09 && code !== 0x0a)
      return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  }
  return null
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('en') : null

/**
 * The characters a person sees (extended grapheme clusters): an emoji, a letter with combining
 * marks or a CJK character is one, whatever its UTF-16 length, so a limit means what it says.
 */
export function graphemeCount(text: string): number {
  if (!segmenter) return [...text].length
  let count = 0
  for (const _ of segmenter.segment(text)) count++
  return count
}

/** At most `max` graphemes of `text`, with an ellipsis when cut: for quoting a value in a message. */
export function shorten(text: string, max: number): string {
  if (!segmenter) return text.length > max ? `${text.slice(0, max)}…` : text
  const parts: string[] = []
  for (const { segment } of segmenter.segment(text)) {
    if (parts.length === max) return `${parts.join('')}…`
    parts.push(segment)
  }
  return text
}
