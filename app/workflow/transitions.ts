// The workflow of an item: which status may go to which, who may move it, and what a move needs.
// The one place for these rules (issue 3, "Workflow"): the item page asks it which buttons to
// show, app/workflow/workflow.server.ts asks it again before writing, and the matrix test
// (transitions.test.ts) walks every status x role x scope. Pure functions, no database.
// Decisions behind the rules: docs/decisions/0005-workflow.md.

import { speaksFor, type Actor, type Role } from '../permissions/permissions'
import { STATUSES, type Status } from '../portfolio/codes'
import type { ItemEvent } from './events'
import { millionToKusd } from '../portfolio/money'

/** Statuses in which work goes on: they may be put on hold or dropped. */
export const OPEN_STATUSES = [
  'proposed',
  'under_review',
  'endorsed',
  'in_preparation',
  'approved',
  'under_implementation',
] as const satisfies readonly Status[]
/** Completed and dropped are final: nothing moves an item out of them. */
export const FINAL_STATUSES = ['completed', 'dropped'] as const satisfies readonly Status[]

/**
 * Who may make a move: the secretariat, a steering committee member, or a working group member
 * who speaks for one of the item's proposers (permissions.ts's `speaksFor`, the same country
 * scope as editing). Development partners and viewers appear nowhere, so they make no moves.
 */
export type Who = 'secretariat' | 'steering_committee' | 'proposer_working_group'

/** A condition on the item itself, named so a refusal can say what is missing. */
export type Requirement = 'financing'

export const TRANSITION_NAMES = [
  'submit',
  'return',
  'endorse',
  'prepare',
  'approve',
  'implement',
  'complete',
  'hold',
  'resume',
  'drop',
] as const
export type TransitionName = (typeof TRANSITION_NAMES)[number]

export interface TransitionRule {
  name: TransitionName
  from: readonly Status[]
  /** 'previous': back to the status the item had when it was put on hold (see resumeTargetOf) */
  to: Status | 'previous'
  who: readonly Who[]
  reasonRequired: boolean
  requires: Requirement | null
}

const PROPOSERS_OR_SECRETARIAT: readonly Who[] = ['proposer_working_group', 'secretariat']
const COMMITTEE_OR_SECRETARIAT: readonly Who[] = ['steering_committee', 'secretariat']

/** The transition table. From a given status, each target is reached by at most one rule. */
export const TRANSITIONS: readonly TransitionRule[] = [
  {
    name: 'submit',
    from: ['proposed'],
    to: 'under_review',
    who: PROPOSERS_OR_SECRETARIAT,
    reasonRequired: false,
    requires: null,
  },
  {
    name: 'return',
    from: ['under_review'],
    to: 'proposed',
    who: ['secretariat'],
    reasonRequired: true,
    requires: null,
  },
  {
    name: 'endorse',
    from: ['under_review'],
    to: 'endorsed',
    who: ['steering_committee'],
    reasonRequired: false,
    requires: null,
  },
  {
    name: 'prepare',
    from: ['endorsed'],
    to: 'in_preparation',
    who: PROPOSERS_OR_SECRETARIAT,
    reasonRequired: false,
    requires: null,
  },
  {
    name: 'approve',
    from: ['in_preparation'],
    to: 'approved',
    who: ['secretariat'],
    reasonRequired: false,
    requires: 'financing',
  },
  {
    name: 'implement',
    from: ['approved'],
    to: 'under_implementation',
    who: PROPOSERS_OR_SECRETARIAT,
    reasonRequired: false,
    requires: null,
  },
  {
    name: 'complete',
    from: ['under_implementation'],
    to: 'completed',
    who: PROPOSERS_OR_SECRETARIAT,
    reasonRequired: false,
    requires: null,
  },
  {
    name: 'hold',
    from: OPEN_STATUSES,
    to: 'on_hold',
    who: COMMITTEE_OR_SECRETARIAT,
    reasonRequired: true,
    requires: null,
  },
  {
    name: 'resume',
    from: ['on_hold'],
    to: 'previous',
    who: COMMITTEE_OR_SECRETARIAT,
    reasonRequired: false,
    requires: null,
  },
  // An item on hold may be dropped too: holding it does not make it less droppable.
  {
    name: 'drop',
    from: [...OPEN_STATUSES, 'on_hold'],
    to: 'dropped',
    who: COMMITTEE_OR_SECRETARIAT,
    reasonRequired: true,
    requires: null,
  },
]

// ---------------------------------------------------------------------------------------------
// IATI activity status (the codes of DOMAIN.md): shown on the item and in the API.

export type IatiStatus = 1 | 2 | 3 | 4 | 5 | 6
export const IATI_STATUS: Record<Status, IatiStatus> = {
  proposed: 1,
  under_review: 1,
  endorsed: 1,
  in_preparation: 1,
  approved: 1,
  under_implementation: 2,
  // 4 Closed needs "financially closed", which the register does not record yet.
  completed: 3,
  dropped: 5,
  on_hold: 6,
}

export function iatiStatusOf(status: string): IatiStatus | null {
  return isStatus(status) ? IATI_STATUS[status] : null
}

// ---------------------------------------------------------------------------------------------
// Checking a move

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

const ROLES_OF: Record<Who, Role> = {
  secretariat: 'secretariat',
  steering_committee: 'steering_committee',
  proposer_working_group: 'working_group',
}

function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value)
}

function fits(actor: Actor, who: Who, item: WorkflowItem): boolean {
  if (actor.role !== ROLES_OF[who]) return false
  return who === 'proposer_working_group' ? speaksFor(actor, item) : true
}

/** May this person make this move on this item (their role and country scope only)? */
export function mayMake(actor: Actor, rule: TransitionRule, item: WorkflowItem): boolean {
  return rule.who.some((who) => fits(actor, who, item))
}

/** Does the role make any move at all? Development partners and viewers do not. */
export function roleMakesTransitions(role: Role): boolean {
  return TRANSITIONS.some((rule) => rule.who.some((who) => ROLES_OF[who] === role))
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
 * May `actor` move `item` to `to` now, with this reason? Checked in this order: a role that
 * makes no moves (403); an archived item, or no move from the item's status to `to` (409); the
 * user's role and country scope (403); the item's requirements (409); the reason (400).
 */
export function checkTransition(
  actor: Actor,
  item: WorkflowItem,
  to: string,
  reason: string | null | undefined,
  context: WorkflowContext,
): TransitionCheck {
  const from = item.status
  if (!roleMakesTransitions(actor.role))
    return { outcome: 'forbidden', httpStatus: 403, rule: null, from, to }
  if (item.archived) return { outcome: 'not_allowed_from_state', httpStatus: 409, from, to, archived: true }
  const rule = ruleFor(from, to, context)
  if (!rule || !isStatus(from) || !isStatus(to))
    return { outcome: 'not_allowed_from_state', httpStatus: 409, from, to, archived: false }
  if (!mayMake(actor, rule, item)) return { outcome: 'forbidden', httpStatus: 403, rule, from, to }
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
    return rule.from.includes(from) && to !== null && mayMake(actor, rule, item) ? [{ rule, to }] : []
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
