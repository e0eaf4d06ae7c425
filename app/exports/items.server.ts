import { PassThrough, Readable } from 'node:stream'
import type { DB } from '../../db/schema'
import type { ColumnId } from '../portfolio/columns'
import { fieldNamed, type Field } from '../portfolio/fields'
import { eachRowBatch } from '../portfolio/list-batches.server'
import { getTaxonomyNames } from '../portfolio/taxonomy-names.server'
import type { ListQuery } from '../portfolio/list-query'
import { CSV_FIELDS, interchangeCsv } from './csv.server'
import { archivedShown, sheetFields } from './sheet-columns'
import { writeItemsXlsx, type XlsxView } from './xlsx.server'

// The downloads of a portfolio view (/export/items.csv, /export/items.xlsx): every matching item,
// read a batch at a time and streamed out as it is written.

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const
export type ExportFormat = keyof typeof CONTENT_TYPES

/** "carec-pipeline-items-2026-11-25.csv": the UTC date of the export. */
export function exportFileName(format: ExportFormat, exportedAt: string): string {
  return `carec-pipeline-items-${exportedAt.slice(0, 10)}.${format}`
}

/** A failure after the first bytes went out cannot become an error page: the download breaks, and the log says why (no stack). */
function logFailure(format: ExportFormat, error: unknown): void {
  console.error(`export ${format} failed: ${error instanceof Error ? error.message : String(error)}`)
}

/** The view's items as the CSV reads them, a batch at a time: only the interchange columns. */
export const csvBatches = (db: DB, query: ListQuery) =>
  eachRowBatch(db, query, CSV_FIELDS, { interest: false })

/** The view's items as the XLSX of `columns` reads them, a batch at a time: only the sheet's fields (and the ref, their order). */
export function xlsxBatches(db: DB, query: ListQuery, columns: readonly ColumnId[]) {
  const shown = sheetFields(columns, archivedShown(query))
  const fields: Field[] = [fieldNamed('ref')!, ...shown.filter((f) => f !== 'interest')]
  return eachRowBatch(db, query, fields, { interest: shown.includes('interest') })
}

/** The view as interchange CSV, as a byte stream. */
export function exportItemsCsv(db: DB, query: ListQuery): ReadableStream<Uint8Array> {
  const chunks = interchangeCsv(csvBatches(db, query))
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next()
        if (next.done) controller.close()
        else controller.enqueue(encoder.encode(next.value))
      } catch (error) {
        logFailure('csv', error)
        controller.error(error)
      }
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
}

/** The view as an XLSX workbook in `view.language`, as a byte stream. */
export function exportItemsXlsx(
  db: DB,
  query: ListQuery,
  view: Omit<XlsxView, 'query' | 'names'>,
): ReadableStream<Uint8Array> {
  const out = new PassThrough()
  getTaxonomyNames(db, view.language)
    .then((names) => writeItemsXlsx(out, xlsxBatches(db, query, view.columns), { ...view, query, names }))
    .catch((error: unknown) => {
      logFailure('xlsx', error)
      out.destroy(error instanceof Error ? error : new Error(String(error)))
    })
  return Readable.toWeb(out) as ReadableStream<Uint8Array>
}

/** The whole file in memory (tests, the benchmark). */
export async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer())
}
