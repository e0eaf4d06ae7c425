import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database, DB } from '../../db/schema'
import { refreshStatistics } from '../../db/statistics'
import { withinTransaction } from '../../db/transactions'
import {
  emptyValue,
  INPUT_FIELDS,
  inputValuesOf,
  type InputName,
  type InputValues,
} from '../portfolio/field-kinds'
import { getItemsByRefs, nowIso } from '../portfolio/items.server'
import { itemRules } from '../portfolio/rules'
import type { NewTaxonomyName } from '../portfolio/taxonomy.server'
import type { FieldChangeRecord } from '../history/events'
import { planHolds, planImport, writePlan } from './plan.server'
import { readImportFile } from './files.server'
import { readInterchangeCsv, type FileRead, type ImportError } from './interchange'
import type { StatusMove, StatusPolicy } from './status-moves'

/** A row ready to import: every input field's value, the file's where it has the column, else the stored item's. */
export interface ImportRow {
  row: number
  values: InputValues
}

export type ParseResult =
  | ({ ok: true; rows: ImportRow[] } & Pick<FileRead, 'fromExport' | 'ignored'>)
  | { ok: false; errors: ImportError[] }

export type ImportOutcomeKind = 'created' | 'updated' | 'unchanged'

/** What the import does (or did) with one row of the file. */
export interface ImportEntry {
  ref: string
  /** the row as the user sees it in their spreadsheet (the header is row 1) */
  row: number
  title_en: string
  outcome: ImportOutcomeKind
  /** for an update: each changed field, old -> new, in the API's names and units */
  changes: FieldChangeRecord[]
  /** for an update that changes the status: the move, allowed by the workflow or not */
  statusMove?: StatusMove
}

export interface ImportSummary {
  created: string[]
  updated: string[]
  unchanged: string[]
  newTaxonomy: NewTaxonomyName[]
  /** every row in file order */
  entries: ImportEntry[]
  /** the status changes the workflow does not allow (applied only as recorded by the secretariat) */
  disallowedMoves: StatusMove[]
}

/** Told the rows done and the rows in all, before each row an import writes. */
export type ImportProgress = (done: number, total: number) => void | Promise<void>

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; errors: ImportError[] }

/**
 * Writes checked rows in one transaction, the caller's when `db` is one: a ref seen before
 * updates that item, a new ref creates one, an identical row changes nothing. All rows are
 * written or, if anything fails, none. Unseen strategies, pillars and areas are created. Each
 * created or updated item gets an "imported" event (an update lists its changed fields). The
 * importer sets the status directly, unlike the form: it loads plans whose items are already at
 * some stage (docs/decisions/0005-workflow.md).
 *
 * The rows are planned before the write transaction (plan.server.ts), so SQLite's write lock is
 * held only while the plan is written; a plan the register outran meanwhile is made again inside.
 */
export async function importRows(
  db: DB,
  rows: ImportRow[],
  by: string | null,
  now: string = nowIso(),
  statusPolicy: StatusPolicy = 'as_recorded',
  onProgress?: ImportProgress,
): Promise<ImportSummary> {
  const first = await planImport(db, rows, statusPolicy, onProgress)
  const summary = await withinTransaction(db, async (trx) => {
    const plan =
      db.isTransaction || (await planHolds(trx, first)) ? first : await planImport(trx, rows, statusPolicy)
    // Changed by someone else since it was read above: stop, so the whole file rolls back.
    if (!(await writePlan(trx, plan, by, now)))
      throw new Error('An item changed during the import; nothing was imported. Try again.')
    return plan.summary
  })
  if (!db.isTransaction && writtenCount(summary) >= STATISTICS_AFTER)
    await refreshStatistics(db as Kysely<Database>, IMPORTED_TABLES)
  return summary
}

/** Items written by an import: from this many on, the planner's statistics are refreshed after it. */
export const STATISTICS_AFTER = 1_000
/**
 * The tables an import writes a row or more per item to: on PostgreSQL only their statistics are
 * refreshed (a whole database's ANALYZE also samples every snapshot's rows, which no import changed).
 */
export const IMPORTED_TABLES = [
  'items',
  'item_proposers',
  'item_modalities',
  'item_events',
  'item_status_changes',
  'dashboard_tally_items',
] as const
export const writtenCount = (summary: ImportSummary) => summary.created.length + summary.updated.length

/**
 * The dry run: what importing these rows would do now, computed by the very code that imports
 * them, writing nothing. So a preview cannot disagree with the import that follows it on the
 * same database; `planDigest` tells whether the database has moved meanwhile.
 */
export async function planRows(
  db: Kysely<Database>,
  rows: ImportRow[],
  by: string | null,
  onProgress?: ImportProgress,
): Promise<ImportSummary> {
  void by
  return (await planImport(db, rows, 'as_recorded', onProgress)).summary
}

/** A fingerprint of what an import does (every row's outcome and changes, the new names); equal plans, equal digests. */
export function planDigest(summary: ImportSummary): string {
  const plan = {
    entries: summary.entries.map((e) => [e.ref, e.outcome, e.changes]),
    newTaxonomy: summary.newTaxonomy,
  }
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex')
}

/** What a new item holds in the fields a file leaves out: proposed, nothing else. */
const NEW_ITEM = Object.fromEntries(
  INPUT_FIELDS.map((f) => [f.name, emptyValue(f)]),
) as unknown as InputValues

/** The stored refs matching these refs whatever their case, by lower-cased ref. */
async function storedRefs(db: DB, refs: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (let start = 0; start < refs.length; start += 500) {
    const batch = refs.slice(start, start + 500).map((r) => r.toLowerCase())
    const stored = await db
      .selectFrom('items')
      .select('ref')
      .where(sql`lower(ref)`, 'in', batch)
      .execute()
    for (const { ref } of stored) found.set(ref.toLowerCase(), ref)
  }
  return found
}

/**
 * The rows of a file checked against the register, with every problem of the file: a ref that
 * matches a stored item only by case (for every row, whatever else is wrong with it), a new item
 * without a value it needs, and the rules between fields on the values as they would be stored.
 * A column the file leaves out keeps the stored value (a new item's is empty), so a file with
 * some of the columns, such as an XLSX export of a table view, updates just those.
 */
export async function checkedRows(db: DB, read: FileRead): Promise<ParseResult> {
  const errors = [...read.errors]
  const stored = await storedRefs(
    db,
    read.refs.map((r) => r.ref),
  )
  const refColumn = read.headers.ref ?? 'ref'
  for (const { row, ref } of read.refs) {
    const existing = stored.get(ref.toLowerCase())
    if (existing && existing !== ref)
      errors.push({ row, column: refColumn, key: 'refCase', values: { value: ref, existing } })
  }
  // The stored values of the rows' items: what the columns a file leaves out keep.
  const current = new Map<string, InputValues>()
  const known = read.rows.filter((r) => stored.get(r.ref.toLowerCase()) === r.ref).map((r) => r.ref)
  for (let start = 0; start < known.length; start += 500)
    for (const item of await getItemsByRefs(db, known.slice(start, start + 500)))
      current.set(item.ref, inputValuesOf(item))
  const rows: ImportRow[] = []
  for (const { row, ref, given } of read.rows) {
    const before = current.get(ref)
    const values = { ...(before ?? NEW_ITEM), ...given } as InputValues
    const inFile = (name: InputName) => name in given
    const columnOf = (name: InputName) => read.headers[name] ?? name
    const problems: ImportError[] = []
    if (!before)
      for (const field of INPUT_FIELDS)
        if ('required' in field && field.required && !inFile(field.name))
          problems.push({ row, column: columnOf(field.name), key: 'newItemNeeds', values: { value: ref } })
    for (const issue of itemRules(values, inFile))
      problems.push({ row, column: columnOf(issue.field), key: issue.message })
    if (problems.length) errors.push(...problems)
    else rows.push({ row, values })
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) }
  return { ok: true, rows, fromExport: read.fromExport, ignored: read.ignored }
}

/**
 * Reads a whole CSV or XLSX import file (by its name) and imports it: every row, or none if any is
 * wrong. The command line's importer reads a file in batches instead (`importFileInBatches`,
 * staged.server.ts), and comes here only when the register moved while it planned.
 */
export async function importWholeFile(
  db: Kysely<Database>,
  filename: string,
  bytes: Uint8Array,
  by: string | null,
): Promise<ImportOutcome> {
  const checked = await checkedRows(db, await readImportFile(filename, bytes))
  if (!checked.ok) return checked
  return { ok: true, summary: await importRows(db, checked.rows, by) }
}

/** Checks the whole file first; writes nothing unless every row is right. */
export async function importCsv(
  db: Kysely<Database>,
  content: string | Buffer,
  by: string | null,
): Promise<ImportOutcome> {
  const checked = await checkedRows(db, readInterchangeCsv(content))
  if (!checked.ok) return checked
  return { ok: true, summary: await importRows(db, checked.rows, by) }
}
