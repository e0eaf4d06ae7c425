// Spreadsheet formula injection (CSV/XLSX "formula injection"): a cell whose text begins with
// = + - @, a tab or a carriage return may be run as a formula when a spreadsheet opens the file
// or when someone edits the cell. Exports put an apostrophe in front of such text, the usual
// neutralisation (OWASP), and the importer takes it off again, so an exported file still
// re-imports to the same values. Numbers (amounts, years, dates) are written as numbers, never
// as text, and are not touched: a negative gap stays a negative number.
// Decision: docs/decisions/0009-exports.md.

/** Text that starts like a formula, after any apostrophes already there (so the mapping can be undone exactly). */
const FORMULA_START = /^'*[=+\-@\t\r]/

/** "=HYPERLINK(...)" -> "'=HYPERLINK(...)"; other text unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** The inverse, for the importer: "'=1+1" -> "=1+1", "''-x" -> "'-x"; other text unchanged. */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text
}
