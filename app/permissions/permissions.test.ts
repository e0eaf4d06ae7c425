import { describe, expect, it } from 'vitest'
import { TRANSITIONS, type TransitionName } from '../workflow/transition-table'
import {
  ACTIONS,
  ROLES,
  can,
  canMove,
  canOnComment,
  canRevokeToken,
  mustUseTwoFactor,
  canSaveItem,
  canTakeSnapshot,
  countriesOf,
  followsByCountry,
  makesMoves,
  type Action,
  type Actor,
  type CommentAction,
  type Role,
} from './permissions'

const kazItem = { proposers: ['KAZ'] }
const kazUzbItem = { proposers: ['UZB', 'KAZ'] }
const geoItem = { proposers: ['GEO'] }
const noProposers = { proposers: [] }

function actor(role: Role, countries: string[] = []): Actor {
  return { id: role, role, countries, organisation: role === 'partner' ? 'ADB' : null }
}

type Scope = 'own country' | 'shared with own country' | 'other country' | 'no proposers'
const scopes: Array<[Scope, { proposers: string[] }]> = [
  ['own country', kazItem],
  ['shared with own country', kazUzbItem],
  ['other country', geoItem],
  ['no proposers', noProposers],
]

/** reading items and activity, following items and one's own inbox: what every role may do */
const EVERYONE: readonly Action[] = [
  'item:read',
  'item:follow',
  'activity:read',
  'inbox:read',
  'meeting:read',
  'view:save',
  'iati:export',
  'procedure:read',
  'kpi:read',
]

// The expected answer for every role x action x scope, written out so a reader can audit it.
const expected: Record<Role, Record<Action, Record<Scope, boolean>>> = {
  // every action but flagging co-financing, which speaks for a development partner's organisation
  // (a member's own priority score is the committee's: the secretariat sets scores on the item form)
  // (and voting in a written procedure is each member's own)
  secretariat: Object.fromEntries(
    ACTIONS.map((a) => [
      a,
      all(a !== 'flag:write' && a !== 'score:write' && a !== 'procedure:vote' && a !== 'kpi:report'),
    ]),
  ) as Record<Action, Record<Scope, boolean>>,
  working_group: {
    'item:read': all(true),
    'item:create': {
      'own country': true,
      'shared with own country': true,
      'other country': false,
      'no proposers': false,
    },
    'item:edit': {
      'own country': true,
      'shared with own country': true,
      'other country': false,
      'no proposers': false,
    },
    // translating and confirming translations: their countries' items, as editing
    'item:translate': {
      'own country': true,
      'shared with own country': true,
      'other country': false,
      'no proposers': false,
    },
    'item:archive': all(false),
    'item:restore': all(false),
    'people:manage': all(false),
    'organisation:manage': all(false),
    'access-log:read': all(false),
    'flag:write': all(false),
    'item:follow': all(true),
    'activity:read': all(true),
    'inbox:read': all(true),
    'view:save': all(true),
    'view:share': all(false),
    'score:write': all(false),
    'item:import': all(false),
    'snapshot:take': all(false),
    'meeting:read': all(true),
    'meeting:manage': all(false),
    'token:manage': all(false),
    'item:publish': all(false),
    'iati:export': all(true),
    'iati:manage': all(false),
    'kpi:read': all(true),
    'kpi:manage': all(false),
    // a report's scope is its one country: "shared" cannot occur but reads as its own
    'kpi:report': {
      'own country': true,
      'shared with own country': true,
      'other country': false,
      'no proposers': false,
    },
    'kpi:review': all(false),
    'procedure:read': all(true),
    'procedure:manage': all(false),
    'procedure:vote': all(false),
    // working groups see the median and spread, not who scored what, and set no direct scores
    'score:read-named': all(false),
    'score:set-direct': all(false),
  },
  // reads everything; scores any item for themselves, sees the members' named scores, votes in
  // written procedures (but endorses nothing alone: see the moves below)
  steering_committee: {
    ...readOnly(),
    'score:write': all(true),
    'score:read-named': all(true),
    'procedure:vote': all(true),
  },
  // reads everything; flags co-financing for their own organisation (ADB here) on any item
  partner: { ...readOnly(), 'flag:write': all(true) },
  viewer: readOnly(),
}

function all(value: boolean): Record<Scope, boolean> {
  return {
    'own country': value,
    'shared with own country': value,
    'other country': value,
    'no proposers': value,
  }
}
function readOnly(): Record<Action, Record<Scope, boolean>> {
  return Object.fromEntries(ACTIONS.map((a) => [a, all(EVERYONE.includes(a))])) as Record<
    Action,
    Record<Scope, boolean>
  >
}

describe('permissions matrix (working group scoped to KAZ)', () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      for (const [scope, item] of scopes) {
        const want = expected[role][action][scope]
        it(`${role} ${want ? 'may' : 'may not'} ${action} on an item of ${scope}`, () => {
          const who = actor(role, role === 'working_group' ? ['KAZ'] : [])
          expect(can(who, action, item)).toBe(want)
        })
      }
    }
  }

  it('a working group member with no countries may create nothing', () => {
    expect(can(actor('working_group', []), 'item:create')).toBe(false)
    expect(can(actor('working_group', []), 'item:create', kazItem)).toBe(false)
  })

  it('a working group member scoped to several countries may edit the items of each', () => {
    const wg = actor('working_group', ['KAZ', 'GEO'])
    expect(can(wg, 'item:edit', geoItem)).toBe(true)
    expect(can(wg, 'item:edit', kazItem)).toBe(true)
    expect(can(wg, 'item:edit', { proposers: ['PRC'] })).toBe(false)
  })

  it('a partner user without an organisation may flag nothing; with one, flagging needs no item', () => {
    const orphan: Actor = { id: 'p', role: 'partner', countries: [], organisation: null }
    expect(can(orphan, 'flag:write')).toBe(false)
    expect(can(orphan, 'flag:write', kazItem)).toBe(false)
    expect(can({ ...orphan, organisation: '  ' }, 'flag:write', kazItem)).toBe(false)
    expect(can(actor('partner'), 'flag:write')).toBe(true)
    expect(can(actor('viewer'), 'flag:write')).toBe(false)
  })

  it('without an item, "could create" shows the button to working group members with a country', () => {
    expect(can(actor('working_group', ['KAZ']), 'item:create')).toBe(true)
    expect(can(actor('viewer'), 'item:create')).toBe(false)
  })
})

// Comments: everyone who reads items comments; edit and delete your own; the secretariat may
// also delete (not edit) anyone's.
type Whose = 'own' | "someone else's"
const ownOnly = {
  'comment:create': { own: true, "someone else's": true },
  'comment:edit': { own: true, "someone else's": false },
  'comment:delete': { own: true, "someone else's": false },
}
const commentExpected: Record<Role, Record<CommentAction, Record<Whose, boolean>>> = {
  secretariat: { ...ownOnly, 'comment:delete': { own: true, "someone else's": true } },
  working_group: ownOnly,
  steering_committee: ownOnly,
  partner: ownOnly,
  viewer: ownOnly,
}

describe('comment permissions matrix', () => {
  for (const role of ROLES) {
    for (const action of ['comment:create', 'comment:edit', 'comment:delete'] as const) {
      for (const whose of ['own', "someone else's"] as const) {
        const want = commentExpected[role][action][whose]
        it(`${role} ${want ? 'may' : 'may not'} ${action === 'comment:create' ? 'comment on an item' : `${action} on ${whose} comment`}`, () => {
          const who = actor(role, role === 'working_group' ? ['KAZ'] : [])
          const comment =
            action === 'comment:create' ? undefined : { authorId: whose === 'own' ? who.id : 'someone-else' }
          expect(canOnComment(who, action, comment)).toBe(want)
        })
      }
    }
  }

  it('a working group member with no countries still comments (reading is not scoped)', () => {
    expect(canOnComment(actor('working_group', []), 'comment:create')).toBe(true)
  })

  it('edit and delete need the comment to decide', () => {
    expect(canOnComment(actor('secretariat'), 'comment:delete')).toBe(false)
  })
})

describe('API tokens and two-factor sign-in', () => {
  for (const role of ROLES) {
    const anyones = role === 'secretariat'
    it(`${role} revokes their own token${anyones ? " and anyone else's" : ", nobody else's"}`, () => {
      const who = actor(role, role === 'working_group' ? ['KAZ'] : [])
      expect(canRevokeToken(who, { ownerId: who.id })).toBe(true)
      expect(canRevokeToken(who, { ownerId: 'someone-else' })).toBe(anyones)
    })
  }

  it('two-factor is required of the roles the installation names, and of nobody by default', () => {
    expect(ROLES.filter((role) => mustUseTwoFactor({ role }, []))).toEqual([])
    expect(ROLES.filter((role) => mustUseTwoFactor({ role }, ['secretariat']))).toEqual(['secretariat'])
  })
})

// The rules that used to live elsewhere (the workflow's "who", the meeting's on-behalf check, the
// form's proposer check, the follows' country rule, the new-item form's ticked countries, the
// meeting's snapshot), each walked as role x scope here.

/** Each move of the transition table, and who may make it on an item of each scope, written out. */
type MoveWho =
  | 'proposer working group or secretariat'
  | 'secretariat'
  | 'the committee as a body'
  | 'committee or secretariat'
const MOVES: Record<TransitionName, MoveWho> = {
  submit: 'proposer working group or secretariat',
  return: 'secretariat',
  // a decision of the committee as a body: no one alone, only on its behalf (below)
  endorse: 'the committee as a body',
  prepare: 'proposer working group or secretariat',
  approve: 'secretariat',
  implement: 'proposer working group or secretariat',
  complete: 'proposer working group or secretariat',
  hold: 'committee or secretariat',
  resume: 'committee or secretariat',
  drop: 'committee or secretariat',
}
function mayMove(who: MoveWho, role: Role, scope: Scope): boolean {
  switch (who) {
    case 'proposer working group or secretariat':
      return role === 'secretariat' || (role === 'working_group' && SPEAKS_FOR[scope])
    case 'secretariat':
      return role === 'secretariat'
    case 'the committee as a body':
      return false
    case 'committee or secretariat':
      return role === 'steering_committee' || role === 'secretariat'
  }
}
/** Does a working group member scoped to KAZ speak for an item of this scope? */
const SPEAKS_FOR: Record<Scope, boolean> = {
  'own country': true,
  'shared with own country': true,
  'other country': false,
  'no proposers': false,
}
const wgOrOther = (role: Role) => actor(role, role === 'working_group' ? ['KAZ'] : [])

describe('workflow moves (the transition table, read by canMove)', () => {
  it('the table has exactly the moves written out here', () => {
    expect(TRANSITIONS.map((rule) => rule.name).sort()).toEqual(Object.keys(MOVES).sort())
  })
  for (const rule of TRANSITIONS)
    for (const role of ROLES)
      for (const [scope, item] of scopes) {
        const want = mayMove(MOVES[rule.name], role, scope)
        it(`${role} ${want ? 'may' : 'may not'} ${rule.name} an item of ${scope}`, () => {
          expect(canMove(wgOrOther(role), rule, item)).toBe(want)
        })
      }

  it('partners and viewers make no moves; the others do', () => {
    expect(ROLES.filter((role) => makesMoves(wgOrOther(role)))).toEqual([
      'secretariat',
      'working_group',
      'steering_committee',
    ])
  })
})

describe("moves on behalf of the steering committee (a meeting's decision)", () => {
  const endorse = TRANSITIONS.find((rule) => rule.name === 'endorse')!
  const approve = TRANSITIONS.find((rule) => rule.name === 'approve')!
  const submit = TRANSITIONS.find((rule) => rule.name === 'submit')!
  const onBehalf = { onBehalfOf: 'steering_committee' as const }

  for (const role of ROLES) {
    // only those who record the committee's decisions (meetings, written procedures) may: a
    // committee member alone does not speak for the committee
    const want = role === 'secretariat'
    it(`${role} ${want ? 'may' : 'may not'} endorse on the committee's behalf`, () => {
      expect(canMove(wgOrOther(role), endorse, kazItem, onBehalf)).toBe(want)
      expect(makesMoves(wgOrOther(role), onBehalf)).toBe(role !== 'partner' && role !== 'viewer')
    })
  }

  it('a committee member may not endorse alone, yet still holds, resumes and drops', () => {
    const committee = actor('steering_committee')
    expect(canMove(committee, endorse, kazItem)).toBe(false)
    expect(canMove(committee, endorse, kazItem, onBehalf)).toBe(false)
    for (const name of ['hold', 'resume', 'drop'] as const)
      expect(canMove(committee, TRANSITIONS.find((rule) => rule.name === name)!, kazItem)).toBe(true)
  })

  it("lends only the committee's own moves, never a working group's or the secretariat's", () => {
    const committee = actor('steering_committee')
    expect(canMove(committee, approve, kazItem, onBehalf)).toBe(false)
    expect(canMove(committee, submit, kazItem, onBehalf)).toBe(false)
    expect(canMove(actor('secretariat'), endorse, kazItem)).toBe(false)
  })

  it('is granted by managing meetings, so a viewer or partner asking for it gets nothing', () => {
    expect(canMove(actor('viewer'), endorse, kazItem, onBehalf)).toBe(false)
    expect(makesMoves(actor('partner'), onBehalf)).toBe(false)
    expect(canMove(actor('secretariat'), endorse, kazItem, { onBehalfOf: 'working_group' })).toBe(false)
  })
})

describe('saving an item from the form: in scope before the edit and after it', () => {
  for (const role of ROLES)
    for (const [before, beforeItem] of scopes)
      for (const [after, afterItem] of scopes) {
        // a working group takes only its own countries off the proposers (KAZ may not drop UZB)
        const removesOther = beforeItem.proposers.some(
          (code) => code !== 'KAZ' && !afterItem.proposers.includes(code),
        )
        const want =
          role === 'secretariat' ||
          (role === 'working_group' && SPEAKS_FOR[before] && SPEAKS_FOR[after] && !removesOther)
        it(`${role} ${want ? 'may' : 'may not'} save an item of ${before} as one of ${after}`, () => {
          expect(canSaveItem(wgOrOther(role), afterItem, beforeItem)).toBe(want)
        })
      }

  for (const role of ROLES)
    for (const [scope, item] of scopes) {
      const want = role === 'secretariat' || (role === 'working_group' && SPEAKS_FOR[scope])
      it(`${role} ${want ? 'may' : 'may not'} create an item of ${scope}`, () => {
        expect(canSaveItem(wgOrOther(role), item)).toBe(want)
      })
    }
})

describe('following by country, and the countries a person speaks for', () => {
  for (const role of ROLES)
    for (const [scope, item] of scopes) {
      const want = role === 'working_group' && SPEAKS_FOR[scope]
      it(`${role} ${want ? 'follows' : 'does not follow'} an item of ${scope} without asking`, () => {
        // even given a country, only a working group member speaks for it
        expect(followsByCountry(actor(role, ['KAZ']), item)).toBe(want)
      })
    }

  it("ticks a working group member's own countries on a new item, and nobody else's", () => {
    for (const role of ROLES)
      expect(countriesOf(actor(role, ['KAZ', 'UZB']))).toEqual(role === 'working_group' ? ['KAZ', 'UZB'] : [])
  })
})

describe('taking a snapshot: by hand, or by opening a meeting', () => {
  for (const role of ROLES)
    for (const purpose of ['by_hand', 'meeting_opening'] as const) {
      const want = role === 'secretariat'
      it(`${role} ${want ? 'may' : 'may not'} take one ${purpose.replace('_', ' ')}`, () => {
        expect(canTakeSnapshot(wgOrOther(role), purpose)).toBe(want)
      })
    }
})

describe('the 403 page', () => {
  it('has a message for every action, so a refusal always says what is not allowed', async () => {
    const { en } = await import('../i18n/en')
    const messages = en.error.forbidden as Record<string, string>
    expect(ACTIONS.filter((action) => !messages[action])).toEqual([])
  })
})
