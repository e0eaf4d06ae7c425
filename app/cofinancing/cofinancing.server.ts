import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { withinTransaction } from '../../db/transactions'
import { can, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import { committedKusdOf, lockItemRow, nowIso } from '../portfolio/items.server'
import { gapOf, kusdToMillion } from '../portfolio/money'
import { recordEvent } from '../history/history.server'
import type { FlagInput, Instrument, Stage } from './schema'

// Co-financing flags: a development partner's interest in an item, for their own organisation
// (one live flag per item and organisation). Every change writes a 'flag' history event and
// keeps the item's stored gap (gapOf: committed flags count as secured) in the same transaction.

/** A flag as the item page and the gaps page show it; amounts in USD million. */
export interface FlagView {
  id: string
  organisation: string
  instrument: Instrument
  stage: Stage
  amount_usd_m: number | null
  note: string | null
  by: string | null
  updated_at: string
}

export type FlagOutcome =
  | { kind: 'done'; changed: boolean }
  | { kind: 'not_found' }
  | Forbidden
  /** archived items are read-only until restored (decision 0004) */
  | { kind: 'archived' }

interface LockedItem {
  id: string
  ref: string
  title_en: string
  cost_kusd: number | null
  secured_kusd: number | null
}

/**
 * Finds the item and takes its row lock before anything about its flags is read: on PostgreSQL
 * the update locks the row, so flag writers and item edits on one item go one at a time (the
 * history's seq and the stored gap depend on it); on SQLite writes are serialised anyway.
 */
async function lockItem(trx: DB, ref: string): Promise<(LockedItem & { archived: boolean }) | null> {
  const item = await trx
    .selectFrom('items')
    .select(['id', 'archived'])
    .where('ref', '=', ref)
    .executeTakeFirst()
  if (!item) return null
  await lockItemRow(trx, item.id)
  const row = await trx
    .selectFrom('items')
    .select(['id', 'ref', 'title_en', 'cost_kusd', 'secured_kusd'])
    .where('id', '=', item.id)
    .executeTakeFirstOrThrow()
  return { ...row, archived: Number(item.archived) === 1 }
}

/** Stores the gap the rule gives now that the flags changed. */
async function refreshGap(trx: DB, item: LockedItem): Promise<void> {
  const committed = await committedKusdOf(trx, item.id)
  await trx
    .updateTable('items')
    .set({ gap_kusd: gapOf(item.cost_kusd, item.secured_kusd, committed) })
    .where('id', '=', item.id)
    .execute()
}

function organisationOf(actor: Actor): string | null {
  return can(actor, 'flag:write') ? actor.organisation!.trim() : null
}

/** Runs a change to the actor's organisation's flag on a live item, in one transaction with the item locked. */
function onOwnFlag(
  db: DB,
  actor: Actor,
  ref: string,
  change: (trx: DB, item: LockedItem, organisation: string) => Promise<FlagOutcome>,
): Promise<FlagOutcome> {
  const organisation = organisationOf(actor)
  if (!organisation) return Promise.resolve(forbiddenOutcome('flag:write'))
  return withinTransaction(db, async (trx): Promise<FlagOutcome> => {
    const item = await lockItem(trx, ref)
    if (!item) return { kind: 'not_found' }
    if (item.archived) return { kind: 'archived' }
    return change(trx, item, organisation)
  })
}

/** Adds or updates the actor's organisation's flag on the item (reviving a withdrawn one). */
export async function saveFlag(db: DB, actor: Actor, ref: string, input: FlagInput): Promise<FlagOutcome> {
  return onOwnFlag(db, actor, ref, async (trx, item, organisation) => {
    const values = {
      instrument: input.instrument,
      stage: input.stage,
      amount_kusd: input.amount_usd_m ?? null,
      note: input.note || null,
    }
    const existing = await trx
      .selectFrom('cofinancing_flags')
      .selectAll()
      .where('item_id', '=', item.id)
      .where('organisation', '=', organisation)
      .executeTakeFirst()
    const live = existing && Number(existing.withdrawn) === 0
    if (
      live &&
      existing.instrument === values.instrument &&
      existing.stage === values.stage &&
      existing.amount_kusd === values.amount_kusd &&
      existing.note === values.note
    ) {
      return { kind: 'done', changed: false }
    }
    const now = nowIso()
    if (existing) {
      await trx
        .updateTable('cofinancing_flags')
        .set({ ...values, user_id: actor.id, withdrawn: 0, updated_at: now })
        .where('id', '=', existing.id)
        .execute()
    } else {
      await trx
        .insertInto('cofinancing_flags')
        .values({
          id: randomUUID(),
          item_id: item.id,
          organisation,
          user_id: actor.id,
          ...values,
          withdrawn: 0,
          created_at: now,
          updated_at: now,
        })
        .execute()
    }
    await refreshGap(trx, item)
    // A new flag (or one revived after a withdrawal) tells the item's followers (app/notifications).
    await recordEvent(trx, item.id, actor.id, now, {
      kind: 'flag',
      details: {
        action: live ? 'updated' : 'flagged',
        organisation,
        instrument: values.instrument,
        stage: values.stage,
        amount_usd_m: kusdToMillion(values.amount_kusd),
        note: values.note,
      },
    })
    return { kind: 'done', changed: true }
  })
}

/** Withdraws the actor's organisation's flag; withdrawing none changes nothing. */
export async function withdrawFlag(db: DB, actor: Actor, ref: string): Promise<FlagOutcome> {
  return onOwnFlag(db, actor, ref, async (trx, item, organisation) => {
    const existing = await trx
      .selectFrom('cofinancing_flags')
      .selectAll()
      .where('item_id', '=', item.id)
      .where('organisation', '=', organisation)
      .where('withdrawn', '=', 0)
      .executeTakeFirst()
    if (!existing) return { kind: 'done', changed: false }
    const now = nowIso()
    await trx
      .updateTable('cofinancing_flags')
      .set({ withdrawn: 1, user_id: actor.id, updated_at: now })
      .where('id', '=', existing.id)
      .execute()
    await refreshGap(trx, item)
    await recordEvent(trx, item.id, actor.id, now, {
      kind: 'flag',
      details: {
        action: 'withdrawn',
        organisation,
        instrument: existing.instrument,
        stage: existing.stage,
        amount_usd_m: kusdToMillion(existing.amount_kusd),
        note: existing.note,
      },
    })
    return { kind: 'done', changed: true }
  })
}

/** The live flags of these items, by item id, each list by organisation. */
export async function flagsOf(db: DB, itemIds: readonly string[]): Promise<Map<string, FlagView[]>> {
  const byItem = new Map<string, FlagView[]>()
  if (itemIds.length === 0) return byItem
  const rows = await db
    .selectFrom('cofinancing_flags as f')
    .leftJoin('users as u', 'u.id', 'f.user_id')
    .select([
      'f.id',
      'f.item_id',
      'f.organisation',
      'f.instrument',
      'f.stage',
      'f.amount_kusd',
      'f.note',
      'f.updated_at',
      'u.name as by',
    ])
    .where('f.item_id', 'in', [...itemIds])
    .where('f.withdrawn', '=', 0)
    .orderBy('f.organisation')
    .execute()
  for (const r of rows) {
    const flag: FlagView = {
      id: r.id,
      organisation: r.organisation,
      instrument: r.instrument,
      stage: r.stage,
      amount_usd_m: kusdToMillion(r.amount_kusd),
      note: r.note,
      by: r.by,
      updated_at: r.updated_at,
    }
    byItem.set(r.item_id, [...(byItem.get(r.item_id) ?? []), flag])
  }
  return byItem
}

/** Who has flagged these items and how far each has gone (the portfolio table's partner-interest column), by item id, by organisation. */
export async function partnerInterestOf(
  db: DB,
  itemIds: readonly string[],
): Promise<Map<string, Array<{ organisation: string; stage: Stage }>>> {
  const byItem = new Map<string, Array<{ organisation: string; stage: Stage }>>()
  if (itemIds.length === 0) return byItem
  const rows = await db
    .selectFrom('cofinancing_flags')
    .select(['item_id', 'organisation', 'stage'])
    .where('item_id', 'in', [...itemIds])
    .where('withdrawn', '=', 0)
    .orderBy('item_id')
    .orderBy('organisation')
    .execute()
  for (const r of rows)
    byItem.set(r.item_id, [
      ...(byItem.get(r.item_id) ?? []),
      { organisation: r.organisation, stage: r.stage },
    ])
  return byItem
}

/**
 * The organisations the partner-interest filter offers: every managed one (docs/decisions/0020) that
 * has flagged (even if since withdrawn) or has a partner user. A flag and an account name their
 * organisation by its short name, so each is one look-up in an index, not a read of every flag.
 */
export async function flagOrganisations(db: DB): Promise<string[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .select('o.short_name')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('cofinancing_flags as f')
            .select('f.id')
            .whereRef('f.organisation', '=', 'o.short_name'),
        ),
        eb.exists(
          eb
            .selectFrom('users as u')
            .select('u.id')
            .where('u.role', '=', 'partner')
            .whereRef('u.organisation', '=', 'o.short_name'),
        ),
      ]),
    )
    .execute()
  return rows.map((r) => r.short_name).sort((a, b) => a.localeCompare(b))
}

/** One item's live flags. */
export async function getFlags(db: DB, itemId: string): Promise<FlagView[]> {
  return (await flagsOf(db, [itemId])).get(itemId) ?? []
}
