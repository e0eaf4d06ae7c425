import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database, DB } from '../../db/schema'
import { inRolledBackTransaction, withinTransaction } from '../../db/transactions'
import { insertItem, nowIso, updateItemFields, type ItemFields } from '../portfolio/items.server'
import { findOrCreateTaxonomy, type NewTaxonomyName } from '../portfolio/taxonomy.server'
import type { FieldChangeRecord } from '../history/events'
import { recordEvent } from '../history/history.server'
import { fieldChanges, valuesOfFields } from '../portfolio/changes.server'
import { readImportFile } from './files.server'
import { readInterchangeCsv, type ImportError, type ImportRow, type ParseResult } from './interchange'

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
}

export interface ImportSummary {
  created: string[]
  updated: string[]
  unchanged: string[]
  newTaxonomy: NewTaxonomyName[]
  /** every row in file order */
  entries: ImportEntry[]
}

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; errors: ImportError[] }

function fieldsOf(
  row: ImportRow,
  taxonomy: { strategy_id: string; pillar_id: string | null; area_id: string | null },
): ItemFields {
  return {
    ref: row.ref,
    title_en: row.title_en,
    title_zh: row.title_zh,
    title_ru: row.title_ru,
    description_en: row.description_en,
    source: row.source,
    ...taxonomy,
    status: row.status,
    start_year: row.start_year,
    end_year: row.end_year,
    cost_kusd: row.cost_kusd,
    secured_kusd: row.secured_kusd,
    strategic_importance: row.strategic_importance,
    ease_of_implementation: row.ease_of_implementation,
    partners: row.partners,
    proposers: row.proposers,
    modalities: row.modalities,
  }
}

async function storedFields(
  db: DB,
  ref: string,
): Promise<{ id: string; version: number; fields: ItemFields } | null> {
  const item = await db.selectFrom('items').selectAll().where('ref', '=', ref).executeTakeFirst()
  if (!item) return null
  const [proposers, modalities] = await Promise.all([
    db
      .selectFrom('item_proposers')
      .select('country_code')
      .where('item_id', '=', item.id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('item_modalities')
      .select('type_code')
      .where('item_id', '=', item.id)
      .orderBy('position')
      .execute(),
  ])
  return {
    id: item.id,
    version: item.version,
    fields: {
      ref: item.ref,
      title_en: item.title_en,
      title_zh: item.title_zh,
      title_ru: item.title_ru,
      description_en: item.description_en,
      source: item.source,
      strategy_id: item.strategy_id,
      pillar_id: item.pillar_id,
      area_id: item.area_id,
      status: item.status,
      start_year: item.start_year,
      end_year: item.end_year,
      cost_kusd: item.cost_kusd,
      secured_kusd: item.secured_kusd,
      strategic_importance: item.strategic_importance,
      ease_of_implementation: item.ease_of_implementation,
      partners: item.partners ? item.partners.split(';') : [],
      proposers: proposers.map((p) => p.country_code),
      modalities: modalities.map((m) => m.type_code),
    },
  }
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
): Promise<ImportSummary> {
  return withinTransaction(db, async (trx) => {
    const summary: ImportSummary = { created: [], updated: [], unchanged: [], newTaxonomy: [], entries: [] }
    for (const row of rows) {
      const { created, ...taxonomy } = await findOrCreateTaxonomy(trx, row, now)
      summary.newTaxonomy.push(...created)
      const fields = fieldsOf(row, taxonomy)
      const existing = await storedFields(trx, row.ref)
      const entry = (outcome: ImportOutcomeKind, changes: FieldChangeRecord[] = []) => {
        summary[outcome].push(row.ref)
        summary.entries.push({ ref: row.ref, row: row.row, title_en: row.title_en, outcome, changes })
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
        // Changed by someone else since it was read above: stop, so the whole file rolls back.
        if (!(await updateItemFields(trx, existing.id, fields, existing.version, by, now)))
          throw new Error(`Item ${row.ref} changed during the import; nothing was imported. Try again.`)
        await recordEvent(trx, existing.id, by, now, {
          kind: 'imported',
          details: { created: false, status: null, changes },
        })
        entry('updated', changes)
      }
    }
    return summary
  })
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

/** Rows whose ref matches a stored item's only when case is ignored: a clash, not an update. */
export async function refCaseClashes(db: DB, rows: ImportRow[]): Promise<ImportError[]> {
  const errors: ImportError[] = []
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500)
    const stored = await db
      .selectFrom('items')
      .select('ref')
      .where(
        sql`lower(ref)`,
        'in',
        batch.map((r) => r.ref.toLowerCase()),
      )
      .execute()
    const byKey = new Map(stored.map((s) => [s.ref.toLowerCase(), s.ref]))
    for (const row of batch) {
      const existing = byKey.get(row.ref.toLowerCase())
      if (existing && existing !== row.ref)
        errors.push({ row: row.row, column: 'ref', key: 'refCase', values: { value: row.ref, existing } })
    }
  }
  return errors
}

/** The rows of a file, checked on their own and against the stored refs; errors mean nothing may be imported. */
export async function checkedRows(db: DB, parsed: ParseResult): Promise<ParseResult> {
  if (!parsed.ok) return parsed
  const clashes = await refCaseClashes(db, parsed.rows)
  return clashes.length ? { ok: false, errors: clashes } : parsed
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
