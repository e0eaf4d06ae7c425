import type { ImportError } from './interchange'

/**
 * A CSV reader's error as a problem in the reader's words. csv-parse says what went wrong in
 * English ("Invalid Record Length: expect 1, got 2 on line 2"), which a Russian or Chinese reader
 * would get as it is: its codes for the usual mistakes (a row with more or fewer cells than the
 * header, a quote never closed, a quote inside a cell) become their own messages; anything else
 * keeps the library's words in `detail`.
 */
export function csvProblem(error: unknown): ImportError {
  const info = error as { code?: string; lines?: number; message?: string; record?: unknown[] }
  const row = info.lines ?? 0
  const message = String(info.message ?? error)
  if (info.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    const counts = /expect (\d+), got (\d+)/.exec(message)
    if (counts)
      return {
        row,
        column: null,
        key: 'csvCells',
        values: { expected: Number(counts[1]), got: Number(counts[2]) },
      }
  }
  if (info.code === 'CSV_QUOTE_NOT_CLOSED') return { row, column: null, key: 'csvQuoteNotClosed' }
  if (info.code === 'CSV_INVALID_CLOSING_QUOTE' || info.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE')
    return { row, column: null, key: 'csvClosingQuote' }
  return { row, column: null, key: 'csv', values: { detail: message } }
}
