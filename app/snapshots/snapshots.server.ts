import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database, DB, ItemsTable, SnapshotItemsTable } from '../../db/schema'
import { refreshStatistics, rightAway, type Afterwards } from '../../db/statistics'
import { withinTransaction } from '../../db/transactions'
import { STATISTICS_AFTER } from '../importer/import.server'
import { canTakeSnapshot, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import { fromColumn } from '../portfolio/field-kinds'
import { fieldsOn, type FieldNameOn } from '../portfolio/fields'
import type { ItemView } from '../portfolio/item-view'
import { nowIso } from '../portfolio/items.server'
import { kusdToMillion } from '../portfolio/money'
import { compareRefs, diffRows, emptyReport, sortReport, type ChangeReport, type ReportSide } from './diff'

export type { ChangeReport } from './diff'

// Named snapshots of the portfolio (docs/decisions/0013-snapshots.md): every non-archived item
// as it was, one row each in snapshot_items, and the "changes since" report between a snapshot
// and now or another snapshot. Both read and write in batches of BATCH items in item id order,
// so memory stays bounded at 100,000 items. A snapshot is taken inside the caller's transaction
// when given one (opening a meeting takes one: the meetings capability calls takeSnapshot).

/** Items read or written at once. */
export const BATCH = 1000

/**
 * Rows written per transaction when a snapshot is taken in short transactions (0042): a quarter
 * of a read batch, so a writer waits a few milliseconds, not the tens a batch of 1,000 takes on a
 * busy machine (docs/performance.md).
 */
const WRITE_BATCH = 250

/** A live co-financing flag as a snapshot keeps it. */
export interface SnapshotFlag {
  organisation: string
  instrument: string
  stage: string
  amount_usd_m: number | null
}

/**
 * One item as it was when the snapshot was taken: the registry's snapshot fields (fields.ts), what
 * the meeting pack and the report need. `archived` is always false: a snapshot holds the
 * non-archived items only (0013); it is kept so the shape matches the item's.
 */
export type SnapshotItem = Pick<ItemView, FieldNameOn<'snapshot'>> & {
  id: string
  /** the steering committee's aggregate (app/prioritisation) */
  scores_count: number
  importance_median: number | null
  ease_median: number | null
  /** the live co-financing flags, by organisation */
  flags: SnapshotFlag[]
}

/** The snapshot fields with a column of their own in snapshot_items (the report compares them). */
const ROW_COLUMNS = [
  'ref',
  'title_en',
  'title_zh',
  'title_ru',
  'status',
  'cost_kusd',
  'secured_kusd',
  'gap_kusd',
  'strategic_importance',
  'ease_of_implementation',
  'quadrant',
] as const satisfies ReadonlyArray<keyof SnapshotItemsTable & keyof ItemsTable>
const SNAPSHOT_FIELDS = fieldsOn('snapshot')
const COLUMN_FIELDS = SNAPSHOT_FIELDS.filter((f) =>
  (ROW_COLUMNS as readonly string[]).includes(f.column ?? ''),
) as Array<Extract<(typeof SNAPSHOT_FIELDS)[number], { column: (typeof ROW_COLUMNS)[number] }>>
/** The others, kept in the row's `data` JSON as the item view holds them; archived is always false. */
const DATA_FIELDS = SNAPSHOT_FIELDS.filter(
  (f) => !(COLUMN_FIELDS as readonly object[]).includes(f) && f.kind !== 'flag',
)

export interface SnapshotSummary {
  id: string
  name: string
  takenAt: string
  /** the name of who took it; null when no signed-in person did (a script) */
  takenBy: string | null
  /** the meeting whose opening took it */
  meetingId: string | null
  itemCount: number
}

// ---------------------------------------------------------------------------------------------
// Reading the live items in the stored shape

/** A snapshot_items row without its snapshot: what is stored and what the diff compares. */
export type StoredRow = Omit<SnapshotItemsTable, 'snapshot_id'>

interface FlagRow {
  organisation: string
  instrument: string
  stage: string
  amount_kusd: number | null
}

/** The flags as canonical JSON text: sorted by organisation, fixed keys, so equal flags are equal strings. */
export function flagsText(flags: FlagRow[]): string {
  const sorted = [...flags].sort((a, b) =>
    a.organisation < b.organisation ? -1 : a.organisation > b.organisation ? 1 : 0,
  )
  return JSON.stringify(
    sorted.map((f) => ({
      organisation: f.organisation,
      instrument: f.instrument,
      stage: f.stage,
      amount_kusd: f.amount_kusd == null ? null : Number(f.amount_kusd),
    })),
  )
}

export function parseFlags(text: string): FlagRow[] {
  return JSON.parse(text) as FlagRow[]
}

const numOrNull = (value: number | string | null) => (value == null ? null : Number(value))

/** The names of every strategy, pillar and area by id: small tables, read once per snapshot instead of joined per item. */
export type TaxonomyNames = Map<string, string>

export async function taxonomyNames(db: DB): Promise<TaxonomyNames> {
  const [strategies, pillars, areas] = await Promise.all([
    db.selectFrom('strategies').select(['id', 'name']).execute(),
    db.selectFrom('pillars').select(['id', 'name']).execute(),
    db.selectFrom('areas').select(['id', 'name']).execute(),
  ])
  return new Map([...strategies, ...pillars, ...areas].map((r) => [r.id, r.name]))
}

/** Which rows to read, always in item id order: by ids, or the range (after, upTo], at most `limit` of them. */
export interface RowFilter {
  ids?: readonly string[]
  after?: string | null
  upTo?: string | null
  limit?: number
}

/**
 * Non-archived items as stored rows, in item id order (RowFilter). With `names` (taxonomyNames)
 * it adds the JSON of the rest (taxonomy names, lists), which taking a snapshot needs and the
 * diff does not.
 */
export async function liveRows(
  db: DB,
  options: RowFilter & { names: TaxonomyNames | null },
): Promise<StoredRow[]> {
  if (options.ids && options.ids.length === 0) return []
  // The diff (names null) compares the row's columns only, not `data`: reading every snapshot
  // field there, the descriptions among them, doubled "changes since" at 100,000 items.
  const read: ReadonlyArray<{ column?: string | null }> = options.names ? SNAPSHOT_FIELDS : COLUMN_FIELDS
  let query = db
    .selectFrom('items as i')
    .select(read.flatMap((f) => (f.column ? [`i.${f.column}` as `i.${(typeof ROW_COLUMNS)[number]}`] : [])))
    .select(['i.id', 'i.scores_count', 'i.importance_median', 'i.ease_median'])
    .where('i.archived', '=', 0)
  if (options.ids) query = query.where('i.id', 'in', [...options.ids])
  if (options.after != null) query = query.where('i.id', '>', options.after)
  if (options.upTo != null) query = query.where('i.id', '<=', options.upTo)
  query = query.orderBy('i.id')
  if (options.limit) query = query.limit(options.limit)
  const rows = await query.execute()
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [flags, ...lists] = await Promise.all([
    // a range read of the flags' (item_id, organisation) index when the items were a range
    options.ids
      ? db
          .selectFrom('cofinancing_flags')
          .select(['item_id', 'organisation', 'instrument', 'stage', 'amount_kusd'])
          .where('item_id', 'in', ids)
          .where('withdrawn', '=', 0)
          .execute()
      : db
          .selectFrom('cofinancing_flags')
          .select(['item_id', 'organisation', 'instrument', 'stage', 'amount_kusd'])
          .where('item_id', '>=', ids[0]!)
          .where('item_id', '<=', ids[ids.length - 1]!)
          .where('withdrawn', '=', 0)
          .execute(),
    ...DATA_FIELDS.filter((f) => f.kind === 'codes').map(async (field) => {
      if (!options.names) return [field.name, new Map<string, string[]>()] as const
      const { table, code } = field.list
      // Like the flags: a range of the (item_id, code) key when the items were a range. A list of
      // 1,000 ids made PostgreSQL's planner read the whole list table (200,000-250,000 rows) once
      // per batch instead of 1,000 index probes (docs/decisions/0052-postgresql-bulk-writes.md);
      // rows of archived items inside the range are read and not used.
      let read = db.selectFrom(table).select(['item_id', `${code} as code`] as never)
      read = options.ids
        ? read.where('item_id', 'in', ids)
        : read.where('item_id', '>=', ids[0]!).where('item_id', '<=', ids[ids.length - 1]!)
      const found = (await read.orderBy('item_id').orderBy('position').execute()) as unknown as Array<{
        item_id: string
        code: string
      }>
      const map = new Map<string, string[]>()
      for (const { item_id, code: value } of found) {
        const entry = map.get(item_id)
        if (entry) entry.push(value)
        else map.set(item_id, [value])
      }
      return [field.name, map] as const
    }),
  ])
  const flagsOf = new Map<string, FlagRow[]>()
  for (const flag of flags) {
    const entry = flagsOf.get(flag.item_id)
    if (entry) entry.push(flag)
    else flagsOf.set(flag.item_id, [flag])
  }
  const listOf = new Map(lists)
  const names = options.names
  return rows.map((r) => {
    const row = r as unknown as Record<string, unknown>
    let data = ''
    if (names) {
      const values: Record<string, unknown> = {}
      for (const field of DATA_FIELDS) {
        const value = field.column ? row[field.column] : null
        if (field.kind === 'taxonomy')
          values[field.name] = value == null ? null : (names.get(value as string) ?? null)
        else if (field.kind === 'codes') values[field.name] = listOf.get(field.name)?.get(r.id) ?? []
        else values[field.name] = fromColumn(field, value)
      }
      data = JSON.stringify(values)
    }
    const stored: Record<string, unknown> = {}
    for (const field of COLUMN_FIELDS) {
      const value = row[field.column]
      stored[field.column] = field.kind === 'amount' ? numOrNull(value as number | null) : value
    }
    stored.item_id = r.id
    stored.scores_count = Number(r.scores_count)
    stored.importance_median = numOrNull(r.importance_median)
    stored.ease_median = numOrNull(r.ease_median)
    stored.flags = flagsText(flagsOf.get(r.id) ?? [])
    stored.data = data
    return stored as StoredRow
  })
}

/** A snapshot's rows in item id order (RowFilter); `data` only `withData`. */
export async function storedRows(
  db: DB,
  snapshotId: string,
  options: RowFilter & { withData?: boolean },
): Promise<StoredRow[]> {
  if (options.ids && options.ids.length === 0) return []
  let query = db
    .selectFrom('snapshot_items as si')
    .select([
      'si.item_id',
      'si.ref',
      'si.title_en',
      'si.title_zh',
      'si.title_ru',
      'si.status',
      'si.cost_kusd',
      'si.secured_kusd',
      'si.gap_kusd',
      'si.strategic_importance',
      'si.ease_of_implementation',
      'si.scores_count',
      'si.importance_median',
      'si.ease_median',
      'si.quadrant',
      'si.flags',
      // the diff does not read `data`: left out, it is '' (taken item JSON is a third of the row)
      options.withData ? 'si.data' : sql<string>`''`.as('data'),
    ])
    .where('si.snapshot_id', '=', snapshotId)
  if (options.ids) query = query.where('si.item_id', 'in', [...options.ids])
  if (options.after != null) query = query.where('si.item_id', '>', options.after)
  if (options.upTo != null) query = query.where('si.item_id', '<=', options.upTo)
  query = query.orderBy('si.item_id')
  if (options.limit) query = query.limit(options.limit)
  const rows = await query.execute()
  return rows.map((r) => ({
    ...r,
    cost_kusd: numOrNull(r.cost_kusd),
    secured_kusd: numOrNull(r.secured_kusd),
    gap_kusd: numOrNull(r.gap_kusd),
    scores_count: Number(r.scores_count),
    importance_median: numOrNull(r.importance_median),
    ease_median: numOrNull(r.ease_median),
  }))
}

// ---------------------------------------------------------------------------------------------
// Taking a snapshot

export type TakeOutcome =
  | { kind: 'taken'; id: string; itemCount: number }
  /** a name of spaces only */
  | { kind: 'no_name' }
  /** `finish` said no in the last transaction: nothing of the snapshot is kept */
  | { kind: 'withdrawn' }
  | Forbidden

export interface TakeOptions {
  /** the meeting whose opening takes it */
  meetingId?: string | null
  /**
   * A second connection to the same database, to read the items from while `db` writes. With it
   * (and `db` not a transaction) the snapshot is written in short transactions of BATCH rows
   * (docs/decisions/0042-snapshots-in-short-transactions.md): on SQLite no writer waits longer
   * than one batch.
   */
  reader?: Kysely<Database>
  /** told after each batch, with the items written and the items to write */
  progress?: (done: number, total: number) => Promise<void>
  /** the job writing it (with `reader`): its leftovers are swept when that job stops (0047) */
  jobId?: string
  /**
   * With `reader`: run in the transaction that makes the snapshot complete, so what it writes
   * (opening a meeting) commits with the snapshot or not at all; false withdraws the snapshot.
   */
  finish?: (trx: DB, snapshotId: string) => Promise<boolean>
  /** when snapshot_items' statistics are refreshed after a big snapshot (at once by default) */
  afterwards?: Afterwards
}

/**
 * Takes a snapshot named `name` of every non-archived item now. In `db`'s transaction when it is
 * one (so a rolled-back caller leaves nothing; opening a meeting does this); with a `reader`, in
 * short transactions (TakeOptions); else in one transaction of its own. By hand it needs
 * 'snapshot:take'; with `meetingId`, opening that meeting takes it, under 'meeting:manage'
 * (app/permissions canTakeSnapshot).
 */
export async function takeSnapshot(
  db: DB,
  actor: Actor,
  name: string,
  options: TakeOptions = {},
): Promise<TakeOutcome> {
  const meetingId = options.meetingId ?? null
  if (!canTakeSnapshot(actor, meetingId == null ? 'by_hand' : 'meeting_opening'))
    return forbiddenOutcome(meetingId == null ? 'snapshot:take' : 'meeting:manage')
  const trimmed = name.trim()
  if (!trimmed) return { kind: 'no_name' }
  const header = { id: randomUUID(), name: trimmed, taken_by: actor.id, meeting_id: meetingId }
  const outcome =
    options.reader && !db.isTransaction
      ? await takeInBatches(
          db as Kysely<Database>,
          options.reader,
          { ...header, job_id: options.jobId ?? null },
          options,
        )
      : await takeInOne(db, header)
  // A bulk write like an import's (0041): on PostgreSQL the first snapshots of a register found
  // snapshot_items planned as empty until autovacuum came by, and "changes since" read them 7x
  // slower (docs/decisions/0052-postgresql-bulk-writes.md).
  if (outcome.kind === 'taken' && !db.isTransaction && outcome.itemCount >= STATISTICS_AFTER)
    await (options.afterwards ?? rightAway)(() =>
      refreshStatistics(db as Kysely<Database>, ['snapshot_items']),
    )
  return outcome
}

async function takeInOne(
  db: DB,
  header: { id: string; name: string; taken_by: string; meeting_id: string | null },
): Promise<TakeOutcome> {
  return withinTransaction(db, async (trx): Promise<TakeOutcome> => {
    await trx
      .insertInto('snapshots')
      .values({ ...header, taken_at: nowIso(), item_count: 0 })
      .execute()
    const names = await taxonomyNames(trx)
    let itemCount = 0
    let after: string | null = null
    for (;;) {
      const rows = await liveRows(trx, { after, limit: BATCH, names })
      if (rows.length === 0) break
      await insertRows(trx, header.id, rows)
      itemCount += rows.length
      after = rows[rows.length - 1]!.item_id
      if (rows.length < BATCH) break
    }
    await trx.updateTable('snapshots').set({ item_count: itemCount }).where('id', '=', header.id).execute()
    return { kind: 'taken', id: header.id, itemCount }
  })
}

function insertRows(db: DB, snapshotId: string, rows: StoredRow[]) {
  return db
    .insertInto('snapshot_items')
    .values(rows.map((r) => ({ snapshot_id: snapshotId, ...r })))
    .execute()
}

/**
 * The items are read in one read transaction on `reader`, so the snapshot is the portfolio at one
 * moment whatever is saved meanwhile (SQLite in WAL mode: a reader sees the database as at its
 * first read and blocks no writer; PostgreSQL: repeatable read). Each batch is written on `db` in
 * a transaction of its own; the snapshot is marked complete in the last one, and until then no
 * one sees it. If writing fails, what was written is removed, batch by batch.
 */
async function takeInBatches(
  db: Kysely<Database>,
  reader: Kysely<Database>,
  header: { id: string; name: string; taken_by: string; meeting_id: string | null; job_id: string | null },
  { progress, finish }: TakeOptions,
): Promise<TakeOutcome> {
  let written = false
  try {
    return await reader
      .transaction()
      .setAccessMode('read only')
      .setIsolationLevel('repeatable read')
      .execute(async (read): Promise<TakeOutcome> => {
        // The first read fixes the moment; taken_at is that moment.
        const total = await countLive(read)
        const takenAt = nowIso()
        const names = await taxonomyNames(read)
        await db
          .insertInto('snapshots')
          .values({ ...header, taken_at: takenAt, item_count: 0, complete: 0 })
          .execute()
        written = true
        let itemCount = 0
        let after: string | null = null
        for (;;) {
          const rows = await liveRows(read, { after, limit: BATCH, names })
          for (let k = 0; k < rows.length; k += WRITE_BATCH) {
            const slice = rows.slice(k, k + WRITE_BATCH)
            await db.transaction().execute((trx) => insertRows(trx, header.id, slice))
          }
          itemCount += rows.length
          if (rows.length < BATCH) break
          after = rows[rows.length - 1]!.item_id
          await progress?.(itemCount, total)
        }
        const kept = await db.transaction().execute(async (trx) => {
          if (finish && !(await finish(trx, header.id))) return false
          await trx
            .updateTable('snapshots')
            .set({ item_count: itemCount, complete: 1 })
            .where('id', '=', header.id)
            .execute()
          return true
        })
        if (!kept) {
          await removeIncomplete(db, header.id)
          return { kind: 'withdrawn' }
        }
        await progress?.(itemCount, itemCount)
        return { kind: 'taken', id: header.id, itemCount }
      })
  } catch (error) {
    if (written) await removeIncomplete(db, header.id)
    throw error
  }
}

async function countLive(db: DB): Promise<number> {
  const { n } = await db
    .selectFrom('items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('archived', '=', 0)
    .executeTakeFirstOrThrow()
  return Number(n)
}

/** Deletes an incomplete snapshot's rows a batch at a time (one delete of 100,000 would hold the lock). */
async function removeIncomplete(db: Kysely<Database>, snapshotId: string): Promise<void> {
  for (;;) {
    const ids = await db
      .selectFrom('snapshot_items')
      .select('item_id')
      .where('snapshot_id', '=', snapshotId)
      .orderBy('item_id')
      .limit(BATCH)
      .execute()
    if (ids.length === 0) break
    await db
      .deleteFrom('snapshot_items')
      .where('snapshot_id', '=', snapshotId)
      .where(
        'item_id',
        'in',
        ids.map((r) => r.item_id),
      )
      .execute()
  }
  await db.deleteFrom('snapshots').where('id', '=', snapshotId).where('complete', '=', 0).execute()
}

/**
 * Removes the incomplete snapshots no running job is still writing: those of a job that failed,
 * finished, was abandoned or is queued for another attempt (its lease lapsed: its runner died), and
 * those of no job (a crash of an older version). Each goes batch by batch, so the write lock is
 * held for a batch at a time. Run when a job runner starts, and by a job before it takes a
 * snapshot again (docs/decisions/0047). Answers how many snapshots were removed.
 */
export async function sweepIncompleteSnapshots(db: Kysely<Database>, at: string = nowIso()): Promise<number> {
  const stale = await db
    .selectFrom('snapshots as sn')
    .leftJoin('jobs as j', 'j.id', 'sn.job_id')
    .select('sn.id')
    .where('sn.complete', '=', 0)
    .where((eb) =>
      eb.or([
        eb('j.id', 'is', null),
        eb('j.state', '!=', 'running'),
        eb('j.lease_until', 'is', null),
        eb('j.lease_until', '<', at),
      ]),
    )
    .execute()
  for (const { id } of stale) await removeIncomplete(db, id)
  return stale.length
}

/** Removes what earlier attempts of this job left of a snapshot (the job is running again). */
export async function sweepJobSnapshots(db: Kysely<Database>, jobId: string): Promise<number> {
  const left = await db
    .selectFrom('snapshots')
    .select('id')
    .where('job_id', '=', jobId)
    .where('complete', '=', 0)
    .execute()
  for (const { id } of left) await removeIncomplete(db, id)
  return left.length
}

// ---------------------------------------------------------------------------------------------
// Reading snapshots

function summarySelect(db: DB) {
  return db
    .selectFrom('snapshots as sn')
    .leftJoin('users as u', 'u.id', 'sn.taken_by')
    .where('sn.complete', '=', 1)
    .select(['sn.id', 'sn.name', 'sn.taken_at', 'sn.meeting_id', 'sn.item_count', 'u.name as taken_by_name'])
}

function toSummary(r: {
  id: string
  name: string
  taken_at: string
  meeting_id: string | null
  item_count: number | string
  taken_by_name: string | null
}): SnapshotSummary {
  return {
    id: r.id,
    name: r.name,
    takenAt: r.taken_at,
    takenBy: r.taken_by_name,
    meetingId: r.meeting_id,
    itemCount: Number(r.item_count),
  }
}

export async function getSnapshot(db: DB, id: string): Promise<SnapshotSummary | null> {
  const row = await summarySelect(db).where('sn.id', '=', id).executeTakeFirst()
  return row ? toSummary(row) : null
}

/** The newest `limit` snapshots, newest first. */
export async function listSnapshots(db: DB, limit = 200): Promise<SnapshotSummary[]> {
  const rows = await summarySelect(db)
    .orderBy('sn.taken_at', 'desc')
    .orderBy('sn.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toSummary)
}

export function toSnapshotItem(row: StoredRow): SnapshotItem {
  const data = JSON.parse(row.data) as Record<string, unknown>
  const stored = row as unknown as Record<string, unknown>
  const item: Record<string, unknown> = { id: row.item_id, archived: false }
  for (const field of COLUMN_FIELDS) item[field.name] = fromColumn(field, stored[field.column])
  // A field added since the snapshot was taken reads as not said.
  for (const field of DATA_FIELDS)
    item[field.name] = data[field.name] ?? (field.kind === 'codes' || field.kind === 'list' ? [] : null)
  return {
    ...(item as Pick<ItemView, FieldNameOn<'snapshot'>> & { id: string }),
    scores_count: row.scores_count,
    importance_median: row.importance_median,
    ease_median: row.ease_median,
    flags: parseFlags(row.flags).map((f) => ({
      organisation: f.organisation,
      instrument: f.instrument,
      stage: f.stage,
      amount_usd_m: kusdToMillion(f.amount_kusd),
    })),
  }
}

/** A snapshot's items in batches of BATCH (item id order): for reading a large one in bounded memory. */
export async function* eachSnapshotItemBatch(db: DB, snapshotId: string): AsyncGenerator<SnapshotItem[]> {
  let after: string | null = null
  for (;;) {
    const rows = await storedRows(db, snapshotId, { after, limit: BATCH, withData: true })
    if (rows.length === 0) return
    yield rows.map(toSnapshotItem)
    after = rows[rows.length - 1]!.item_id
    if (rows.length < BATCH) return
  }
}

/** A snapshot's items (or those of them with these item ids), by ref. Empty for an unknown snapshot. */
export async function getSnapshotItems(
  db: DB,
  snapshotId: string,
  itemIds?: readonly string[],
): Promise<SnapshotItem[]> {
  const items: SnapshotItem[] = []
  if (itemIds) {
    for (let k = 0; k < itemIds.length; k += BATCH) {
      for (const row of await storedRows(db, snapshotId, {
        ids: itemIds.slice(k, k + BATCH),
        withData: true,
      }))
        items.push(toSnapshotItem(row))
    }
  } else {
    for await (const batch of eachSnapshotItemBatch(db, snapshotId)) items.push(...batch)
  }
  return items.sort((a, b) => compareRefs(a.ref, b.ref))
}

// ---------------------------------------------------------------------------------------------
// What changed

/** Diffs the rows of one range or id list: matched by item id, the unmatched are dropped or new. */
function pairUp(report: ChangeReport, fromRows: StoredRow[], toRows: StoredRow[]): void {
  const toById = new Map(toRows.map((r) => [r.item_id, r]))
  for (const a of fromRows) {
    diffRows(report, a, toById.get(a.item_id) ?? null)
    toById.delete(a.item_id)
  }
  for (const b of toById.values()) diffRows(report, null, b)
}

/**
 * What changed from snapshot `from` to `to` (another snapshot, or the portfolio now): new items,
 * dropped items, status, funding, score and quadrant changes, new co-financing interest
 * (definitions in app/snapshots/diff.ts). Walks both sides in item id ranges of BATCH items of
 * `from`: memory is one batch plus the report. `itemIds` limits it to those items (a meeting's agenda).
 * Null when either snapshot is unknown.
 */
export async function changesSince(
  db: DB,
  from: string,
  to: string | 'now',
  options: { itemIds?: readonly string[] } = {},
): Promise<ChangeReport | null> {
  const fromSnapshot = await getSnapshot(db, from)
  if (!fromSnapshot) return null
  let toSide: ReportSide
  if (to === 'now') toSide = { kind: 'now', at: nowIso() }
  else {
    const toSnapshot = await getSnapshot(db, to)
    if (!toSnapshot) return null
    toSide = { kind: 'snapshot', id: toSnapshot.id, name: toSnapshot.name, takenAt: toSnapshot.takenAt }
  }
  const report = emptyReport(
    { kind: 'snapshot', id: fromSnapshot.id, name: fromSnapshot.name, takenAt: fromSnapshot.takenAt },
    toSide,
    !!options.itemIds,
  )
  const readTo = (filter: RowFilter) =>
    to === 'now' ? liveRows(db, { ...filter, names: null }) : storedRows(db, to, filter)

  if (options.itemIds) {
    // A meeting's agenda: the given items only, looked up by id on both sides.
    const ids = [...new Set(options.itemIds)]
    for (let k = 0; k < ids.length; k += BATCH) {
      const chunk = ids.slice(k, k + BATCH)
      const [fromRows, toRows] = await Promise.all([
        storedRows(db, from, { ids: chunk }),
        readTo({ ids: chunk }),
      ])
      pairUp(report, fromRows, toRows)
    }
  } else {
    // The whole portfolio: a merge of two id-ordered walks. Each batch of "from" covers the id
    // range (previous batch's last id, this batch's last id], and "to" is read over the same
    // range, so every row of either side is met exactly once, both reads are index range scans,
    // and no id order has to be reproduced in JavaScript (the database's own comparison decides
    // the ranges on both sides). After the last batch, "to" rows beyond it are new.
    let after: string | null = null
    for (;;) {
      const fromRows = await storedRows(db, from, { after, limit: BATCH })
      const last = fromRows.length === BATCH ? fromRows[fromRows.length - 1]!.item_id : null
      if (last == null) {
        // the last batch of "from": read "to" to its end, in batches
        let toAfter = after
        let toRows = await readTo({ after: toAfter, limit: BATCH })
        const pending = new Map(fromRows.map((r) => [r.item_id, r]))
        for (;;) {
          for (const b of toRows) {
            diffRows(report, pending.get(b.item_id) ?? null, b)
            pending.delete(b.item_id)
          }
          if (toRows.length < BATCH) break
          toAfter = toRows[toRows.length - 1]!.item_id
          toRows = await readTo({ after: toAfter, limit: BATCH })
        }
        for (const a of pending.values()) diffRows(report, a, null)
        break
      }
      pairUp(report, fromRows, await readTo({ after, upTo: last }))
      after = last
    }
  }
  return sortReport(report)
}
