import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { withinTransaction } from '../../db/transactions'
import { recordEvent } from '../history/history.server'
import {
  actorOf,
  can,
  forbiddenOutcome,
  type Actor,
  type Forbidden,
  type Role,
} from '../permissions/permissions'
import { lockItemRow, nowIso } from '../portfolio/items.server'
import { transition } from '../workflow/workflow.server'
import {
  isProcedureRule,
  outcomeOf,
  tallyOf,
  votedOf,
  type ProcedureOutcome,
  type ProcedureRule,
  type Tally,
  type Vote,
} from './rules'
import type { OpenInput, VoteInput } from './schema'

// Written procedures (issue 11, docs/decisions/0029-written-procedures.md): the secretariat puts
// a set of items under review to the committee with a deadline; each member votes once; at the
// deadline, or when every member has voted, the outcome follows the rule the procedure was opened
// under, and an endorsement moves the items through the workflow on the committee's behalf.
//
// Closing does not depend on a timer in this process: every read and every vote closes a procedure
// whose deadline has passed (closeIfDue), and the background round that delivers mail closes any
// others (closeDueProcedures, app/notifications/delivery.server.ts), so a restart loses nothing.
// Closing claims the row (closed_at still null) before it writes, so two closers never both act.

export const MAX_PROCEDURE_ITEMS = 200

export type OpenOutcome =
  | { kind: 'opened'; id: string }
  | Forbidden
  /** the deadline is not in the future */
  | { kind: 'deadline_past' }
  | { kind: 'unknown'; refs: string[] }
  /** only items under review can be put to the committee for endorsement */
  | { kind: 'not_under_review'; refs: string[] }
  /** already in another open procedure */
  | { kind: 'already_open'; refs: string[] }
  /** nobody to vote: no active steering committee member */
  | { kind: 'no_members' }

export type VoteOutcome =
  | { kind: 'voted'; closed: boolean }
  | Forbidden
  | { kind: 'not_found' }
  /** the member was not on the committee when the procedure opened */
  | { kind: 'not_member' }
  /** a vote is final once cast (docs/decisions/0029) */
  | { kind: 'already_voted' }
  /** the deadline passed (or everyone voted): the procedure is closed */
  | { kind: 'closed' }

export interface ProcedureSummary {
  id: string
  title: string
  deadline: string
  opened_at: string
  closed_at: string | null
  outcome: ProcedureOutcome | null
  items: number
  tally: Tally
}

export interface ProcedureItem {
  id: string
  ref: string
  title_en: string
  title_ru: string | null
  title_zh: string | null
  status: string
  result: string | null
  refusal: string | null
}

export interface MemberVote {
  userId: string
  name: string
  vote: Vote | null
  comment: string | null
  voted_at: string | null
}

export interface ProcedureDetail extends ProcedureSummary {
  rule: ProcedureRule
  opened_by: string | null
  itemList: ProcedureItem[]
  /** each member's vote by name: for the committee and the secretariat only ('score:read-named'), else null */
  votes: MemberVote[] | null
  /** the objections' comments, kept with the outcome (unnamed for those who do not see names) */
  objections: string[]
  /** the reader's own vote: undefined when they are not in the electorate */
  mine: MemberVote | undefined
  canVote: boolean
}

// ---------------------------------------------------------------------------------------------
// Opening

/** Opens a procedure over the items with these refs, voted by the committee's active members. */
export async function openProcedure(
  db: DB,
  actor: Actor,
  input: OpenInput,
  rule: ProcedureRule,
  now: string = nowIso(),
): Promise<OpenOutcome> {
  if (!can(actor, 'procedure:manage')) return forbiddenOutcome('procedure:manage')
  if (input.deadline <= now) return { kind: 'deadline_past' }
  return withinTransaction(db, async (trx): Promise<OpenOutcome> => {
    const refs = input.refs
    const items = await trx
      .selectFrom('items')
      .select(['id', 'ref', 'status', 'archived'])
      // refs are typed by hand: m-01 finds M-01
      .where('ref', 'in', [...new Set([...refs, ...refs.map((r) => r.toUpperCase())])])
      .execute()
    const byRef = new Map(items.map((i) => [i.ref.toLowerCase(), i]))
    const unknown = refs.filter((ref) => !byRef.has(ref.toLowerCase()))
    if (unknown.length > 0) return { kind: 'unknown', refs: unknown }
    const ordered = refs.map((ref) => byRef.get(ref.toLowerCase())!)
    const notUnderReview = ordered.filter((i) => i.status !== 'under_review' || Number(i.archived) === 1)
    if (notUnderReview.length > 0) return { kind: 'not_under_review', refs: notUnderReview.map((i) => i.ref) }
    const busy = await trx
      .selectFrom('written_procedure_items as pi')
      .innerJoin('written_procedures as p', 'p.id', 'pi.procedure_id')
      .innerJoin('items as i', 'i.id', 'pi.item_id')
      .select('i.ref')
      .where('p.closed_at', 'is', null)
      .where(
        'pi.item_id',
        'in',
        ordered.map((i) => i.id),
      )
      .execute()
    if (busy.length > 0) return { kind: 'already_open', refs: busy.map((b) => b.ref) }
    const members = await trx
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'steering_committee' satisfies Role)
      .where('status', '=', 'active')
      .execute()
    if (members.length === 0) return { kind: 'no_members' }

    const id = randomUUID()
    await trx
      .insertInto('written_procedures')
      .values({
        id,
        title: input.title,
        deadline: input.deadline,
        rule,
        opened_at: now,
        opened_by: actor.id,
        closed_at: null,
        outcome: null,
      })
      .execute()
    await trx
      .insertInto('written_procedure_items')
      .values(
        ordered.map((i, position) => ({
          procedure_id: id,
          item_id: i.id,
          position,
          result: null,
          refusal: null,
        })),
      )
      .execute()
    await trx
      .insertInto('written_procedure_votes')
      .values(
        members.map((m) => ({ procedure_id: id, user_id: m.id, vote: null, comment: null, voted_at: null })),
      )
      .execute()
    // Each item's history says it was put to the committee; the first item's event is the one the
    // members' inbox entry hangs on (the inbox is per item), so they are told once per procedure.
    for (const [position, item] of ordered.entries()) {
      await lockItemRow(trx, item.id)
      await recordEvent(trx, item.id, actor.id, now, {
        kind: 'procedure',
        details: {
          procedure_id: id,
          title: input.title,
          action: 'opened',
          deadline: input.deadline,
          items: ordered.length,
          announce: position === 0,
          outcome: null,
          from: null,
          to: null,
          tally: null,
        },
      })
    }
    return { kind: 'opened', id }
  })
}

// ---------------------------------------------------------------------------------------------
// Voting

/** Casts the member's vote (once); closes the procedure when it was the last one. */
export async function castVote(
  db: DB,
  actor: Actor,
  procedureId: string,
  input: VoteInput,
  now: string = nowIso(),
): Promise<VoteOutcome> {
  if (!can(actor, 'procedure:vote')) return forbiddenOutcome('procedure:vote')
  // a vote that arrives after the deadline first closes the procedure, then is refused
  await closeIfDue(db, procedureId, now)
  return withinTransaction(db, async (trx): Promise<VoteOutcome> => {
    const procedure = await trx
      .selectFrom('written_procedures')
      .select(['id', 'closed_at', 'deadline'])
      .where('id', '=', procedureId)
      .executeTakeFirst()
    if (!procedure) return { kind: 'not_found' }
    if (procedure.closed_at !== null || procedure.deadline <= now) return { kind: 'closed' }
    const row = await trx
      .selectFrom('written_procedure_votes')
      .select(['vote'])
      .where('procedure_id', '=', procedureId)
      .where('user_id', '=', actor.id)
      .executeTakeFirst()
    if (!row) return { kind: 'not_member' }
    if (row.vote !== null) return { kind: 'already_voted' }
    const written = await trx
      .updateTable('written_procedure_votes')
      .set({ vote: input.vote, comment: input.comment || null, voted_at: now })
      .where('procedure_id', '=', procedureId)
      .where('user_id', '=', actor.id)
      .where('vote', 'is', null)
      .executeTakeFirst()
    if (Number(written.numUpdatedRows) !== 1) return { kind: 'already_voted' }
    const pending = await trx
      .selectFrom('written_procedure_votes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('procedure_id', '=', procedureId)
      .where('vote', 'is', null)
      .executeTakeFirstOrThrow()
    const closed = Number(pending.n) === 0 && (await close(trx, procedureId, now))
    return { kind: 'voted', closed }
  })
}

// ---------------------------------------------------------------------------------------------
// Closing

/** Closes the procedure if its deadline has passed and it is still open; true when this call closed it. */
export async function closeIfDue(db: DB, procedureId: string, now: string = nowIso()): Promise<boolean> {
  const due = await db
    .selectFrom('written_procedures')
    .select('id')
    .where('id', '=', procedureId)
    .where('closed_at', 'is', null)
    .where('deadline', '<=', now)
    .executeTakeFirst()
  if (!due) return false
  return withinTransaction(db, (trx) => close(trx, procedureId, now))
}

/** Closes every open procedure whose deadline has passed (the background round); how many it closed. */
export async function closeDueProcedures(db: DB, now: string = nowIso()): Promise<number> {
  const due = await db
    .selectFrom('written_procedures')
    .select('id')
    .where('closed_at', 'is', null)
    .where('deadline', '<=', now)
    .execute()
  let closed = 0
  for (const { id } of due) if (await closeIfDue(db, id, now)) closed++
  return closed
}

/**
 * Counts the votes, records the outcome, and for an endorsement moves each item through the
 * workflow on the committee's behalf, under the name of the secretariat member who opened the
 * procedure (they put the question; the record says it was the committee's decision). An item
 * the workflow refuses (moved or archived meanwhile) keeps its status, and the refusal is kept.
 */
async function close(trx: DB, procedureId: string, now: string): Promise<boolean> {
  const claimed = await trx
    .updateTable('written_procedures')
    .set({ closed_at: now })
    .where('id', '=', procedureId)
    .where('closed_at', 'is', null)
    .executeTakeFirst()
  if (Number(claimed.numUpdatedRows) !== 1) return false // someone else closed it
  const procedure = await trx
    .selectFrom('written_procedures')
    .selectAll()
    .where('id', '=', procedureId)
    .executeTakeFirstOrThrow()
  const votes = await trx
    .selectFrom('written_procedure_votes')
    .select('vote')
    .where('procedure_id', '=', procedureId)
    .execute()
  const tally = tallyOf(
    votes.length,
    votes.map((v) => v.vote as Vote | null),
  )
  const rule = isProcedureRule(procedure.rule) ? procedure.rule : 'majority_no_objection'
  const outcome = outcomeOf(rule, tally)
  await trx.updateTable('written_procedures').set({ outcome }).where('id', '=', procedureId).execute()

  const opener = await openerOf(trx, procedure.opened_by)
  const items = await trx
    .selectFrom('written_procedure_items as pi')
    .innerJoin('items as i', 'i.id', 'pi.item_id')
    .select(['i.id', 'i.ref'])
    .where('pi.procedure_id', '=', procedureId)
    .orderBy('pi.position')
    .execute()
  const reason = `${procedure.title}`
  for (const item of items) {
    let result: 'endorsed' | 'unchanged' | 'refused' = 'unchanged'
    let refusal: string | null = null
    let from: string | null = null
    let to: string | null = null
    if (outcome === 'endorsed') {
      const moved = await transition(trx, opener, item.ref, 'endorsed', reason, {
        onBehalfOf: 'steering_committee',
      })
      if (moved.kind === 'done') {
        result = 'endorsed'
        from = moved.from
        to = moved.to
      } else {
        result = 'refused'
        refusal = moved.kind === 'refused' ? moved.refusal.outcome : moved.kind
      }
    }
    if (result !== 'endorsed') await lockItemRow(trx, item.id)
    await trx
      .updateTable('written_procedure_items')
      .set({ result, refusal })
      .where('procedure_id', '=', procedureId)
      .where('item_id', '=', item.id)
      .execute()
    await recordEvent(trx, item.id, procedure.opened_by, now, {
      kind: 'procedure',
      details: {
        procedure_id: procedureId,
        title: procedure.title,
        action: 'closed',
        deadline: procedure.deadline,
        items: items.length,
        announce: false,
        outcome,
        from,
        to,
        tally,
      },
    })
  }
  return true
}

/** The secretariat member who opened the procedure, as the actor its moves are made by. */
async function openerOf(trx: DB, userId: string): Promise<Actor> {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'role', 'organisation'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  // the procedure was opened under the secretariat's authority; a later change of the opener's
  // role does not undo the committee's decision
  return actorOf({ id: user.id, role: 'secretariat', organisation: user.organisation }, [])
}

// ---------------------------------------------------------------------------------------------
// Reading

async function tallies(db: DB, ids: readonly string[]): Promise<Map<string, Tally>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('written_procedure_votes')
    .select(['procedure_id', 'vote'])
    .where('procedure_id', 'in', [...ids])
    .execute()
  const byProcedure = new Map<string, Array<Vote | null>>()
  for (const row of rows) {
    const list = byProcedure.get(row.procedure_id) ?? []
    list.push(row.vote as Vote | null)
    byProcedure.set(row.procedure_id, list)
  }
  return new Map(ids.map((id) => [id, tallyOf(byProcedure.get(id)?.length ?? 0, byProcedure.get(id) ?? [])]))
}

/** Every procedure, open ones first (soonest deadline first), then closed ones, newest first. */
export async function listProcedures(db: DB, now: string = nowIso()): Promise<ProcedureSummary[]> {
  await closeDueProcedures(db, now)
  const rows = await db
    .selectFrom('written_procedures as p')
    .select((eb) => [
      'p.id',
      'p.title',
      'p.deadline',
      'p.opened_at',
      'p.closed_at',
      'p.outcome',
      eb
        .selectFrom('written_procedure_items as pi')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('pi.procedure_id', '=', 'p.id')
        .as('items'),
    ])
    .execute()
  const counted = await tallies(
    db,
    rows.map((r) => r.id),
  )
  const summaries = rows.map((r) => ({
    ...r,
    outcome: r.outcome as ProcedureOutcome | null,
    items: Number(r.items ?? 0),
    tally: counted.get(r.id)!,
  }))
  const open = summaries
    .filter((s) => s.closed_at === null)
    .sort((a, b) => a.deadline.localeCompare(b.deadline))
  const closed = summaries
    .filter((s) => s.closed_at !== null)
    .sort((a, b) => b.closed_at!.localeCompare(a.closed_at!))
  return [...open, ...closed]
}

/** One procedure as `actor` may see it (closed first if its deadline has passed); null if none. */
export async function getProcedure(
  db: DB,
  actor: Actor,
  id: string,
  now: string = nowIso(),
): Promise<ProcedureDetail | null> {
  await closeIfDue(db, id, now)
  const procedure = await db
    .selectFrom('written_procedures as p')
    .leftJoin('users as u', 'u.id', 'p.opened_by')
    .select([
      'p.id',
      'p.title',
      'p.deadline',
      'p.rule',
      'p.opened_at',
      'p.closed_at',
      'p.outcome',
      'u.name as opened_by',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst()
  if (!procedure) return null
  const itemList = await db
    .selectFrom('written_procedure_items as pi')
    .innerJoin('items as i', 'i.id', 'pi.item_id')
    .select([
      'i.id',
      'i.ref',
      'i.title_en',
      'i.title_ru',
      'i.title_zh',
      'i.status',
      'pi.result',
      'pi.refusal',
    ])
    .where('pi.procedure_id', '=', id)
    .orderBy('pi.position')
    .execute()
  const votes: MemberVote[] = (
    await db
      .selectFrom('written_procedure_votes as v')
      .innerJoin('users as u', 'u.id', 'v.user_id')
      .select(['v.user_id as userId', 'u.name', 'v.vote', 'v.comment', 'v.voted_at'])
      .where('v.procedure_id', '=', id)
      .orderBy('u.name')
      .execute()
  ).map((v) => ({ ...v, vote: v.vote as Vote | null }))
  const mine = votes.find((v) => v.userId === actor.id)
  const named = can(actor, 'score:read-named')
  return {
    id: procedure.id,
    title: procedure.title,
    deadline: procedure.deadline,
    opened_at: procedure.opened_at,
    closed_at: procedure.closed_at,
    outcome: procedure.outcome as ProcedureOutcome | null,
    rule: isProcedureRule(procedure.rule) ? procedure.rule : 'majority_no_objection',
    opened_by: procedure.opened_by,
    items: itemList.length,
    itemList,
    tally: tallyOf(
      votes.length,
      votes.map((v) => v.vote),
    ),
    votes: named ? votes : null,
    objections: votes.filter((v) => v.vote === 'object' && v.comment).map((v) => v.comment!),
    mine,
    canVote:
      procedure.closed_at === null &&
      can(actor, 'procedure:vote') &&
      mine !== undefined &&
      mine.vote === null,
  }
}

/** The open procedures awaiting this member's vote, soonest deadline first ("my work", the inbox). */
export async function awaitingVote(
  db: DB,
  userId: string,
  now: string = nowIso(),
): Promise<Array<{ id: string; title: string; deadline: string; items: number }>> {
  const rows = await db
    .selectFrom('written_procedure_votes as v')
    .innerJoin('written_procedures as p', 'p.id', 'v.procedure_id')
    .select((eb) => [
      'p.id',
      'p.title',
      'p.deadline',
      eb
        .selectFrom('written_procedure_items as pi')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('pi.procedure_id', '=', 'p.id')
        .as('items'),
    ])
    .where('v.user_id', '=', userId)
    .where('v.vote', 'is', null)
    .where('p.closed_at', 'is', null)
    .where('p.deadline', '>', now)
    .orderBy('p.deadline')
    .execute()
  return rows.map((r) => ({ ...r, items: Number(r.items ?? 0) }))
}

export { votedOf }
