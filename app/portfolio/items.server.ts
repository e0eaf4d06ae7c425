import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { DB, ItemsTable } from '../../db/schema'
import { withinTransaction } from '../../db/transactions'
import { insertRows, rowsPerStatement } from '../../db/insert-rows'
import { recordEvent } from '../history/history.server'
import {
  can,
  canSaveItem,
  forbiddenOutcome,
  mayRemoveProposers,
  type Actor,
  type Forbidden,
} from '../permissions/permissions'
import { fieldChanges, valuesOfFields, valuesOfView } from './changes.server'
import {
  codesFromKey,
  emptyValue,
  INPUT_FIELDS,
  storedFieldsOf,
  storedKey,
  storedValue,
  fromColumn,
  type StoredFields,
} from './field-kinds'
import { foldForSearch } from './search-text'
import {
  confirmedSources,
  nextSources,
  outdatedFields,
  parseSources,
  translationColumns,
  type TranslatedField,
} from './translations.server'
import { FIELDS } from './fields'
import { EDITABLE_FIELDS, type EditableField, type ItemView } from './item-view'
import { gapOf } from './money'
import { quadrantOf } from './quadrant'
import type { ItemInput } from './schema'
import { checkTaxonomyIds } from './taxonomy.server'

export const nowIso = () => new Date().toISOString()

/**
 * Everything stored about an item that a write sets, before the columns derived from it: the
 * registry's input fields (fields.ts) by column, amounts in USD thousands, taxonomy by id.
 */
export type ItemFields = StoredFields

/** The columns a write sets: the fields and what follows from them. */
type WrittenColumns = Omit<
  ItemsTable,
  | 'id'
  | 'archived'
  | 'published'
  | 'version'
  | 'created_at'
  | 'created_by'
  | 'updated_at'
  | 'updated_by'
  | 'scores_count'
  | 'importance_median'
  | 'ease_median'
  | 'interest_key'
>

/**
 * The stored columns of the fields, and those that follow from them; app code keeps the latter so
 * both databases index them. `committedKusd`: the item's committed co-financing, which the gap
 * counts as secured (0 for a new item).
 */
export function itemColumns(fields: ItemFields, committedKusd = 0): WrittenColumns {
  const columns: Record<string, unknown> = {}
  for (const field of INPUT_FIELDS) {
    const value = fields[storedKey(field)]
    // null, not '', for none: an item without proposers sorts with the other empty values, last
    if (field.kind === 'codes') columns[field.list.key] = (value as string[]).join(';') || null
    else if (field.kind === 'list') columns[field.column] = (value as string[]).join(';')
    else columns[field.column] = value
  }
  return {
    ...(columns as Omit<WrittenColumns, 'gap_kusd' | 'quadrant' | 'search_text'>),
    gap_kusd: gapOf(fields.cost_kusd, fields.secured_kusd, committedKusd),
    quadrant: quadrantOf(fields.strategic_importance, fields.ease_of_implementation),
    search_text: foldForSearch(
      [fields.ref, fields.title_en, fields.title_zh, fields.title_ru].filter(Boolean).join('\n'),
    ),
  }
}

/** The fields held in lists of their own (proposers, types), in order. */
const LIST_FIELDS = FIELDS.filter((f) => f.kind === 'codes')

/** The stored fields of an item as the view holds them (amounts back to USD thousands). */
export function fieldsOfView(item: ItemView): ItemFields {
  return storedFieldsOf((field) =>
    field.kind === 'taxonomy' ? item[`${field.name}_id`] : storedValue(field, item[field.name]),
  )
}

/** Inserts a new item (version 1, not archived) and its lists; answers its id. */
export async function insertItem(
  db: DB,
  fields: ItemFields,
  by: string | null,
  now: string,
): Promise<string> {
  const [id] = await insertItems(db, [fields], by, now)
  return id!
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
  // What the translations were made from follows the texts as they were and as they will be
  // (translations.server.ts); read here so every writer (form, import, API) keeps it.
  const before = await db
    .selectFrom('items')
    .select(['title_en', 'title_ru', 'title_zh', 'description_en', 'description_ru', 'description_zh'])
    .select('translation_sources')
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  if (!before) return false
  const sources = nextSources(before, parseSources(before.translation_sources), fields)
  const result = await db
    .updateTable('items')
    .set({
      ...itemColumns(fields),
      ...translationColumns(fields, sources),
      version: expectedVersion + 1,
      updated_at: now,
      updated_by: by,
    })
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
  await writeItemLists(db, [{ id, fields }], true)
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

/** The co-financing flags that count as committed (the gap takes them as secured): at that stage, not withdrawn. */
export function committedFlags(db: DB) {
  return db.selectFrom('cofinancing_flags').where('stage', '=', 'committed').where('withdrawn', '=', 0)
}

/** The sum of an item's live committed co-financing flags (app/cofinancing), in thousands of USD. */
export async function committedKusdOf(db: DB, itemId: string): Promise<number> {
  const row = await committedFlags(db)
    .select((eb) => eb.fn.sum<number | string | null>('amount_kusd').as('total'))
    .where('item_id', '=', itemId)
    .executeTakeFirst()
  return Number(row?.total ?? 0)
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The items columns of the fields read as they are stored (the taxonomy is read by name, the lists apart). */
const ITEM_COLUMNS = FIELDS.flatMap((f) => (f.column && f.kind !== 'taxonomy' ? [f.column] : []))

function itemSelect(db: DB) {
  return db
    .selectFrom('items as i')
    .innerJoin('strategies as s', 's.id', 'i.strategy_id')
    .leftJoin('pillars as p', 'p.id', 'i.pillar_id')
    .leftJoin('areas as a', 'a.id', 'i.area_id')
    .leftJoin('users as u', 'u.id', 'i.updated_by')
    .select(ITEM_COLUMNS.map((column) => `i.${column}` as const))
    .select([
      'i.id',
      'i.created_at',
      'i.translations_outdated',
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
  const lists = await Promise.all(
    LIST_FIELDS.map(async (field) => {
      const { table, code } = field.list
      const found = await db
        .selectFrom(table)
        .select(['item_id', `${code} as code`] as never)
        .where('item_id', 'in', ids)
        .orderBy('position')
        .execute()
      const map = new Map<string, string[]>()
      for (const { item_id, code: value } of found as unknown as Array<{ item_id: string; code: string }>)
        map.set(item_id, [...(map.get(item_id) ?? []), value])
      return [field.name, map] as const
    }),
  )
  const listOf = new Map(lists)
  return rows.map((r) => toItemView(r, (field) => listOf.get(field.name)!.get(r.id) ?? []))
}

type ListField = (typeof LIST_FIELDS)[number]

function toItemView(r: ItemSelectRow, codesOf: (field: ListField) => string[]): ItemView {
  // Made from entries, not by adding ~40 properties one at a time: V8 turns an object grown that
  // way into a slow dictionary, which then cost every reader (and a spread of it 30 µs) in the
  // whole-view reads: docs/decisions/0047.
  const entries: Array<[string, unknown]> = [
    ['id', r.id],
    ['strategy_id', r.strategy_id],
    ['pillar_id', r.pillar_id],
    ['area_id', r.area_id],
    ['created_at', r.created_at],
    ['updated_by_name', r.updated_by_name],
    ['translations_outdated', r.translations_outdated],
  ]
  for (const field of FIELDS) {
    if (field.kind === 'taxonomy') entries.push([field.name, r[field.name]])
    else if (field.kind === 'codes') entries.push([field.name, codesOf(field)])
    else entries.push([field.name, fromColumn(field, r[field.column])])
  }
  return Object.fromEntries(entries) as ItemView
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

/**
 * The items with these refs, in the order given, for reads of many items (exports): the code
 * lists come from the ';'-joined keys the item row carries (itemColumns writes them from the same
 * lists, in the same order), one query instead of one more per list.
 */
export async function getItemsByRefsFromKeys(db: DB, refs: readonly string[]): Promise<ItemView[]> {
  if (refs.length === 0) return []
  const rows = await itemSelect(db)
    .select(['i.proposers_key', 'i.modalities_key'])
    .where('i.ref', 'in', [...refs])
    .execute()
  const position = new Map(refs.map((ref, index) => [ref, index]))
  rows.sort((a, b) => position.get(a.ref)! - position.get(b.ref)!)
  return rows.map((r) => toItemView(r, (field) => codesFromKey(r[field.list.key])))
}

// ---------------------------------------------------------------------------------------------
// Writing from the form

export type SaveOutcome =
  | { kind: 'saved'; ref: string }
  | { kind: 'invalid'; fieldErrors: Record<string, string[]> }
  | { kind: 'conflict'; current: ItemView; changes: FieldChange[] }
  | { kind: 'not_found' }
  /**
   * app/permissions canSaveItem said no: for the item as stored (`field` null), or for the
   * proposers the form would give it (`field` 'proposers': a working group member may only save
   * items that stay proposed by one of their countries), 'proposers_removed' (a working group may
   * not take another country off the item's proposers), 'scores' (only the secretariat sets the
   * item's direct scores)
   */
  | (Forbidden & { field: 'proposers' | 'proposers_removed' | 'scores' | null })

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
 * The stored fields a form save writes: the form's fields, and those it does not hold as they
 * are (`kept`, the stored item, for an edit). Status is not on the form: it changes only through
 * workflow transitions (app/workflow), so a new item is proposed and an edit keeps it.
 */
function fieldsFromForm(input: ItemInput, kept: ItemFields): ItemFields {
  const form = input as unknown as Record<string, unknown>
  return storedFieldsOf((field) => {
    if (!(field.on as readonly string[]).includes('form')) return kept[storedKey(field)]
    if (field.kind === 'taxonomy') return form[`${field.name}_id`]
    if (field.kind === 'codes')
      return inStoredOrder(kept[field.name] as string[], form[field.name] as string[])
    return form[field.name]
  })
}

/** What a new item holds before the form's fields: proposed, nothing else. */
const NEW_ITEM = storedFieldsOf(emptyValue)

async function checkForm(
  db: DB,
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
  return null
}

type StoredScope = { proposers: readonly string[] } & DirectScores

type DirectScores = { strategic_importance: number | null; ease_of_implementation: number | null }
const DIRECT_SCORES = ['strategic_importance', 'ease_of_implementation'] as const

/** Who may save the form (app/permissions canSaveItem, score:set-direct): null when `actor` may. */
function saveRefusal(actor: Actor, input: ItemInput, stored: StoredScope | null): SaveOutcome | null {
  const action = stored ? 'item:edit' : 'item:create'
  if (stored && !can(actor, action, stored)) return { ...forbiddenOutcome(action), field: null }
  if (!canSaveItem(actor, { proposers: input.proposers }, stored)) {
    // leaving the user's countries is said first; within them, taking another country off
    const removed =
      stored &&
      can(actor, action, { proposers: input.proposers }) &&
      !mayRemoveProposers(actor, stored, { proposers: input.proposers })
    return { ...forbiddenOutcome(action), field: removed ? 'proposers_removed' : 'proposers' }
  }
  // The form shows the direct scores only to the secretariat; a value sent by anyone else that
  // differs from the stored one is refused, and an empty one keeps it (directScoresOf).
  if (!can(actor, 'score:set-direct'))
    for (const name of DIRECT_SCORES) {
      const sent = input[name] ?? null
      if (sent !== null && sent !== (stored?.[name] ?? null))
        return { ...forbiddenOutcome('score:set-direct'), field: 'scores' }
    }
  return null
}

/** The input with the stored direct scores kept when `actor` may not set them (new items: none). */
function directScoresOf(actor: Actor, input: ItemInput, stored: DirectScores | null): ItemInput {
  if (can(actor, 'score:set-direct')) return input
  return {
    ...input,
    strategic_importance: stored?.strategic_importance ?? null,
    ease_of_implementation: stored?.ease_of_implementation ?? null,
  } as ItemInput
}

/** New items start as proposed; the item and its "created" event are written together. */
export async function createItem(db: DB, actor: Actor, input: ItemInput): Promise<SaveOutcome> {
  const refused = saveRefusal(actor, input, null)
  if (refused) return refused
  return withinTransaction(db, async (trx): Promise<SaveOutcome> => {
    const fieldErrors = await checkForm(trx, input, null)
    if (fieldErrors) return { kind: 'invalid', fieldErrors }
    const now = nowIso()
    const fields = fieldsFromForm(input, NEW_ITEM)
    const id = await insertItem(trx, fields, actor.id, now)
    await recordEvent(trx, id, actor.id, now, { kind: 'created', details: { status: fields.status } })
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
 * Saves an edit made from `input.version`. If someone saved since (or no version is given),
 * nothing is written and the outcome lists what they changed (against `baseline`, the values the
 * form was opened with).
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
  const outcome = await withinTransaction(db, async (trx): Promise<SaveOutcome | { kind: 'stale' }> => {
    const current = await getItemByRef(trx, ref)
    if (!current) return { kind: 'not_found' }
    const refused = saveRefusal(actor, input, current)
    if (refused) return refused
    const kept = directScoresOf(actor, input, current)
    // An edit that does not say which version it was made from is refused like a stale one: taking
    // it for the current version would let it overwrite a save it never saw.
    const expected = kept.overwrite_version ?? kept.version
    if (expected !== current.version) return { kind: 'stale' }
    const fieldErrors = await checkForm(trx, kept, current.id)
    if (fieldErrors) return { kind: 'invalid', fieldErrors }
    const fields = fieldsFromForm(kept, fieldsOfView(current))
    const changes = fieldChanges(valuesOfView(current), await valuesOfFields(trx, fields))
    if (changes.length === 0) return { kind: 'saved', ref: current.ref }
    const now = nowIso()
    if (!(await updateItemFields(trx, current.id, fields, expected, actor.id, now))) return { kind: 'stale' }
    await recordEvent(trx, current.id, actor.id, now, { kind: 'edited', details: { changes } })
    return { kind: 'saved', ref: kept.ref }
  })
  if (outcome.kind !== 'stale') return outcome
  const current = await getItemByRef(db, ref)
  if (!current) return { kind: 'not_found' }
  return { kind: 'conflict', current, changes: changesBetween(parseBaseline(baseline), current) }
}

export type ArchiveOutcome = { kind: 'done' } | { kind: 'not_found' } | Forbidden

/** Archives or restores, with its event; an item already so is left as it is (no new version). */
export async function setArchived(
  db: DB,
  actor: Actor,
  ref: string,
  archived: boolean,
): Promise<ArchiveOutcome> {
  const action = archived ? 'item:archive' : 'item:restore'
  return withinTransaction(db, async (trx): Promise<ArchiveOutcome> => {
    const item = await getItemScope(trx, ref)
    if (!item) return { kind: 'not_found' }
    if (!can(actor, action, item)) return forbiddenOutcome(action)
    if (item.archived === archived) return { kind: 'done' }
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
    if (Number(result.numUpdatedRows) !== 1) return { kind: 'done' }
    await recordEvent(trx, item.id, actor.id, now, { kind: archived ? 'archived' : 'restored', details: {} })
    return { kind: 'done' }
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

export type ConfirmTranslationOutcome =
  | { kind: 'confirmed' }
  | { kind: 'not_outdated' }
  | { kind: 'not_found' }
  | Forbidden

/**
 * Someone who may translate the item says its translation in `field` still stands for the text it
 * was made from as that text is now (docs/decisions/0034-translation-provenance.md). No field
 * changes, so no new version: a form open meanwhile still saves.
 */
export async function confirmTranslation(
  db: DB,
  actor: Actor,
  ref: string,
  field: TranslatedField,
): Promise<ConfirmTranslationOutcome> {
  return withinTransaction(db, async (trx): Promise<ConfirmTranslationOutcome> => {
    const scope = await getItemScope(trx, ref)
    if (!scope) return { kind: 'not_found' }
    if (!can(actor, 'item:translate', scope)) return forbiddenOutcome('item:translate')
    await lockItemRow(trx, scope.id)
    const row = await trx
      .selectFrom('items')
      .select(['title_en', 'title_ru', 'title_zh', 'description_en', 'description_ru', 'description_zh'])
      .select('translation_sources')
      .where('id', '=', scope.id)
      .executeTakeFirstOrThrow()
    const sources = parseSources(row.translation_sources)
    if (!outdatedFields(row, sources).includes(field)) return { kind: 'not_outdated' }
    await trx
      .updateTable('items')
      .set(translationColumns(row, confirmedSources(row, sources, field)))
      .where('id', '=', scope.id)
      .execute()
    // the badge goes on the word of this person: the history says whose
    await recordEvent(trx, scope.id, actor.id, nowIso(), {
      kind: 'translation',
      details: { action: 'confirmed', field },
    })
    return { kind: 'confirmed' }
  })
}

// ---------------------------------------------------------------------------------------------
// Writing many items at once (the importer): the same columns as insertItem and
// updateItemFields, in multi-row statements, so a 10,000-row file is a few dozen statements
// rather than ten per row (docs/decisions/0041-import-batches.md).

/** Runs `write` on consecutive slices of `rows`, each small enough for one statement. */
export async function inSlices<T>(
  rows: readonly T[],
  columns: number,
  write: (slice: T[]) => Promise<unknown>,
) {
  const size = rowsPerStatement(columns)
  for (let start = 0; start < rows.length; start += size) await write(rows.slice(start, start + size))
}

/** The proposers and types of many items, replacing what they held: one delete and one insert per slice. */
export async function writeItemLists(
  db: DB,
  items: ReadonlyArray<{ id: string; fields: ItemFields }>,
  replacing: boolean,
) {
  for (const field of LIST_FIELDS) {
    const { table, code } = field.list
    if (replacing)
      await inSlices(items, 1, (slice) =>
        db
          .deleteFrom(table)
          .where(
            'item_id',
            'in',
            slice.map((i) => i.id),
          )
          .execute(),
      )
    const rows = items.flatMap(({ id, fields }) =>
      fields[field.name].map((value, position) => ({ item_id: id, [code]: value, position })),
    )
    await insertRows(db, table, rows as never)
  }
}

/** Inserts new items (version 1, not archived) and their lists, many per statement; answers their ids in order. */
export async function insertItems(
  db: DB,
  list: readonly ItemFields[],
  by: string | null,
  now: string,
): Promise<string[]> {
  const rows = list.map((fields) => ({
    id: randomUUID(),
    ...itemColumns(fields),
    ...translationColumns(fields, nextSources({}, {}, fields)),
    archived: 0,
    version: 1,
    created_at: now,
    created_by: by,
    updated_at: now,
    updated_by: by,
  }))
  await insertRows(db, 'items', rows)
  const ids = rows.map((r) => r.id)
  await writeItemLists(
    db,
    ids.map((id, i) => ({ id, fields: list[i]! })),
    false,
  )
  return ids
}

export interface ItemUpdate {
  id: string
  fields: ItemFields
  expectedVersion: number
}

/**
 * Writes new values to many items as updateItemFields does (translation sources, the gap with
 * committed co-financing, the members' quadrant), reading what each needs in a few statements
 * and then one UPDATE per item. False, with nothing further written, when an item is no longer at
 * its expected version: the caller's transaction then rolls back.
 */
export async function updateItemsFields(
  db: DB,
  updates: readonly ItemUpdate[],
  by: string | null,
  now: string,
): Promise<boolean> {
  if (updates.length === 0) return true
  const stored = new Map<
    string,
    {
      version: number
      before: Parameters<typeof nextSources>[0]
      sources: string | null
      scores_count: number
      importance_median: number | null
      ease_median: number | null
    }
  >()
  const committed = new Map<string, number>()
  await inSlices(updates, 1, async (slice) => {
    const ids = slice.map((u) => u.id)
    const rows = await db
      .selectFrom('items')
      .select(['id', 'version', 'title_en', 'title_ru', 'title_zh', 'description_en', 'description_ru'])
      .select(['description_zh', 'translation_sources', 'scores_count', 'importance_median', 'ease_median'])
      .where('id', 'in', ids)
      .execute()
    for (const r of rows)
      stored.set(r.id, {
        version: r.version,
        before: r,
        sources: r.translation_sources,
        scores_count: r.scores_count,
        importance_median: r.importance_median,
        ease_median: r.ease_median,
      })
    const sums = await committedFlags(db)
      .select('item_id')
      .select((eb) => eb.fn.sum<number | string | null>('amount_kusd').as('total'))
      .where('item_id', 'in', ids)
      .groupBy('item_id')
      .execute()
    for (const s of sums) committed.set(s.item_id, Number(s.total ?? 0))
  })
  for (const { id, fields, expectedVersion } of updates) {
    const item = stored.get(id)
    if (!item || item.version !== expectedVersion) return false
    const columns = itemColumns(fields, committed.get(id) ?? 0)
    // Once members have scored the item, their medians place it (as in updateItemFields).
    if (item.scores_count > 0) columns.quadrant = quadrantOf(item.importance_median, item.ease_median)
    const result = await db
      .updateTable('items')
      .set({
        ...columns,
        ...translationColumns(fields, nextSources(item.before, parseSources(item.sources), fields)),
        version: expectedVersion + 1,
        updated_at: now,
        updated_by: by,
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) return false
  }
  await writeItemLists(db, updates, true)
  return true
}
