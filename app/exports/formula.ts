// Spreadsheet formula injection (CSV/XLSX "formula injection"): text that a spreadsheet reads as
// the start of a cell may run as a formula if it begins with = + - @, a tab or a carriage return.
// Exports put an apostrophe in front of such text, the usual neutralisation (OWASP), and the
// importer takes it off again, so an exported file still re-imports to the same values. Numbers
// (amounts, years, dates) are written as numbers, never as text, and are not touched: a negative
// gap stays a negative number. Decision: docs/decisions/0009-exports.md.

/** Text that starts like a formula, after any apostrophes already there (so the mapping can be undone exactly). */
const FORMULA_START = /^'*[=+\-@\t\r]/

/** An XLSX cell: "=HYPERLINK(...)" -> "'=HYPERLINK(...)"; other text unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

// A CSV field is not always one cell. A spreadsheet whose list separator is ";" (common with
// Russian settings) or a tab splits `x;=1+1` into `x` and the formula `=1+1`, and one that does
// not honour quotes there breaks the record at a line break inside the field. So in a CSV field
// every place a cell could start gets the apostrophe: the start, and after each , ; tab, CR or
// LF. Quotes count like apostrophes before the formula character (a reader that takes `"=1+1"` for
// a quoted cell evaluates `=1+1`).

/** Characters after which some spreadsheet starts a new cell inside our field. */
const CELL_BREAKS = new Set([',', ';', '\t', '\r', '\n'])
/** Apostrophes or quotes, then a formula character, exactly at `lastIndex` (sticky: no copy of the rest). */
const CSV_FORMULA_AT = /['"]*[=+\-@\t\r]/y

const ANY_FORMULA_CHARACTER = /[=+\-@\t\r]/

const cellStarts = (text: string, at: number) => at === 0 || CELL_BREAKS.has(text[at - 1]!)

function formulaAt(text: string, at: number): boolean {
  CSV_FORMULA_AT.lastIndex = at
  return CSV_FORMULA_AT.test(text)
}

/** A CSV field: "=1+1" -> "'=1+1", "x;=1+1" -> "x;'=1+1", "a\n-b" -> "a\n'-b"; other text unchanged. */
export function neutraliseCsvText(text: string): string {
  if (!ANY_FORMULA_CHARACTER.test(text)) return text
  // Copies the text between apostrophes in slices: a hyphen is common in descriptions, and
  // building the result a character at a time was most of an export's time in this function.
  let out = ''
  let from = 0
  for (let at = 0; at < text.length; at++) {
    if (cellStarts(text, at) && formulaAt(text, at)) {
      out += text.slice(from, at) + "'"
      from = at
    }
  }
  return out + text.slice(from)
}

/**
 * The inverse, for the importer: "'=1+1" -> "=1+1", "x;''-y" -> "x;'-y"; other text unchanged.
 * It also undoes neutraliseFormula, whose apostrophes sit where a CSV one would.
 */
export function restoreNeutralised(text: string): string {
  if (!text.includes("'")) return text
  let out = ''
  for (let at = 0; at < text.length; at++) {
    const added = text[at] === "'" && cellStarts(text, at) && formulaAt(text, at + 1)
    if (!added) out += text[at]
  }
  return out
}
