// A CSV's records read straight from its bytes, for the files that need none of csv-parse's
// care: the reader below stops, and says so, at the first thing it is not sure to read exactly as
// csv-parse would (with the options files.server.ts gives it), and csv-parse reads the file from
// there on. csv-parse's stream took about 0.45 s of CPU for the 10,000 rows of the bench's file,
// a third of the preview (docs/decisions/0063).
//
// What this reader takes, and reads as csv-parse does (bom, skip_empty_lines, no trimming, one
// record length, the record delimiter found from the first line break outside quotes):
// - a UTF-8 byte order mark at the very start, skipped;
// - records ended by "\n" throughout, or by "\r\n" throughout (whichever comes first), the last
//   one ended or not; empty lines skipped;
// - fields separated by ",", either bare (no quote, no line break of the other kind) or quoted,
//   a doubled quote inside standing for one, the closing quote followed by a comma, the end of the
//   record or the end of the file;
// - every record as long as the first.
// Anything else (a stray quote, a lone "\r", a record of another length, a quote never closed) is
// where it stops: csv-parse then either reads it its way or says what is wrong, in its words
// (csv-problem.ts).

const QUOTE = 0x22
const COMMA = 0x2c
const LF = 0x0a
const CR = 0x0d

/** What `next` returns when it cannot be sure of the next record: csv-parse must read on from here. */
export const HAND_OVER = Symbol('hand over to csv-parse')

export class PlainCsvReader {
  private at: number
  /** "\n" or "\r\n" once the first line break outside quotes is met; null before */
  private crlf: boolean | null = null
  private width = -1

  constructor(private readonly bytes: Buffer) {
    this.at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  }

  /**
   * The next record's cells; null at the end of the file; HAND_OVER when the rest must be read by
   * csv-parse (the records returned before are the ones it would have given).
   */
  next(): string[] | null | typeof HAND_OVER {
    const bytes = this.bytes
    const end = bytes.length
    let at = this.at
    // empty lines, skipped (a line of a lone quoted empty field is not empty: it is read below)
    for (;;) {
      if (at >= end) {
        this.at = at
        return null
      }
      const c = bytes[at]
      if (c === LF) {
        if (!this.lineBreak(false)) return HAND_OVER
        at++
      } else if (c === CR) {
        if (bytes[at + 1] !== LF || !this.lineBreak(true)) return HAND_OVER
        at += 2
      } else break
    }
    const cells: string[] = []
    for (;;) {
      let cell: string
      if (bytes[at] === QUOTE) {
        // a quoted field: up to the quote not doubled
        let from = at + 1
        let text = ''
        for (;;) {
          const quote = bytes.indexOf(QUOTE, from)
          if (quote < 0) return HAND_OVER // never closed
          if (bytes[quote + 1] === QUOTE) {
            text += bytes.toString('utf8', from, quote + 1)
            from = quote + 2
            continue
          }
          text += bytes.toString('utf8', from, quote)
          at = quote + 1
          break
        }
        cell = text
      } else {
        const from = at
        while (at < end) {
          const c = bytes[at]
          if (c === COMMA || c === LF || c === CR) break
          if (c === QUOTE) return HAND_OVER // a quote inside a bare field
          at++
        }
        cell = bytes.toString('utf8', from, at)
      }
      cells.push(cell)
      if (at >= end) break
      const c = bytes[at]
      if (c === COMMA) {
        at++
        continue
      }
      if (c === LF) {
        if (!this.lineBreak(false)) return HAND_OVER
        at++
        break
      }
      if (c === CR) {
        if (bytes[at + 1] !== LF || !this.lineBreak(true)) return HAND_OVER
        at += 2
        break
      }
      return HAND_OVER // something after a closing quote
    }
    if (this.width < 0) this.width = cells.length
    else if (cells.length !== this.width) return HAND_OVER
    this.at = at
    return cells
  }

  /** A line break of this kind outside quotes: is it the file's record delimiter? */
  private lineBreak(crlf: boolean): boolean {
    this.crlf ??= crlf
    return this.crlf === crlf
  }
}
