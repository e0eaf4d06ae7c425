// The workflow's transition table: which status may go to which, whose move it is, and what a
// move needs. Data only, so app/permissions can read who may make each move (permissions.ts
// canMove) and app/workflow/transitions.ts can check the rest. Decisions behind the rules:
// docs/decisions/0005-workflow.md.

import type { Status } from '../portfolio/codes'

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
 * Whose move it is: the secretariat, a steering committee member, or a working group member who
 * speaks for one of the item's proposers. app/permissions decides who counts as each
 * (permissions.ts canMove); development partners and viewers appear nowhere, so they make no moves.
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
  /**
   * A decision of the body named in `who` as a whole, never of one member: made only on its
   * behalf, at a meeting or by written procedure (app/permissions canMove; issue 11).
   */
  collective?: boolean
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
    collective: true,
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
