import { Writable } from 'node:stream'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { interchangeCsv } from '../app/exports/csv.server'
import { csvBatches, xlsxBatches } from '../app/exports/items.server'
import { writeItemsXlsx } from '../app/exports/xlsx.server'
import { DEFAULT_COLUMNS } from '../app/portfolio/columns'
import type { FieldRow } from '../app/portfolio/field-rows.server'
import { toApiItem } from '../app/portfolio/item-view'
import { listItems } from '../app/portfolio/list.server'
import { parseListQuery, type ListQuery } from '../app/portfolio/list-query'
import { timeSamples } from './bench-timing'

// `npm run bench`, exports part (app/exports; issue 13): the CSV and XLSX of the first N items of
// the default view and of a filtered view sorted descending, each also as a ratio to the JSON
// list page (listItems' first page of 50 as the API serialises it) timed in the same run; then the
// memory a whole-register export holds, at two sizes, to show it does not grow with the export.
// Files go to a byte counter (no disk, no network).

function queryOf(params: string): ListQuery {
  const parsed = parseListQuery(new URLSearchParams(params))
  if (!parsed.ok) throw new Error(`bad bench view ${params}`)
  return parsed.query
}

/** The first `limit` items of a view, in the batches an export reads (only the columns it writes, decision 0061). */
async function* firstItems(batches: AsyncIterable<FieldRow[]>, limit: number) {
  let left = limit
  for await (const batch of batches) {
    yield batch.slice(0, left)
    left -= batch.length
    if (left <= 0) return
  }
}

/** A destination that only counts bytes, taking each chunk at once. */
function byteCounter() {
  const sink = {
    bytes: 0,
    stream: new Writable({
      write: (chunk: Buffer, _encoding, done) => ((sink.bytes += chunk.length), done()),
    }),
  }
  return sink
}

async function writeXlsx(batches: AsyncIterable<FieldRow[]>, query: ListQuery) {
  const sink = byteCounter()
  const items = await writeItemsXlsx(sink.stream, batches, {
    query,
    columns: DEFAULT_COLUMNS,
    language: 'en',
    exportedAt: new Date().toISOString(),
    exportedBy: 'Bench',
    viewUrl: 'http://bench.invalid/items',
  })
  return { items, bytes: sink.bytes }
}

async function writeCsv(batches: AsyncIterable<FieldRow[]>) {
  let items = 0
  let bytes = 0
  async function* counted() {
    for await (const batch of batches) yield ((items += batch.length), batch)
  }
  for await (const chunk of interchangeCsv(counted())) bytes += Buffer.byteLength(chunk)
  return { items, bytes }
}

export interface ExportFigure {
  name: string
  items: number
  megabytes: number
  p50: number
  p95: number
  /** p50 over the JSON list page's p50 */
  ratio: number
}

export interface ExportFigures {
  jsonPage: { p50: number; p95: number }
  exports: ExportFigure[]
}

/** Times the exports of the first `limit` items of two views, and the JSON list page beside them. */
export async function measureExports(
  db: Kysely<Database>,
  limit: number,
  runs: number,
): Promise<ExportFigures> {
  const first = queryOf('')
  const jsonPage = await timeSamples(Math.max(runs, 20), async () => {
    const page = await listItems(db, first)
    JSON.stringify({ ...page, items: page.items.map(toApiItem) })
  })
  const views = [
    { name: `default view, first ${limit}`, query: first },
    {
      name: `proposers KAZ,UZB by cost desc, first ${limit}`,
      query: queryOf('proposers=KAZ,UZB&sort=-cost_usd_m'),
    },
  ]
  const exports: ExportFigure[] = []
  for (const view of views) {
    let size = { items: 0, bytes: 0 }
    const csv = await timeSamples(runs, async () => {
      size = await writeCsv(firstItems(csvBatches(db, view.query), limit))
    })
    exports.push(figure(`CSV, ${view.name}`, size, csv, jsonPage.p50))
    const xlsx = await timeSamples(runs, async () => {
      size = await writeXlsx(firstItems(xlsxBatches(db, view.query, DEFAULT_COLUMNS), limit), view.query)
    })
    exports.push(figure(`XLSX, ${view.name}`, size, xlsx, jsonPage.p50))
  }
  return { jsonPage, exports }
}

function figure(
  name: string,
  size: { items: number; bytes: number },
  time: { p50: number; p95: number },
  json: number,
): ExportFigure {
  return { name, items: size.items, megabytes: size.bytes / 2 ** 20, ...time, ratio: time.p50 / json }
}

/** Issue 13's targets for 10,000 rows, ms: CSV at most 300, XLSX at most 600. */
export const EXPORT_TARGET_MS = { CSV: 300, XLSX: 600 } as const
const targetOf = (name: string) => (name.startsWith('XLSX') ? EXPORT_TARGET_MS.XLSX : EXPORT_TARGET_MS.CSV)

export function printExports(title: string, figures: ExportFigures): void {
  const width = Math.max(...figures.exports.map((f) => f.name.length), 6)
  console.log(`\n${title}`)
  console.log(
    `JSON list page (listItems, first 50, serialised as the API does): p50 ${figures.jsonPage.p50.toFixed(1)} ms, p95 ${figures.jsonPage.p95.toFixed(1)} ms`,
  )
  // The targets are in ms for 10,000 rows; "/ target" scales the target to the rows exported
  // (at most 1 is met), and "/ JSON page" is the same-run ratio to read on a busy machine.
  console.log(
    `| ${'export'.padEnd(width)} |  items |    MiB | p50 ms | p95 ms | p50 / JSON page | p50 / target | p95 / target |`,
  )
  console.log(
    `| ${'-'.repeat(width)} | -----: | -----: | -----: | -----: | --------------: | -----------: | -----------: |`,
  )
  for (const f of figures.exports) {
    const target = (targetOf(f.name) * Math.max(f.items, 1)) / 10_000
    console.log(
      `| ${f.name.padEnd(width)} | ${String(f.items).padStart(6)} | ${f.megabytes.toFixed(2).padStart(6)} | ${f.p50.toFixed(0).padStart(6)} | ${f.p95.toFixed(0).padStart(6)} | ${f.ratio.toFixed(1).padStart(15)} | ${(f.p50 / target).toFixed(2).padStart(12)} | ${(f.p95 / target).toFixed(2).padStart(12)} |`,
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Memory

/** V8's collector, exposed at run time (no node flag needed), so live memory can be read between batches. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

export interface MemoryFigure {
  name: string
  items: number
  seconds: number
  /** the most live memory (heap and buffers, after a collection at each batch) above the start, MiB */
  liveMiB: number
  /** resident memory at its highest (sampled at each batch) above the start, MiB */
  rssMiB: number
}

/**
 * A whole-register export (archived items included, sorted by cost descending so the read goes
 * through every batch of the index) of `limit` items and of all, as CSV and XLSX: what memory each
 * holds while it runs, beyond what the process held before it started.
 */
export async function measureExportMemory(db: Kysely<Database>, limits: number[]): Promise<MemoryFigure[]> {
  const gc = collector()
  const query = queryOf('archived=include&sort=-cost_usd_m')
  const figures: MemoryFigure[] = []
  for (const format of ['CSV', 'XLSX'] as const) {
    for (const limit of limits) {
      gc()
      const start = process.memoryUsage()
      const live = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external
      let peakLive = 0
      let peakRss = 0
      const batches = format === 'CSV' ? csvBatches(db, query) : xlsxBatches(db, query, DEFAULT_COLUMNS)
      async function* watched() {
        for await (const batch of firstItems(batches, limit)) {
          yield batch
          gc()
          const now = process.memoryUsage()
          peakLive = Math.max(peakLive, live(now) - live(start))
          peakRss = Math.max(peakRss, now.rss - start.rss)
        }
      }
      const t0 = performance.now()
      const size = format === 'CSV' ? await writeCsv(watched()) : await writeXlsx(watched(), query)
      figures.push({
        name: `${format}, whole register by cost desc${limit < Number.MAX_SAFE_INTEGER ? `, first ${limit}` : ''}`,
        items: size.items,
        seconds: (performance.now() - t0) / 1000,
        liveMiB: peakLive / 2 ** 20,
        rssMiB: peakRss / 2 ** 20,
      })
    }
  }
  return figures
}

export function printExportMemory(title: string, figures: MemoryFigure[]): void {
  const width = Math.max(...figures.map((f) => f.name.length), 6)
  console.log(`\n${title}`)
  console.log(`| ${'export'.padEnd(width)} |  items | seconds | live MiB | RSS MiB |`)
  console.log(`| ${'-'.repeat(width)} | -----: | ------: | -------: | ------: |`)
  for (const f of figures)
    console.log(
      `| ${f.name.padEnd(width)} | ${String(f.items).padStart(6)} | ${f.seconds.toFixed(1).padStart(7)} | ${f.liveMiB.toFixed(1).padStart(8)} | ${f.rssMiB.toFixed(1).padStart(7)} |`,
    )
}
