import type { DB } from '../../db/schema'
import { addByRefs, listMeetings, type AgendaOutcome } from '../meetings/meetings.server'
import { followItem } from '../notifications/follows.server'
import { can, forbiddenOutcome, makesMoves, type Actor, type Forbidden } from '../permissions/permissions'
import type { Status } from '../portfolio/codes'
import { countView } from '../portfolio/list.server'
import { eachItemBatch } from '../portfolio/list-batches.server'
import { parseListQuery, SELECTION_LIMIT, type ListQueryProblem } from '../portfolio/list-query'
import type { TransitionRefusal } from '../workflow/transitions'
import { setPublished } from '../publication/publication.server'
import { transition } from '../workflow/workflow.server'
import type { BulkOptions } from './report'
import type { BulkInput } from './schema'

// Bulk work on the portfolio table's selection (issue 11; docs/decisions/0030-bulk-work.md).
// A selection is bounded (SELECTION_LIMIT) and resolved to refs first; each action then runs
// through the capability that owns it, one item per transaction, so an item is either fully
// changed or untouched and one refusal never holds the others back. Every item gets an outcome.

export type Selection = { all: false; ref: readonly string[] } | { all: true; view: string }

export type SelectionOutcome =
  | { kind: 'ok'; refs: string[] }
  | { kind: 'empty' }
  /** more than the limit: nothing was done */
  | { kind: 'too_many'; limit: number; count: number }
  | { kind: 'bad_view'; problem: ListQueryProblem }

/** The refs a selection stands for, in the view's order for "all matching"; refused past the limit. */
export async function resolveSelection(db: DB, selection: Selection): Promise<SelectionOutcome> {
  if (!selection.all) {
    const refs = [...new Set(selection.ref)]
    if (refs.length === 0) return { kind: 'empty' }
    if (refs.length > SELECTION_LIMIT) return { kind: 'too_many', limit: SELECTION_LIMIT, count: refs.length }
    return { kind: 'ok', refs }
  }
  const at = selection.view.indexOf('?')
  const params = new URLSearchParams(at >= 0 ? selection.view.slice(at + 1) : selection.view)
  params.delete('page')
  params.delete('pageSize')
  const parsed = parseListQuery(params, ['cols'])
  if (!parsed.ok) return { kind: 'bad_view', problem: parsed.problem }
  const total = await countView(db, parsed.query)
  if (total === 0) return { kind: 'empty' }
  if (total > SELECTION_LIMIT) return { kind: 'too_many', limit: SELECTION_LIMIT, count: total }
  const refs: string[] = []
  for await (const batch of eachItemBatch(db, parsed.query)) refs.push(...batch.map((i) => i.ref))
  return refs.length > SELECTION_LIMIT
    ? { kind: 'too_many', limit: SELECTION_LIMIT, count: refs.length }
    : { kind: 'ok', refs }
}

/** One item's outcome of a bulk move. */
export type MoveResult =
  | { ref: string; kind: 'moved'; from: Status; to: Status }
  | { ref: string; kind: 'refused'; refusal: TransitionRefusal }
  | { ref: string; kind: 'not_found' }
  /** someone kept changing it while we tried: left as it was */
  | { ref: string; kind: 'stale' }

export type BulkMoveOutcome = { kind: 'done'; results: MoveResult[] } | Forbidden

/**
 * Moves each item to `to` through the workflow (app/workflow: its rules, its history event, its
 * notifications), each in its own transaction; refused items are listed with the refusal, the
 * others moved.
 */
export async function bulkMove(
  db: DB,
  actor: Actor,
  refs: readonly string[],
  to: Status,
  reason: string,
): Promise<BulkMoveOutcome> {
  if (!makesMoves(actor)) return forbiddenOutcome('item:edit')
  const results: MoveResult[] = []
  for (const ref of refs) {
    const outcome = await transition(db, actor, ref, to, reason || null)
    switch (outcome.kind) {
      case 'done':
        results.push({ ref, kind: 'moved', from: outcome.from, to: outcome.to })
        break
      case 'refused':
        results.push({ ref, kind: 'refused', refusal: outcome.refusal })
        break
      default:
        results.push({ ref, kind: outcome.kind })
    }
  }
  return { kind: 'done', results }
}

/**
 * Adds the selection to a draft meeting's agenda (app/meetings: one transaction for the agenda,
 * which takes the meeting's lock; items already on it, archived or unknown are listed, not added).
 */
export function bulkAddToAgenda(
  db: DB,
  actor: Actor,
  meetingId: string,
  refs: readonly string[],
): Promise<AgendaOutcome> {
  return addByRefs(db, actor, meetingId, refs)
}

export type FollowResult = { ref: string; kind: 'done' | 'not_found' }
export type BulkFollowOutcome = { kind: 'done'; following: boolean; results: FollowResult[] } | Forbidden

/** Follows (or stops following) each item, as the item page's Follow button does. */
export async function bulkFollow(
  db: DB,
  actor: Actor,
  refs: readonly string[],
  following: boolean,
): Promise<BulkFollowOutcome> {
  if (!can(actor, 'item:follow')) return forbiddenOutcome('item:follow')
  const results: FollowResult[] = []
  for (const ref of refs) {
    const outcome = await followItem(db, actor, ref, following)
    results.push({ ref, kind: outcome.kind === 'done' ? 'done' : 'not_found' })
  }
  return { kind: 'done', following, results }
}

export async function bulkOptions(db: DB, actor: Actor): Promise<BulkOptions> {
  const agenda = can(actor, 'meeting:manage')
  const drafts = agenda
    ? (await listMeetings(db))
        .filter((m) => m.opened_at === null)
        .map((m) => ({ id: m.id, title: m.title, meeting_date: m.meeting_date }))
    : []
  return {
    limit: SELECTION_LIMIT,
    moves: makesMoves(actor),
    agenda,
    follow: can(actor, 'item:follow'),
    publish: can(actor, 'item:publish'),
    drafts,
  }
}

export type PublishResult = { ref: string; kind: 'changed' | 'unchanged' | 'not_found' }
export type BulkPublishOutcome = { kind: 'done'; published: boolean; results: PublishResult[] } | Forbidden

/**
 * Publishes (or makes internal) each item through app/publication, one item per transaction, so
 * an unknown ref is listed and the others still change.
 */
export async function bulkPublish(
  db: DB,
  actor: Actor,
  refs: readonly string[],
  published: boolean,
): Promise<BulkPublishOutcome> {
  if (!can(actor, 'item:publish')) return forbiddenOutcome('item:publish')
  const results: PublishResult[] = []
  for (const ref of refs) {
    const outcome = await setPublished(db, actor, [ref], published)
    if (outcome.kind === 'forbidden') return forbiddenOutcome('item:publish')
    results.push({
      ref,
      kind: outcome.kind === 'not_found' ? 'not_found' : outcome.changed.length ? 'changed' : 'unchanged',
    })
  }
  return { kind: 'done', published, results }
}

export type BulkOutcome =
  | Exclude<SelectionOutcome, { kind: 'ok' }>
  | { kind: 'moved'; to: Status; results: MoveResult[] }
  | { kind: 'agenda'; meetingId: string; outcome: AgendaOutcome }
  | { kind: 'followed'; following: boolean; results: FollowResult[] }
  | { kind: 'published'; published: boolean; results: PublishResult[] }
  | Forbidden

/** The bulk bar's one entry: resolves the selection (bounded), then runs the chosen action on it. */
export async function runBulk(db: DB, actor: Actor, input: BulkInput): Promise<BulkOutcome> {
  const selection = await resolveSelection(
    db,
    input.all ? { all: true, view: input.view } : { all: false, ref: input.ref },
  )
  if (selection.kind !== 'ok') return selection
  switch (input.action) {
    case 'move': {
      const outcome = await bulkMove(db, actor, selection.refs, input.to, input.reason)
      return outcome.kind === 'done' ? { kind: 'moved', to: input.to, results: outcome.results } : outcome
    }
    case 'agenda':
      return {
        kind: 'agenda',
        meetingId: input.meeting,
        outcome: await bulkAddToAgenda(db, actor, input.meeting, selection.refs),
      }
    case 'follow':
    case 'unfollow': {
      const outcome = await bulkFollow(db, actor, selection.refs, input.action === 'follow')
      return outcome.kind === 'done'
        ? { kind: 'followed', following: outcome.following, results: outcome.results }
        : outcome
    }
    case 'publish':
    case 'unpublish': {
      const outcome = await bulkPublish(db, actor, selection.refs, input.action === 'publish')
      return outcome.kind === 'done'
        ? { kind: 'published', published: outcome.published, results: outcome.results }
        : outcome
    }
  }
}
