import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database, DB } from '../../db/schema'
import { inRolledBackTransaction, withinTransaction } from '../../db/transactions'
import {
  emptyValue,
  INPUT_FIELDS,
  inputValuesOf,
  storedFieldsOf,
  type InputName,
  type InputValues,
} from '../portfolio/field-kinds'
import {
  fieldsOfView,
  getItemByRef,
  getItemsByRefs,
  insertItem,
  nowIso,
  updateItemFields,
  type ItemFields,
} from '../portfolio/items.server'
import { itemRules } from '../portfolio/rules'
import { findOrCreateTaxonomy, type NewTaxonomyName } from '../portfolio/taxonomy.server'
import type { FieldChangeRecord } from '../history/events'
import { recordEvent } from '../history/history.server'
import { fieldChanges, valuesOfFields } from '../portfolio/changes.server'
import { readImportFile } from './files.server'
import { readInterchangeCsv, type FileRead, type ImportError } from './interchange'
import { statusMoveOf, type StatusMove, type StatusPolicy } from './status-moves'

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

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; errors: ImportError[] }

function fieldsOf(
  values: InputValues,
  taxonomy: { strategy_id: string; pillar_id: string | null; area_id: string | null },
): ItemFields {
  return storedFieldsOf((field) =>
    field.kind === 'taxonomy' ? taxonomy[`${field.name}_id`] : values[field.name],
  )
}

async function storedFields(
  db: DB,
  ref: string,
): Promise<{ id: string; version: number; fields: ItemFields } | null> {
  const item = await getItemByRef(db, ref)
  return item ? { id: item.id, version: item.version, fields: fieldsOfView(item) } : null
}

const sameFields = (a: ItemFields, b: ItemFields) =>
  JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort())

/**
 * Writes checked rows in one transaction, the caller's when `db` is one: a ref seen before
 * updates that item, a new ref creates one, an identical row changes nothing. All rows are
 * written or, if anything fails, none. Unseen strategies, pillars and areas are created. Each
 * created or updated item gets an "imported" event (an update lists its changed fields). The
 * importer sets the status directly, unlike the form: it loads plans whose items are already at
 * some stage (docs/decisions/0005-workflow.md).
 */
export async function importRows(
  db: DB,
  rows: ImportRow[],
  by: string | null,
  now: string = nowIso(),
  statusPolicy: StatusPolicy = 'as_recorded',
): Promise<ImportSummary> {
  return withinTransaction(db, async (trx) => {
    const summary: ImportSummary = {
      created: [],
      updated: [],
      unchanged: [],
      newTaxonomy: [],
      entries: [],
      disallowedMoves: [],
    }
    for (const { row, values } of rows) {
      const { created, ...taxonomy } = await findOrCreateTaxonomy(trx, values, now)
      summary.newTaxonomy.push(...created)
      const fields = fieldsOf(values, taxonomy)
      const existing = await storedFields(trx, values.ref)
      const entry = (
        outcome: ImportOutcomeKind,
        changes: FieldChangeRecord[] = [],
        statusMove?: StatusMove,
      ) => {
        summary[outcome].push(values.ref)
        summary.entries.push({
          ref: values.ref,
          row,
          title_en: values.title_en,
          outcome,
          changes,
          ...(statusMove ? { statusMove } : {}),
        })
      }
      if (!existing) {
        const id = await insertItem(trx, fields, by, now)
        await recordEvent(trx, id, by, now, {
          kind: 'imported',
          details: { created: true, status: fields.status, changes: [] },
        })
        entry('created')
        continue
      }
      const changes = sameFields(existing.fields, fields)
        ? []
        : fieldChanges(await valuesOfFields(trx, existing.fields), await valuesOfFields(trx, fields))
      if (changes.length === 0) {
        entry('unchanged')
      } else {
        const statusMove =
          existing.fields.status === fields.status
            ? undefined
            : statusMoveOf(values.ref, row, existing.fields.status, workflowValuesOf(values), fields.status)
        if (statusMove && !statusMove.allowed) summary.disallowedMoves.push(statusMove)
        // Changed by someone else since it was read above: stop, so the whole file rolls back.
        if (!(await updateItemFields(trx, existing.id, fields, existing.version, by, now)))
          throw new Error(`Item ${values.ref} changed during the import; nothing was imported. Try again.`)
        await recordEvent(trx, existing.id, by, now, {
          kind: 'imported',
          details: {
            created: false,
            status: null,
            changes,
            // a status change the workflow does not allow, applied as the secretariat recorded it
            ...(statusMove && !statusMove.allowed && statusPolicy === 'as_recorded'
              ? { status_as_recorded: true }
              : {}),
          },
        })
        entry('updated', changes, statusMove)
      }
    }
    return summary
  })
}

/** What the workflow's rules read of a row: its values as the API shows them (USD million). */
function workflowValuesOf(values: InputValues) {
  return {
    proposers: values.proposers,
    archived: false,
    cost_usd_m: values.cost_usd_m,
    secured_usd_m: values.secured_usd_m,
    partners: values.partners,
  }
}

/**
 * The dry run: what importing these rows would do now, computed by the very code that imports
 * them, in a transaction that is rolled back. So a preview cannot disagree with the import that
 * follows it on the same database; `planDigest` tells whether the database has moved meanwhile.
 */
export async function planRows(
  db: Kysely<Database>,
  rows: ImportRow[],
  by: string | null,
): Promise<ImportSummary> {
  return inRolledBackTransaction(db, (trx) => importRows(trx, rows, by))
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

/** Reads a CSV or XLSX import file (by its name) and imports it: every row, or none if any is wrong. */
export async function importFile(
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
