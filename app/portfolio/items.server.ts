import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { DB, ItemsTable } from '../../db/schema'
import type { Actor } from '../permissions/permissions'
import { can } from '../permissions/permissions'
import type { Quadrant } from './codes'
import { EDITABLE_FIELDS, type EditableField, type ItemView } from './item-view'
import { gapOf, kusdToMillion } from './money'
import { quadrantOf } from './quadrant'
import { splitList, type ItemInput } from './schema'
import { checkTaxonomyIds } from './taxonomy.server'
import { fieldChanges, recordEvent, valuesOfFields, valuesOfView } from '../workflow/history.server'

export const nowIso = () => new Date().toISOString()

/** Everything stored about an item that a write sets, before the columns derived from it. */
export interface ItemFields {
  ref: string
  title_en: string
  title_zh: string | null
  title_ru: string | null
  description_en: string | null
  source: string | null
  strategy_id: string
  pillar_id: string | null
  area_id: string | null
  status: string
  start_year: number | null
  end_year: number | null
  cost_kusd: number | null
  secured_kusd: number | null
  /**
   * The secured funding by source (docs/decisions/0010-financing-sources.md). Left out (undefined)
   * by writers that do not know it, the importer: the stored values then stay as they are.
   */
  secured_government_kusd?: number | null
  secured_partners_kusd?: number | null
  secured_private_kusd?: number | null
  strategic_importance: number | null
  ease_of_implementation: number | null
  partners: string[]
  proposers: string[]
  modalities: string[]
}

/**
 * The stored columns that follow from the others; app code keeps them so both databases index them.
 * `committedKusd`: the item's committed co-financing, which the gap counts as secured (0 for a new item).
 */
export function itemColumns(fields: ItemFields, committedKusd = 0) {
  const { proposers, modalities, partners, ...given } = fields
  // A source left out is not written (the importer's rows have none); null is written as null.
  const columns = Object.fromEntries(
    Object.entries(given).filter(([, value]) => value !== undefined),
  ) as typeof given
  return {
    ...columns,
    partners: partners.join(';'),
    gap_kusd: gapOf(fields.cost_kusd, fields.secured_kusd, committedKusd),
    quadrant: quadrantOf(fields.strategic_importance, fields.ease_of_implementation),
    // null, not '', for none: an item without proposers sorts with the other empty values, last
    proposers_key: proposers.join(';') || null,
    modalities_key: modalities.join(';') || null,
    search_text: [fields.ref, fields.title_en, fields.title_zh, fields.title_ru]
      .filter(Boolean)
      .join('\n')
      .toLowerCase(),
  } satisfies Partial<ItemsTable>
}

async function writeLists(db: DB, itemId: string, fields: Pick<ItemFields, 'proposers' | 'modalities'>) {
  await db.deleteFrom('item_proposers').where('item_id', '=', itemId).execute()
  await db.deleteFrom('item_modalities').where('item_id', '=', itemId).execute()
  if (fields.proposers.length) {
    await db
      .insertInto('item_proposers')
      .values(fields.proposers.map((country_code, position) => ({ item_id: itemId, country_code, position })))
      .execute()
  }
  if (fields.modalities.length) {
    await db
      .insertInto('item_modalities')
      .values(fields.modalities.map((type_code, position) => ({ item_id: itemId, type_code, position })))
      .execute()
  }
}

export async function insertItem(
  db: DB,
  fields: ItemFields,
  by: string | null,
  now: string,
): Promise<string> {
  const id = randomUUID()
  await db
    .insertInto('items')
    .values({
      id,
      ...itemColumns(fields),
      archived: 0,
      version: 1,
      created_at: now,
      created_by: by,
      updated_at: now,
      updated_by: by,
    })
    .execute()
  await writeLists(db, id, fields)
  return id
}

/** Writes new values if the item is still at `expectedVersion`; false when someone saved in between. */
export async function updateItemFields(
  db: DB,
  id: string,
  fields: ItemFields,
  expectedVersion: number,
  by: string | null,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('items')
    .set({ ...itemColumns(fields), version: expectedVersion + 1, updated_at: now, updated_by: by })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return false
  // The gap counts committed co-financing flags as secured. Read now that the update holds the
  // row lock (app/cofinancing takes the same lock first), so a flag saved meanwhile is counted.
  const committed = await committedKusdOf(db, id)
  if (committed !== 0) {
    await db
      .updateTable('items')
      .set({ gap_kusd: itemColumns(fields, committed).gap_kusd })
      .where('id', '=', id)
      .execute()
  }
  // Once steering committee members have scored the item, their medians place it, not the
  // direct scores just written (app/prioritisation/aggregate.ts effectiveScores).
  const members = await db
    .selectFrom('items')
    .select(['scores_count', 'importance_median', 'ease_median'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  if (members.scores_count > 0) {
    await db
      .updateTable('items')
      .set({ quadrant: quadrantOf(members.importance_median, members.ease_median) })
      .where('id', '=', id)
      .execute()
  }
  await writeLists(db, id, fields)
  return true
}

/**
 * Takes the item's row lock without changing the row: on PostgreSQL the no-op update holds the
 * lock until the transaction ends, so writers of one item (comments, flags, scores, edits) go one
 * at a time and the history's next `seq` cannot race; on SQLite writes are serialised anyway.
 */
export async function lockItemRow(db: DB, itemId: string): Promise<void> {
  await db
    .updateTable('items')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', itemId)
    .execute()
}

/** The sum of an item's live committed co-financing flags (app/cofinancing), in thousands of USD. */
export async function committedKusdOf(db: DB, itemId: string): Promise<number> {
  const row = await db
    .selectFrom('cofinancing_flags')
    .select((eb) => eb.fn.sum<number | string | null>('amount_kusd').as('total'))
    .where('item_id', '=', itemId)
    .where('stage', '=', 'committed')
    .where('withdrawn', '=', 0)
    .executeTakeFirst()
  return Number(row?.total ?? 0)
}

// ---------------------------------------------------------------------------------------------
// Reading

function itemSelect(db: DB) {
  return db
    .selectFrom('items as i')
    .innerJoin('strategies as s', 's.id', 'i.strategy_id')
    .leftJoin('pillars as p', 'p.id', 'i.pillar_id')
    .leftJoin('areas as a', 'a.id', 'i.area_id')
    .leftJoin('users as u', 'u.id', 'i.updated_by')
    .select([
      'i.id',
      'i.ref',
      'i.title_en',
      'i.title_zh',
      'i.title_ru',
      'i.description_en',
      'i.source',
      'i.status',
      'i.start_year',
      'i.end_year',
      'i.cost_kusd',
      'i.secured_kusd',
      'i.gap_kusd',
      'i.secured_government_kusd',
      'i.secured_partners_kusd',
      'i.secured_private_kusd',
      'i.strategic_importance',
      'i.ease_of_implementation',
      'i.quadrant',
      'i.partners',
      'i.archived',
      'i.published',
      'i.version',
      'i.created_at',
      'i.updated_at',
      'i.strategy_id',
      'i.pillar_id',
      'i.area_id',
      's.name as strategy',
      'p.name as pillar',
      'a.name as area',
      'u.name as updated_by_name',
    ])
}
type ItemSelectRow = Awaited<ReturnType<ReturnType<typeof itemSelect>['executeTakeFirstOrThrow']>>

async function withLists(db: DB, rows: ItemSelectRow[]): Promise<ItemView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [proposers, modalities] = await Promise.all([
    db
      .selectFrom('item_proposers')
      .select(['item_id', 'country_code as code'])
      .where('item_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('item_modalities')
      .select(['item_id', 'type_code as code'])
      .where('item_id', 'in', ids)
      .orderBy('position')
      .execute(),
  ])
  const group = (list: Array<{ item_id: string; code: string }>) => {
    const map = new Map<string, string[]>()
    for (const { item_id, code } of list) map.set(item_id, [...(map.get(item_id) ?? []), code])
    return map
  }
  const proposersOf = group(proposers)
  const modalitiesOf = group(modalities)
  return rows.map((r) => ({
    id: r.id,
    ref: r.ref,
    strategy: r.strategy,
    strategy_id: r.strategy_id,
    pillar: r.pillar,
    pillar_id: r.pillar_id,
    area: r.area,
    area_id: r.area_id,
    title_en: r.title_en,
    title_zh: r.title_zh,
    title_ru: r.title_ru,
    modalities: modalitiesOf.get(r.id) ?? [],
    proposers: proposersOf.get(r.id) ?? [],
    status: r.status,
    start_year: r.start_year,
    end_year: r.end_year,
    cost_usd_m: kusdToMillion(r.cost_kusd),
    secured_usd_m: kusdToMillion(r.secured_kusd),
    gap_usd_m: kusdToMillion(r.gap_kusd),
    secured_government_usd_m: kusdToMillion(r.secured_government_kusd),
    secured_partners_usd_m: kusdToMillion(r.secured_partners_kusd),
    secured_private_usd_m: kusdToMillion(r.secured_private_kusd),
    partners: splitList(r.partners),
    strategic_importance: r.strategic_importance,
    ease_of_implementation: r.ease_of_implementation,
    quadrant: r.quadrant as Quadrant,
    description_en: r.description_en,
    source: r.source,
    archived: Number(r.archived) === 1,
    published: Number(r.published) === 1,
    version: r.version,
    created_at: r.created_at,
    updated_at: r.updated_at,
    updated_by_name: r.updated_by_name,
  }))
}

export async function getItemByRef(db: DB, ref: string): Promise<ItemView | null> {
  const row = await itemSelect(db).where('i.ref', '=', ref).executeTakeFirst()
  if (!row) return null
  const [item] = await withLists(db, [row])
  return item ?? null
}

/** The items with these refs, in the order given. */
export async function getItemsByRefs(db: DB, refs: readonly string[]): Promise<ItemView[]> {
  if (refs.length === 0) return []
  const rows = await itemSelect(db)
    .where('i.ref', 'in', [...refs])
    .execute()
  const position = new Map(refs.map((ref, index) => [ref, index]))
  rows.sort((a, b) => position.get(a.ref)! - position.get(b.ref)!)
  return withLists(db, rows)
}

// ---------------------------------------------------------------------------------------------
// Writing from the form

export type SaveOutcome =
  | { kind: 'saved'; ref: string }
  | { kind: 'invalid'; fieldErrors: Record<string, string[]> }
  | { kind: 'conflict'; current: ItemView; changes: FieldChange[] }
  | { kind: 'not_found' }

export interface FieldChange {
  field: EditableField
  before: unknown
  after: unknown
}

/**
 * A list chosen in the form, in the stored order where it can be: the form lists checkboxes in
 * a fixed order, and saving an item unchanged must not reorder its proposers (the plan's order).
 * Kept entries stay where they were; new ones follow in the form's order.
 */
function inStoredOrder(stored: readonly string[], chosen: readonly string[]): string[] {
  const unique = [...new Set(chosen)]
  return [
    ...stored.filter((code) => unique.includes(code)),
    ...unique.filter((code) => !stored.includes(code)),
  ]
}

/**
 * The stored fields a form save writes. Status is not on the form: it changes only through
 * workflow transitions (app/workflow), so a new item is proposed and an edit keeps it.
 */
function fieldsFromForm(
  input: ItemInput,
  kept: {
    source: string | null
    status: string
    proposers: readonly string[]
    modalities: readonly string[]
  },
): ItemFields {
  return {
    ref: input.ref,
    title_en: input.title_en,
    title_zh: input.title_zh || null,
    title_ru: input.title_ru || null,
    description_en: input.description_en || null,
    source: kept.source,
    strategy_id: input.strategy_id,
    pillar_id: input.pillar_id || null,
    area_id: input.area_id || null,
    status: kept.status,
    start_year: input.start_year ?? null,
    end_year: input.end_year ?? null,
    cost_kusd: input.cost_usd_m ?? null,
    secured_kusd: input.secured_usd_m ?? null,
    secured_government_kusd: input.secured_government_usd_m ?? null,
    secured_partners_kusd: input.secured_partners_usd_m ?? null,
    secured_private_kusd: input.secured_private_usd_m ?? null,
    strategic_importance: input.strategic_importance ?? null,
    ease_of_implementation: input.ease_of_implementation ?? null,
    partners: splitList(input.partners), // ';' only: a partner may be called "Korea, Republic of"
    proposers: inStoredOrder(kept.proposers, input.proposers),
    modalities: inStoredOrder(kept.modalities, input.modalities),
  }
}

async function checkForm(
  db: DB,
  actor: Actor,
  input: ItemInput,
  ownId: string | null,
): Promise<Record<string, string[]> | null> {
  const taxonomyFault = await checkTaxonomyIds(db, input)
  if (taxonomyFault) return { [taxonomyFault.field]: ['validation.taxonomy'] }
  // Refs are unique whatever their case (an index on lower(ref) holds the line): CITA-01-a and cita-01-a are one ref.
  const sameRef = await db
    .selectFrom('items')
    .select('id')
    .where(sql`lower(ref)`, '=', input.ref.toLowerCase())
    .executeTakeFirst()
  if (sameRef && sameRef.id !== ownId) return { ref: ['validation.refTaken'] }
  // A working group member may only save items that stay proposed by one of their countries.
  if (!can(actor, 'item:edit', { proposers: input.proposers }))
    return { proposers: ['validation.proposersOwnCountry'] }
  return null
}

/** New items start as proposed; the item and its "created" event are written together. */
export async function createItem(db: DB, actor: Actor, input: ItemInput): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx) => {
    const fieldErrors = await checkForm(trx, actor, input, null)
    if (fieldErrors) return { kind: 'invalid', fieldErrors }
    const now = nowIso()
    const status = 'proposed'
    const id = await insertItem(
      trx,
      fieldsFromForm(input, { source: null, status, proposers: [], modalities: [] }),
      actor.id,
      now,
    )
    await recordEvent(trx, id, actor.id, now, { kind: 'created', details: { status } })
    return { kind: 'saved', ref: input.ref }
  })
}

/** What changed between the version the user started from and the one stored now. */
export function changesBetween(
  before: Partial<Record<EditableField, unknown>>,
  after: ItemView,
): FieldChange[] {
  return EDITABLE_FIELDS.filter(
    (field) =>
      field in before && JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null),
  ).map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }))
}

export function baselineOf(item: ItemView): Record<EditableField, unknown> {
  return Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, item[field]])) as Record<
    EditableField,
    unknown
  >
}

function parseBaseline(text: string | null): Partial<Record<EditableField, unknown>> {
  if (!text) return {}
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<EditableField, unknown>)
      : {}
  } catch {
    return {}
  }
}

/**
 * Saves an edit made from `input.version`. If someone saved since, nothing is written and the
 * outcome lists what they changed (against `baseline`, the values the form was opened with).
 * A save that changes something writes one "edited" event listing each changed field; a save
 * that changes nothing writes nothing, not even a new version.
 */
export async function updateItem(
  db: DB,
  actor: Actor,
  ref: string,
  input: ItemInput,
  baseline: string | null,
): Promise<SaveOutcome> {
  const outcome = await db.transaction().execute(async (trx): Promise<SaveOutcome | { kind: 'stale' }> => {
    const current = await getItemByRef(trx, ref)
    if (!current) return { kind: 'not_found' }
    const expected = input.overwrite_version ?? input.version ?? current.version
    if (expected !== current.version) return { kind: 'stale' }
    const fieldErrors = await checkForm(trx, actor, input, current.id)
    if (fieldErrors) return { kind: 'invalid', fieldErrors }
    const fields = fieldsFromForm(input, current)
    const changes = fieldChanges(valuesOfView(current), await valuesOfFields(trx, fields))
    if (changes.length === 0) return { kind: 'saved', ref: current.ref }
    const now = nowIso()
    if (!(await updateItemFields(trx, current.id, fields, expected, actor.id, now))) return { kind: 'stale' }
    await recordEvent(trx, current.id, actor.id, now, { kind: 'edited', details: { changes } })
    return { kind: 'saved', ref: input.ref }
  })
  if (outcome.kind !== 'stale') return outcome
  const current = await getItemByRef(db, ref)
  if (!current) return { kind: 'not_found' }
  return { kind: 'conflict', current, changes: changesBetween(parseBaseline(baseline), current) }
}

/** Archives or restores, with its event; an item already so is left as it is (no new version). */
export async function setArchived(
  db: DB,
  actor: Actor,
  ref: string,
  archived: boolean,
): Promise<'done' | 'not_found'> {
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('items')
      .select(['id', 'archived'])
      .where('ref', '=', ref)
      .executeTakeFirst()
    if (!item) return 'not_found'
    if ((Number(item.archived) === 1) === archived) return 'done'
    const now = nowIso()
    const result = await trx
      .updateTable('items')
      .set((eb) => ({
        archived: archived ? 1 : 0,
        version: eb('version', '+', 1),
        updated_at: now,
        updated_by: actor.id,
      }))
      .where('id', '=', item.id)
      .where('archived', '=', archived ? 0 : 1)
      .executeTakeFirst()
    // Someone else did the same meanwhile: theirs is the change on record.
    if (Number(result.numUpdatedRows) !== 1) return 'done'
    await recordEvent(trx, item.id, actor.id, now, { kind: archived ? 'archived' : 'restored', details: {} })
    return 'done'
  })
}

/** The proposers of an item, for permission checks before anything else is read. */
export async function getItemScope(
  db: DB,
  ref: string,
): Promise<{ id: string; proposers: string[]; archived: boolean } | null> {
  const item = await db
    .selectFrom('items')
    .select(['id', 'archived'])
    .where('ref', '=', ref)
    .executeTakeFirst()
  if (!item) return null
  const proposers = await db
    .selectFrom('item_proposers')
    .select('country_code')
    .where('item_id', '=', item.id)
    .orderBy('position')
    .execute()
  return {
    id: item.id,
    archived: Number(item.archived) === 1,
    proposers: proposers.map((p) => p.country_code),
  }
}
