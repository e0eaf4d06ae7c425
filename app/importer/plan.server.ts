import { sql } from 'kysely'
import type { DB } from '../../db/schema'
import type { FieldChangeRecord } from '../history/events'
import { recordEvents, syncTalliesOf, type EventToRecord } from '../history/history.server'
import { fieldChanges, valuesOfFieldsNamed } from '../portfolio/changes.server'
import { storedFieldsOf, type InputValues } from '../portfolio/field-kinds'
import {
  fieldsOfView,
  getItemsByRefs,
  insertItems,
  updateItemsFields,
  type ItemFields,
  type ItemUpdate,
} from '../portfolio/items.server'
import type {
  ImportEntry,
  ImportOutcomeKind,
  ImportProgress,
  ImportRow,
  ImportSummary,
} from './import.server'
import { statusMoveOf, type StatusMove, type StatusPolicy } from './status-moves'
import { insertTaxonomy, TaxonomyIndex, type NewTaxonomyRow } from './taxonomy-index.server'

// An import in two parts (docs/decisions/0041-import-batches.md). The plan reads what the file's
// rows touch in a few statements (the taxonomy once, the stored items 500 at a time), and works
// out every row's outcome in memory, writing nothing: it is the preview, and the confirmation's
// first part, run outside any write transaction. The write then takes one short transaction:
// it checks that nothing the plan read has moved (the items' versions, the refs it creates, the
// taxonomy) and writes the plan in multi-row statements.

/** Rows planned between two progress reports. */
const PROGRESS_EVERY = 500

/** What a batch of rows does: written by `writeBatch`, checked by `batchHolds`. */
export interface BatchPlan {
  creates: ItemFields[]
  updates: Array<ItemUpdate & { changes: FieldChangeRecord[]; asRecorded: boolean }>
  /** every stored item the file names (unchanged ones too), at the version the plan read */
  seen: Array<{ id: string; version: number }>
  /** the refs the plan creates, which must still be free when it is written */
  createRefs: string[]
}

export interface ImportPlan extends BatchPlan {
  summary: ImportSummary
  newTaxonomy: NewTaxonomyRow[]
  taxonomyFingerprint: string
}

export const emptySummary = (): ImportSummary => ({
  created: [],
  updated: [],
  unchanged: [],
  newTaxonomy: [],
  entries: [],
  disallowedMoves: [],
})

function fieldsOf(
  values: InputValues,
  taxonomy: { strategy_id: string; pillar_id: string | null; area_id: string | null },
): ItemFields {
  return storedFieldsOf((field) =>
    field.kind === 'taxonomy' ? taxonomy[`${field.name}_id`] : values[field.name],
  )
}

const sameFields = (a: ItemFields, b: ItemFields) =>
  JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort())

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
 * What importing checked rows does to the register as it is now: a ref seen before updates that
 * item, a new ref creates one, an identical row changes nothing; names not seen before are made.
 */
export async function planImport(
  db: DB,
  rows: readonly ImportRow[],
  statusPolicy: StatusPolicy,
  onProgress?: ImportProgress,
): Promise<ImportPlan> {
  const taxonomy = await TaxonomyIndex.load(db)
  const summary = emptySummary()
  const batch = await planBatch(db, taxonomy, rows, statusPolicy, summary, (done) =>
    onProgress?.(done, rows.length),
  )
  if (onProgress) await onProgress(rows.length, rows.length)
  return {
    ...batch,
    summary,
    newTaxonomy: taxonomy.added,
    taxonomyFingerprint: taxonomy.fingerprint,
  }
}

/**
 * planImport for some of a file's rows: `taxonomy` is the whole import's (the names the rows
 * bring are made once and kept in it) and each row's outcome is added to `summary`.
 */
export async function planBatch(
  db: DB,
  taxonomy: TaxonomyIndex,
  rows: readonly ImportRow[],
  statusPolicy: StatusPolicy,
  summary: ImportSummary,
  onProgress?: (done: number) => void | Promise<void>,
): Promise<BatchPlan> {
  const stored = new Map<string, { id: string; version: number; fields: ItemFields }>()
  for (let start = 0; start < rows.length; start += 500)
    for (const item of await getItemsByRefs(
      db,
      rows.slice(start, start + 500).map((r) => r.values.ref),
    ))
      stored.set(item.ref, { id: item.id, version: item.version, fields: fieldsOfView(item) })

  const plan: BatchPlan = { creates: [], updates: [], seen: [], createRefs: [] }
  const nameOf = (id: string) => taxonomy.nameOf(id)
  for (const [index, { row, values }] of rows.entries()) {
    if (onProgress && index % PROGRESS_EVERY === 0) await onProgress(index)
    const { created, ...ids } = taxonomy.resolve(values)
    summary.newTaxonomy.push(...created)
    const fields = fieldsOf(values, ids)
    const existing = stored.get(values.ref)
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
      } satisfies ImportEntry)
    }
    if (!existing) {
      plan.creates.push(fields)
      plan.createRefs.push(values.ref)
      entry('created')
      continue
    }
    plan.seen.push({ id: existing.id, version: existing.version })
    const changes = sameFields(existing.fields, fields)
      ? []
      : fieldChanges(valuesOfFieldsNamed(existing.fields, nameOf), valuesOfFieldsNamed(fields, nameOf))
    if (changes.length === 0) {
      entry('unchanged')
      continue
    }
    const statusMove =
      existing.fields.status === fields.status
        ? undefined
        : statusMoveOf(values.ref, row, existing.fields.status, workflowValuesOf(values), fields.status)
    if (statusMove && !statusMove.allowed) summary.disallowedMoves.push(statusMove)
    plan.updates.push({
      id: existing.id,
      fields,
      expectedVersion: existing.version,
      changes,
      // a status change the workflow does not allow, applied as the secretariat recorded it
      asRecorded: !!statusMove && !statusMove.allowed && statusPolicy === 'as_recorded',
    })
    entry('updated', changes, statusMove)
  }
  return plan
}

/**
 * Whether a plan made before this transaction still describes the register: every item it read
 * at the same version, no ref it creates taken meanwhile (whatever its case), the same taxonomy.
 */
export async function planHolds(db: DB, plan: ImportPlan): Promise<boolean> {
  return (await taxonomyHolds(db, plan.taxonomyFingerprint)) && batchHolds(db, plan)
}

/** Whether the strategies, pillars and areas are still those a plan read. */
export async function taxonomyHolds(db: DB, fingerprint: string): Promise<boolean> {
  return (await TaxonomyIndex.load(db)).fingerprint === fingerprint
}

/** planHolds for one batch of a plan: its items at the versions read, the refs it creates still free. */
export async function batchHolds(db: DB, plan: BatchPlan): Promise<boolean> {
  const versions = new Map(plan.seen.map((s) => [s.id, s.version]))
  for (let start = 0; start < plan.seen.length; start += 500) {
    const slice = plan.seen.slice(start, start + 500)
    const rows = await db
      .selectFrom('items')
      .select(['id', 'version'])
      .where(
        'id',
        'in',
        slice.map((s) => s.id),
      )
      .execute()
    if (rows.length !== slice.length || rows.some((r) => versions.get(r.id) !== r.version)) return false
  }
  for (let start = 0; start < plan.createRefs.length; start += 500) {
    const taken = await db
      .selectFrom('items')
      .select('id')
      .where(
        sql`lower(ref)`,
        'in',
        plan.createRefs.slice(start, start + 500).map((r) => r.toLowerCase()),
      )
      .executeTakeFirst()
    if (taken) return false
  }
  return true
}

/**
 * Writes a plan inside the caller's transaction: the new names, the new items, the updates (each
 * only if its item is still at the version planned: false otherwise, and the caller rolls back),
 * and an "imported" event per item written.
 */
export async function writePlan(db: DB, plan: ImportPlan, by: string | null, now: string): Promise<boolean> {
  await insertTaxonomy(db, plan.newTaxonomy, now)
  const written = await writeBatch(db, plan, by, now)
  if (!written) return false
  await syncTalliesOf(db, written)
  return true
}

/**
 * Writes one batch of a plan (its new names already written): its new items, its updates and
 * their events. Answers the items written, whose dashboard tallies the caller brings up to date
 * once for all batches (`syncTalliesOf`); false when an item moved, as writePlan.
 */
export async function writeBatch(
  db: DB,
  plan: BatchPlan,
  by: string | null,
  now: string,
): Promise<string[] | false> {
  const ids = await insertItems(db, plan.creates, by, now)
  await recordEvents(
    db,
    ids.map((itemId, i) => ({
      itemId,
      event: { kind: 'imported', details: { created: true, status: plan.creates[i]!.status, changes: [] } },
    })),
    by,
    now,
    true,
    false,
  )
  if (!(await updateItemsFields(db, plan.updates, by, now))) return false
  await recordEvents(
    db,
    plan.updates.map(
      ({ id, changes, asRecorded }): EventToRecord => ({
        itemId: id,
        event: {
          kind: 'imported',
          details: {
            created: false,
            status: null,
            changes,
            ...(asRecorded ? { status_as_recorded: true } : {}),
          },
        },
      }),
    ),
    by,
    now,
    false,
    false,
  )
  return [...ids, ...plan.updates.map((u) => u.id)]
}

/** Items written by a plan: past this many, the database's statistics are refreshed after it. */
export const plannedWrites = (plan: ImportPlan) => plan.creates.length + plan.updates.length
