// Checking a move of the workflow: the item page asks which buttons to show, and
// app/workflow/workflow.server.ts asks again before writing; the matrix test (transitions.test.ts)
// walks every status x role x scope. The table is transition-table.ts; whose move it is, is
// decided by app/permissions (canMove). Pure functions, no database.
// Decisions behind the rules: docs/decisions/0005-workflow.md.

import type { ItemEvent } from '../history/events'
import { canMove, makesMoves, type Actor, type MoveOptions } from '../permissions/permissions'
import { STATUSES, type Status } from '../portfolio/codes'
import {
  OPEN_STATUSES,
  TRANSITIONS,
  type Requirement,
  type TransitionName,
  type TransitionRule,
} from './transition-table'
import { millionToKusd } from '../portfolio/money'

export {
  FINAL_STATUSES,
  OPEN_STATUSES,
  TRANSITION_NAMES,
  TRANSITIONS,
  type Requirement,
  type TransitionName,
  type TransitionRule,
  type Who,
} from './transition-table'

/** What the rules look at: ItemView has all of it. */
export interface WorkflowItem {
  status: string
  proposers: readonly string[]
  archived: boolean
  cost_usd_m: number | null
  secured_usd_m: number | null
  partners: readonly string[]
  /** the stored gap (app/portfolio/money.ts gapOf): below cost - secured when partners committed co-financing */
  gap_usd_m?: number | null
}

/** What the rules need from the item's history. */
export interface WorkflowContext {
  /** where "resume" goes for an item on hold; null when the history does not say */
  resumeTo: Status | null
}

export type TransitionCheck =
  | { outcome: 'allowed'; rule: TransitionRule; from: Status; to: Status }
  /** 403: this user may not make this move (or makes no moves at all) */
  | { outcome: 'forbidden'; httpStatus: 403; rule: TransitionRule | null; from: string; to: string }
  /** 409: no move leads from the item's status to this one (or the item is archived) */
  | { outcome: 'not_allowed_from_state'; httpStatus: 409; from: string; to: string; archived: boolean }
  /** 409: the move exists and the user may make it, but the item lacks something */
  | {
      outcome: 'requirement_missing'
      httpStatus: 409
      rule: TransitionRule
      requirement: Requirement
      from: string
      to: string
    }
  /** 400: the move needs a reason and none was given */
  | { outcome: 'reason_required'; httpStatus: 400; rule: TransitionRule; from: string; to: string }

export type TransitionRefusal = Exclude<TransitionCheck, { outcome: 'allowed' }>

function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value)
}

/**
 * Approving financing needs a cost (above zero) and at least one financing source: secured
 * funding above zero, a development partner listed on the item, or a committed co-financing flag
 * with an amount, read from the stored gap, which counts those as secured (docs/decisions/0005
 * and 0006).
 */
/** Committed co-financing in thousands of USD, from the gap rule: cost - secured - gap (0 when unknown). */
function committedOf(item: WorkflowItem): number {
  if (item.cost_usd_m == null || item.gap_usd_m == null) return 0
  return (
    millionToKusd(item.cost_usd_m)! -
    (millionToKusd(item.secured_usd_m) ?? 0) -
    millionToKusd(item.gap_usd_m)!
  )
}

export function requirementMet(requirement: Requirement, item: WorkflowItem): boolean {
  switch (requirement) {
    case 'financing':
      return (
        item.cost_usd_m != null &&
        item.cost_usd_m > 0 &&
        ((item.secured_usd_m ?? 0) > 0 || item.partners.length > 0 || committedOf(item) > 0)
      )
  }
}

function targetOf(rule: TransitionRule, context: WorkflowContext): Status | null {
  return rule.to === 'previous' ? context.resumeTo : rule.to
}

/** The rule that leads from `from` to `to`, if any. */
export function ruleFor(from: string, to: string, context: WorkflowContext): TransitionRule | null {
  if (!isStatus(from)) return null
  return TRANSITIONS.find((rule) => rule.from.includes(from) && targetOf(rule, context) === to) ?? null
}

/**
 * May `actor` move `item` to `to` now, with this reason? Checked in this order: someone who makes
 * no moves (403); an archived item, or no move from the item's status to `to` (409); whose move it
 * is, by role and country scope, as app/permissions decides (403); the item's requirements (409);
 * the reason (400). `options.onBehalfOf`: a body whose authority the move may rest on (a meeting's
 * decision, recorded for the steering committee: permissions.ts canMove says who may).
 */
export function checkTransition(
  actor: Actor,
  item: WorkflowItem,
  to: string,
  reason: string | null | undefined,
  context: WorkflowContext,
  options: MoveOptions = {},
): TransitionCheck {
  const from = item.status
  if (!makesMoves(actor, options)) return { outcome: 'forbidden', httpStatus: 403, rule: null, from, to }
  if (item.archived) return { outcome: 'not_allowed_from_state', httpStatus: 409, from, to, archived: true }
  const rule = ruleFor(from, to, context)
  if (!rule || !isStatus(from) || !isStatus(to))
    return { outcome: 'not_allowed_from_state', httpStatus: 409, from, to, archived: false }
  if (!canMove(actor, rule, item, options)) return { outcome: 'forbidden', httpStatus: 403, rule, from, to }
  if (rule.requires && !requirementMet(rule.requires, item))
    return { outcome: 'requirement_missing', httpStatus: 409, rule, requirement: rule.requires, from, to }
  if (rule.reasonRequired && !reason?.trim())
    return { outcome: 'reason_required', httpStatus: 400, rule, from, to }
  return { outcome: 'allowed', rule, from, to }
}

export interface AvailableTransition {
  name: TransitionName
  to: Status
  reasonRequired: boolean
}

/** The moves `actor` may make on `item` now (a reason, where required, is asked for on the way). */
export function availableTransitions(
  actor: Actor,
  item: WorkflowItem,
  context: WorkflowContext,
): AvailableTransition[] {
  return candidates(actor, item, context)
    .filter(({ rule }) => !rule.requires || requirementMet(rule.requires, item))
    .map(({ rule, to }) => ({ name: rule.name, to, reasonRequired: rule.reasonRequired }))
}

/** Moves `actor` could make but for something the item lacks: the page says what. */
export function blockedTransitions(
  actor: Actor,
  item: WorkflowItem,
  context: WorkflowContext,
): Array<{ name: TransitionName; to: Status; requirement: Requirement }> {
  return candidates(actor, item, context).flatMap(({ rule, to }) =>
    rule.requires && !requirementMet(rule.requires, item)
      ? [{ name: rule.name, to, requirement: rule.requires }]
      : [],
  )
}

function candidates(
  actor: Actor,
  item: WorkflowItem,
  context: WorkflowContext,
): Array<{ rule: TransitionRule; to: Status }> {
  const from = item.status
  if (item.archived || !isStatus(from)) return []
  return TRANSITIONS.flatMap((rule) => {
    const to = targetOf(rule, context)
    return rule.from.includes(from) && to !== null && canMove(actor, rule, item) ? [{ rule, to }] : []
  })
}

// ---------------------------------------------------------------------------------------------
// "Back to where it was"

type StatusEvent = ItemEvent

/** The status change an event made, if it made one: `from` is null for an item's first status. */
export function statusChangeOf(event: StatusEvent): { from: string | null; to: string } | null {
  switch (event.kind) {
    case 'transition':
      return { from: event.details.from, to: event.details.to }
    case 'created':
      return { from: null, to: event.details.status }
    case 'imported':
    case 'edited': {
      if (event.kind === 'imported' && event.details.created)
        return event.details.status ? { from: null, to: event.details.status } : null
      // an update, from the form or an import, lists the status among its changes
      const change = event.details.changes.find((c) => c.field === 'status')
      return change && typeof change.new === 'string'
        ? { from: typeof change.old === 'string' ? change.old : null, to: change.new }
        : null
    }
    default:
      return null
  }
}

/**
 * Where an item on hold resumes to: the status it had when it was put on hold, read from its
 * history (newest first): the latest status change, if it was the one into on_hold. Null when the
 * history does not say (the item was created on hold by an import, or before history was kept):
 * then it can only be dropped.
 */
export function resumeTargetOf(historyNewestFirst: readonly StatusEvent[]): Status | null {
  for (const event of historyNewestFirst) {
    const change = statusChangeOf(event)
    if (!change) continue
    if (change.to !== 'on_hold' || change.from === null) return null
    return (OPEN_STATUSES as readonly string[]).includes(change.from) ? (change.from as Status) : null
  }
  return null
}
