import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Database, DB } from '../../db/schema'
import { refreshStatistics } from '../../db/statistics'
import { transactionKeepingIf } from '../../db/transactions'
import { nowIso } from '../portfolio/items.server'
import { syncTalliesOf } from '../history/history.server'
import { FileProblem, openImportFile } from './files.server'
import {
  checkedRows,
  importWholeFile,
  IMPORTED_TABLES,
  STATISTICS_AFTER,
  writtenCount,
  type ImportOutcome,
  type ImportProgress,
  type ImportSummary,
} from './import.server'
import { RecordChecker, type ImportError } from './interchange'
import { IMPORT_LIMITS } from './limits.server'
import { batchHolds, emptySummary, planBatch, taxonomyHolds, writeBatch, type BatchPlan } from './plan.server'
import type { StatusPolicy } from './status-moves'
import { insertTaxonomy, TaxonomyIndex, type NewTaxonomyRow } from './taxonomy-index.server'

// An import file read, checked and planned a batch of rows at a time
// (docs/decisions/0051-streaming-import.md), so that what a process holds does not grow with the
// file's rows: a batch of parsed records, its rows checked against the register, its plan. What
// stays for the whole file is what the user is shown (the summary: every row's outcome, and the
// first problems), each ref's first row (a repeated ref is found across batches) and the names
// the file brings. A confirmation keeps each batch's plan in a temporary file (`PlanSpill`) until
// the one write transaction reads them back, a batch at a time.

/** Rows read, checked and planned together. */
export const BATCH_ROWS = 500

export type PlannedFile =
  | { ok: false; errors: ImportError[]; moreErrors: number }
  | {
      ok: true
      summary: ImportSummary
      newTaxonomy: NewTaxonomyRow[]
      taxonomyFingerprint: string
      fromExport: boolean
      ignored: string[]
    }

const fileError = (key: string): ImportError => ({ row: 0, column: null, key })

/**
 * Reads, checks and plans an import file batch by batch: every problem of the file (the first
 * `listed` of them kept, the rest counted), or the summary of what importing it does now, each
 * batch's plan handed to `onBatch` as it is made. A file with a problem is checked to its end
 * but planned no further than its first.
 */
export async function planFile(
  db: DB,
  filename: string,
  bytes: Uint8Array,
  statusPolicy: StatusPolicy,
  options: {
    onProgress?: ImportProgress
    onBatch?: (plan: BatchPlan) => Promise<void>
    listed?: number
  } = {},
): Promise<PlannedFile> {
  const { onProgress, onBatch, listed = IMPORT_LIMITS.listedProblems } = options
  const opened = await openImportFile(filename, bytes, BATCH_ROWS)
  if (!opened.ok) return { ok: false, errors: [opened.error], moreErrors: 0 }
  const total = Math.max(opened.source.records - 1, 0)
  const errors: ImportError[] = []
  let moreErrors = 0
  let checker: RecordChecker | null = null
  let taxonomy: TaxonomyIndex | null = null
  const summary = emptySummary()
  let planned = 0
  try {
    for await (const batch of opened.source.batches) {
      let records = batch
      if (!checker) {
        // Batches are full but for the last: a first batch of the header alone is the whole file.
        if (records.length < 2) return { ok: false, errors: [fileError('empty')], moreErrors: 0 }
        const started = RecordChecker.start(records[0]!)
        if (Array.isArray(started)) return { ok: false, errors: started, moreErrors: 0 }
        checker = started
        records = records.slice(1)
      }
      const checked = await checkedRows(db, checker.check(records))
      if (!checked.ok) {
        for (const error of checked.errors)
          if (errors.length < listed) errors.push(error)
          else moreErrors++
        continue
      }
      if (errors.length > 0) continue
      taxonomy ??= await TaxonomyIndex.load(db)
      const plan = await planBatch(db, taxonomy, checked.rows, statusPolicy, summary, (done) =>
        onProgress?.(planned + done, total),
      )
      planned += records.length
      await onBatch?.(plan)
    }
  } catch (error) {
    if (error instanceof FileProblem) return { ok: false, errors: error.errors, moreErrors: 0 }
    throw error
  }
  if (!checker) return { ok: false, errors: [fileError('empty')], moreErrors: 0 }
  if (errors.length > 0) return { ok: false, errors, moreErrors }
  if (onProgress) await onProgress(total, total)
  taxonomy ??= await TaxonomyIndex.load(db)
  return {
    ok: true,
    summary,
    newTaxonomy: taxonomy.added,
    taxonomyFingerprint: taxonomy.fingerprint,
    fromExport: checker.fromExport,
    ignored: checker.ignored,
  }
}

/** The bytes a spilled plan is read in at a time. */
const SPILL_CHUNK = 1024 * 1024
const NEWLINE = 0x0a

/**
 * A plan's batches kept in a temporary file between the planning (outside any transaction) and
 * the write, so they are not all held at once: one JSON line a batch.
 */
export class PlanSpill {
  private constructor(
    private readonly dir: string,
    private readonly file: fs.promises.FileHandle,
  ) {}

  static async create(): Promise<PlanSpill> {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'carec-import-'))
    return new PlanSpill(dir, await fs.promises.open(path.join(dir, 'plan.jsonl'), 'w'))
  }

  async add(plan: BatchPlan): Promise<void> {
    await this.file.write(JSON.stringify(plan) + '\n')
  }

  /**
   * The batches in the order they were added, read back one at a time. Lines are split on the
   * bytes (JSON escapes every newline within a string) and each decoded once: readline decodes
   * every chunk and joins a batch's line of half a megabyte from its pieces, a third of the
   * reading's CPU (docs/decisions/0056).
   */
  async *batches(): AsyncGenerator<BatchPlan> {
    const input = fs.createReadStream(path.join(this.dir, 'plan.jsonl'), { highWaterMark: SPILL_CHUNK })
    let pieces: Buffer[] = []
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        let from = 0
        for (let end = chunk.indexOf(NEWLINE); end >= 0; end = chunk.indexOf(NEWLINE, from)) {
          pieces.push(chunk.subarray(from, end))
          const line = Buffer.concat(pieces).toString('utf8')
          pieces = []
          from = end + 1
          if (line) yield JSON.parse(line) as BatchPlan
        }
        if (from < chunk.length) pieces.push(chunk.subarray(from))
      }
      const rest = Buffer.concat(pieces).toString('utf8')
      if (rest) yield JSON.parse(rest) as BatchPlan
    } finally {
      input.destroy()
    }
  }

  async remove(): Promise<void> {
    await this.file.close().catch(() => undefined)
    await fs.promises.rm(this.dir, { recursive: true, force: true })
  }
}

/**
 * Writes a planned file inside the caller's transaction, its batches read one at a time (from a
 * `PlanSpill`, or the preview's kept plan, kept-plan.server.ts): false, with the caller to roll
 * back, when the register moved since it was planned (the taxonomy, an item's version, a ref it
 * creates taken), as planHolds tells for a plan held whole.
 */
export async function writePlannedBatches(
  db: DB,
  planned: { taxonomyFingerprint: string; newTaxonomy: NewTaxonomyRow[] },
  batches: AsyncIterable<BatchPlan>,
  by: string | null,
  now: string,
): Promise<boolean> {
  if (!(await taxonomyHolds(db, planned.taxonomyFingerprint))) return false
  await insertTaxonomy(db, planned.newTaxonomy, now)
  const written: string[] = []
  for await (const batch of batches) {
    if (!(await batchHolds(db, batch))) return false
    const ids = await writeBatch(db, batch, by, now)
    if (!ids) return false
    written.push(...ids)
  }
  await syncTalliesOf(db, written)
  return true
}

/**
 * The command line's import (`npm run import`): a file read, checked and planned a batch at a
 * time, as the browser's, its plan spilled to a temporary file and written in one transaction,
 * every row or none. Every problem of a wrong file is returned, as the whole-file reading did.
 * When the register moved between the planning and the write (another writer, rare from a
 * shell), the file is imported whole instead, planned again inside its transaction (importRows).
 */
export async function importFileInBatches(
  db: Kysely<Database>,
  filename: string,
  bytes: Uint8Array,
  by: string | null,
): Promise<ImportOutcome> {
  const spill = await PlanSpill.create()
  try {
    const planned = await planFile(db, filename, bytes, 'as_recorded', {
      onBatch: (batch) => spill.add(batch),
      listed: Number.POSITIVE_INFINITY,
    })
    if (!planned.ok) return { ok: false, errors: planned.errors }
    const now = nowIso()
    const written = await transactionKeepingIf(
      db,
      (trx) => writePlannedBatches(trx, planned, spill.batches(), by, now),
      (holds) => holds,
    )
    if (!written) return importWholeFile(db, filename, bytes, by)
    if (writtenCount(planned.summary) >= STATISTICS_AFTER) await refreshStatistics(db, IMPORTED_TABLES)
    return { ok: true, summary: planned.summary }
  } finally {
    await spill.remove()
  }
}
