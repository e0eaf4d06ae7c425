import { describe, expect, it } from 'vitest'
import type { Actor, Role } from '../permissions/permissions'
import { ROLES } from '../permissions/permissions'
import { STATUSES, type Status } from '../portfolio/codes'
import type { ItemEvent } from '../history/events'
import {
  availableTransitions,
  blockedTransitions,
  checkTransition,
  resumeTargetOf,
  type WorkflowContext,
  type WorkflowItem,
} from './transitions'

function actor(role: Role, countries: string[] = []): Actor {
  return { id: role, role, countries, organisation: role === 'partner' ? 'ADB' : null }
}

/** An item that meets every requirement, so the matrix sees only status, role and scope. */
function item(status: string, proposers: string[], over: Partial<WorkflowItem> = {}): WorkflowItem {
  return { status, proposers, archived: false, cost_usd_m: 10, secured_usd_m: 2, partners: [], ...over }
}

type Scope = 'own country' | 'shared with own country' | 'other country' | 'no proposers'
const SCOPES: Array<[Scope, string[]]> = [
  ['own country', ['KAZ']],
  ['shared with own country', ['UZB', 'KAZ']],
  ['other country', ['GEO']],
  ['no proposers', []],
]

// The rules of issue 3, written out here independently of transitions.ts so a reader can audit
// them: from each status, the statuses it may go to, and who may make that move. An item on hold
// was put on hold from "endorsed" in the matrix, so resuming means going back to "endorsed".
type Who =
  | 'proposer WG or secretariat'
  | 'secretariat'
  | 'the committee as a body'
  | 'steering committee or secretariat'
const EDGES: Record<Status, Partial<Record<Status, Who>>> = {
  proposed: {
    under_review: 'proposer WG or secretariat',
    on_hold: 'steering committee or secretariat',
    dropped: 'steering committee or secretariat',
  },
  under_review: {
    proposed: 'secretariat',
    // a committee decision: made on its behalf (a meeting, a written procedure), never by one member
    endorsed: 'the committee as a body',
    on_hold: 'steering committee or secretariat',
    dropped: 'steering committee or secretariat',
  },
  endorsed: {
    in_preparation: 'proposer WG or secretariat',
    on_hold: 'steering committee or secretariat',
    dropped: 'steering committee or secretariat',
  },
  in_preparation: {
    approved: 'secretariat',
    on_hold: 'steering committee or secretariat',
    dropped: 'steering committee or secretariat',
  },
  approved: {
    under_implementation: 'proposer WG or secretariat',
    on_hold: 'steering committee or secretariat',
    dropped: 'steering committee or secretariat',
  },
  under_implementation: {
    completed: 'proposer WG or secretariat',
    on_hold: 'steering committee or secretariat',
    dropped: 'steering committee or secretariat',
  },
  completed: {},
  on_hold: { endorsed: 'steering committee or secretariat', dropped: 'steering committee or secretariat' },
  dropped: {},
}
const CONTEXT: WorkflowContext = { resumeTo: 'endorsed' }

/** Who may act, by role and by whether the working group member (KAZ) speaks for the item. */
function fits(who: Who, role: Role, scope: Scope): boolean {
  const ownItem = scope === 'own country' || scope === 'shared with own country'
  switch (who) {
    case 'proposer WG or secretariat':
      return role === 'secretariat' || (role === 'working_group' && ownItem)
    case 'secretariat':
      return role === 'secretariat'
    case 'the committee as a body':
      return false
    case 'steering committee or secretariat':
      return role === 'steering_committee' || role === 'secretariat'
  }
}

function expectedOutcome(from: Status, to: Status, role: Role, scope: Scope): string {
  if (role === 'partner' || role === 'viewer') return 'forbidden' // they make no moves at all
  const who = EDGES[from][to]
  if (!who) return 'not_allowed_from_state'
  return fits(who, role, scope) ? 'allowed' : 'forbidden'
}

describe('the transition matrix: every status x role x scope x target (working group scoped to KAZ)', () => {
  for (const from of STATUSES) {
    for (const role of ROLES) {
      for (const [scope, proposers] of SCOPES) {
        it(`${role} on a ${from} item of ${scope}`, () => {
          const who = actor(role, role === 'working_group' ? ['KAZ'] : [])
          const subject = item(from, proposers)
          const got = Object.fromEntries(
            STATUSES.map((to) => [to, checkTransition(who, subject, to, 'a reason', CONTEXT).outcome]),
          )
          const want = Object.fromEntries(STATUSES.map((to) => [to, expectedOutcome(from, to, role, scope)]))
          expect(got).toEqual(want)
          // The page offers exactly the allowed moves.
          const offered = availableTransitions(who, subject, CONTEXT).map((t) => t.to)
          expect(offered.sort()).toEqual(STATUSES.filter((to) => want[to] === 'allowed').sort())
        })
      }
    }
  }

  it('refusals carry their HTTP status: 403 forbidden, 409 not allowed from this state', () => {
    expect(
      checkTransition(actor('viewer'), item('proposed', ['KAZ']), 'under_review', null, CONTEXT),
    ).toMatchObject({ outcome: 'forbidden', httpStatus: 403 })
    expect(
      checkTransition(
        actor('working_group', ['KAZ']),
        item('under_review', ['KAZ']),
        'endorsed',
        null,
        CONTEXT,
      ),
    ).toMatchObject({ outcome: 'forbidden', httpStatus: 403 })
    expect(
      checkTransition(actor('secretariat'), item('proposed', ['KAZ']), 'approved', null, CONTEXT),
    ).toMatchObject({ outcome: 'not_allowed_from_state', httpStatus: 409, from: 'proposed', to: 'approved' })
  })

  it('an unknown status is never a way out', () => {
    expect(
      checkTransition(actor('secretariat'), item('proposed', []), 'finished', null, CONTEXT).outcome,
    ).toBe('not_allowed_from_state')
    expect(
      checkTransition(actor('secretariat'), item('unheard_of', []), 'dropped', 'x', CONTEXT).outcome,
    ).toBe('not_allowed_from_state')
    expect(availableTransitions(actor('secretariat'), item('unheard_of', []), CONTEXT)).toEqual([])
  })

  it('a working group member with several countries acts for each; one with none for none', () => {
    const kazGeo = actor('working_group', ['KAZ', 'GEO'])
    expect(checkTransition(kazGeo, item('proposed', ['GEO']), 'under_review', null, CONTEXT).outcome).toBe(
      'allowed',
    )
    expect(checkTransition(kazGeo, item('proposed', ['PRC']), 'under_review', null, CONTEXT).outcome).toBe(
      'forbidden',
    )
    expect(availableTransitions(actor('working_group', []), item('proposed', ['KAZ']), CONTEXT)).toEqual([])
  })

  it('an archived item makes no moves: 409 for those who could, 403 for those who never can', () => {
    const archived = item('proposed', ['KAZ'], { archived: true })
    for (const role of ['secretariat', 'steering_committee', 'working_group'] as const) {
      expect(checkTransition(actor(role, ['KAZ']), archived, 'under_review', null, CONTEXT)).toMatchObject({
        outcome: 'not_allowed_from_state',
        archived: true,
      })
      expect(availableTransitions(actor(role, ['KAZ']), archived, CONTEXT)).toEqual([])
    }
    expect(checkTransition(actor('viewer'), archived, 'under_review', null, CONTEXT).outcome).toBe(
      'forbidden',
    )
  })
})

describe('reasons', () => {
  const secretariat = actor('secretariat')
  const committee = actor('steering_committee')

  it('returning for revision, putting on hold and dropping need a reason (400)', () => {
    const cases: Array<[Actor, string, Status]> = [
      [secretariat, 'under_review', 'proposed'],
      [committee, 'endorsed', 'on_hold'],
      [secretariat, 'approved', 'on_hold'],
      [committee, 'under_implementation', 'dropped'],
      [secretariat, 'on_hold', 'dropped'],
    ]
    for (const [who, from, to] of cases) {
      for (const missing of [null, undefined, '', '   \n ']) {
        expect(
          checkTransition(who, item(from, ['KAZ']), to, missing, CONTEXT),
          `${from} -> ${to} with ${JSON.stringify(missing)}`,
        ).toMatchObject({ outcome: 'reason_required', httpStatus: 400 })
      }
      expect(checkTransition(who, item(from, ['KAZ']), to, 'Funding withdrawn', CONTEXT).outcome).toBe(
        'allowed',
      )
    }
  })

  it('the other moves need none', () => {
    const wg = actor('working_group', ['KAZ'])
    expect(checkTransition(wg, item('proposed', ['KAZ']), 'under_review', null, CONTEXT).outcome).toBe(
      'allowed',
    )
    expect(
      checkTransition(secretariat, item('under_review', ['KAZ']), 'endorsed', null, CONTEXT, {
        onBehalfOf: 'steering_committee',
      }).outcome,
    ).toBe('allowed')
    expect(checkTransition(wg, item('endorsed', ['KAZ']), 'in_preparation', null, CONTEXT).outcome).toBe(
      'allowed',
    )
    expect(
      checkTransition(secretariat, item('in_preparation', ['KAZ']), 'approved', null, CONTEXT).outcome,
    ).toBe('allowed')
    expect(
      checkTransition(wg, item('approved', ['KAZ']), 'under_implementation', null, CONTEXT).outcome,
    ).toBe('allowed')
    expect(
      checkTransition(wg, item('under_implementation', ['KAZ']), 'completed', null, CONTEXT).outcome,
    ).toBe('allowed')
    expect(checkTransition(committee, item('on_hold', ['KAZ']), 'endorsed', null, CONTEXT).outcome).toBe(
      'allowed',
    )
  })

  it('the page knows which moves ask for a reason', () => {
    const moves = availableTransitions(secretariat, item('under_review', ['KAZ']), CONTEXT)
    expect(moves).toEqual([
      { name: 'return', to: 'proposed', reasonRequired: true },
      { name: 'hold', to: 'on_hold', reasonRequired: true },
      { name: 'drop', to: 'dropped', reasonRequired: true },
    ])
  })
})

describe('approving financing needs a cost and a financing source', () => {
  const secretariat = actor('secretariat')
  const approve = (over: Partial<WorkflowItem>) =>
    checkTransition(secretariat, item('in_preparation', ['KAZ'], over), 'approved', null, CONTEXT)

  it('is refused (409, naming the requirement) without a cost, with a zero cost, or with no source', () => {
    for (const over of [
      { cost_usd_m: null, secured_usd_m: 5 },
      { cost_usd_m: 0, secured_usd_m: 0, partners: ['ADB'] },
      { cost_usd_m: 10, secured_usd_m: null, partners: [] },
      { cost_usd_m: 10, secured_usd_m: 0, partners: [] },
    ]) {
      expect(approve(over), JSON.stringify(over)).toMatchObject({
        outcome: 'requirement_missing',
        httpStatus: 409,
        requirement: 'financing',
      })
    }
  })

  it('is allowed with a cost and secured funding, or a cost and a development partner', () => {
    expect(approve({ cost_usd_m: 10, secured_usd_m: 0.001, partners: [] }).outcome).toBe('allowed')
    expect(approve({ cost_usd_m: 10, secured_usd_m: null, partners: ['World Bank'] }).outcome).toBe('allowed')
  })

  it('is not offered while missing, and the page is told why', () => {
    const bare = item('in_preparation', ['KAZ'], { cost_usd_m: null, secured_usd_m: null, partners: [] })
    expect(availableTransitions(secretariat, bare, CONTEXT).map((t) => t.name)).toEqual(['hold', 'drop'])
    expect(blockedTransitions(secretariat, bare, CONTEXT)).toEqual([
      { name: 'approve', to: 'approved', requirement: 'financing' },
    ])
    // Only to someone who could approve: the working group cannot either way.
    expect(blockedTransitions(actor('working_group', ['KAZ']), bare, CONTEXT)).toEqual([])
  })

  it('a user who may not approve hears 403, not what is missing', () => {
    const bare = item('in_preparation', ['KAZ'], { cost_usd_m: null })
    expect(checkTransition(actor('steering_committee'), bare, 'approved', null, CONTEXT).outcome).toBe(
      'forbidden',
    )
  })
})

describe('on hold and back to where it was', () => {
  const committee = actor('steering_committee')
  const move = (from: string, to: string, reason: string | null = null): ItemEvent => ({
    kind: 'transition',
    details: { from, to, reason },
  })

  it('resumes to the status before the latest hold, read from the history (newest first)', () => {
    const history: ItemEvent[] = [
      move('in_preparation', 'on_hold', 'Election period'),
      move('endorsed', 'in_preparation'),
      move('on_hold', 'endorsed'),
      move('endorsed', 'on_hold', 'Budget review'),
      move('under_review', 'endorsed'),
      { kind: 'edited', details: { changes: [{ field: 'title_en', old: 'a', new: 'b' }] } },
      move('proposed', 'under_review'),
      { kind: 'created', details: { status: 'proposed' } },
    ]
    expect(resumeTargetOf(history)).toBe('in_preparation')
    expect(resumeTargetOf(history.slice(3))).toBe('endorsed')
  })

  it('the item on hold may go back there, or be dropped, and nowhere else', () => {
    const onHold = item('on_hold', ['KAZ'])
    const context = { resumeTo: 'approved' as const }
    expect(availableTransitions(committee, onHold, context)).toEqual([
      { name: 'resume', to: 'approved', reasonRequired: false },
      { name: 'drop', to: 'dropped', reasonRequired: true },
    ])
    expect(checkTransition(committee, onHold, 'approved', null, context).outcome).toBe('allowed')
    for (const elsewhere of [
      'proposed',
      'endorsed',
      'under_implementation',
      'completed',
      'on_hold',
    ] as const) {
      expect(checkTransition(committee, onHold, elsewhere, 'x', context).outcome, elsewhere).toBe(
        'not_allowed_from_state',
      )
    }
  })

  it('follows a hold set by an import, which lists the status among its changes', () => {
    expect(
      resumeTargetOf([
        {
          kind: 'imported',
          details: {
            created: false,
            status: null,
            changes: [{ field: 'status', old: 'approved', new: 'on_hold' }],
          },
        },
      ]),
    ).toBe('approved')
  })

  it('does not know where to go when the history does not say: then the item can only be dropped', () => {
    expect(resumeTargetOf([])).toBeNull()
    expect(
      resumeTargetOf([{ kind: 'imported', details: { created: true, status: 'on_hold', changes: [] } }]),
    ).toBeNull()
    // The latest status change was not the hold (history kept only part of the story).
    expect(resumeTargetOf([move('proposed', 'under_review')])).toBeNull()
    // An import that put a dropped item on hold: "back" would be a final status, so no.
    expect(
      resumeTargetOf([
        {
          kind: 'imported',
          details: {
            created: false,
            status: null,
            changes: [{ field: 'status', old: 'dropped', new: 'on_hold' }],
          },
        },
      ]),
    ).toBeNull()
    const onHold = item('on_hold', ['KAZ'])
    expect(availableTransitions(committee, onHold, { resumeTo: null }).map((t) => t.name)).toEqual(['drop'])
  })
})
