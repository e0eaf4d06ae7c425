import { describe, expect, it } from 'vitest'
import {
  ACTIONS,
  ROLES,
  can,
  canOnComment,
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
]

// The expected answer for every role x action x scope, written out so a reader can audit it.
const expected: Record<Role, Record<Action, Record<Scope, boolean>>> = {
  // every action but flagging co-financing, which speaks for a development partner's organisation
  // (a member's own priority score is the committee's: the secretariat sets scores on the item form)
  secretariat: Object.fromEntries(
    ACTIONS.map((a) => [a, all(a !== 'flag:write' && a !== 'score:write')]),
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
    'item:archive': all(false),
    'item:restore': all(false),
    'people:manage': all(false),
    'organisation:manage': all(false),
    'access-log:read': all(false),
    'flag:write': all(false),
    'item:follow': all(true),
    'activity:read': all(true),
    'inbox:read': all(true),
    'score:write': all(false),
    'item:import': all(false),
    'snapshot:take': all(false),
    'meeting:read': all(true),
    'meeting:manage': all(false),
    'item:publish': all(false),
  },
  // reads everything; scores any item for themselves
  steering_committee: { ...readOnly(), 'score:write': all(true) },
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

describe('the 403 page', () => {
  it('has a message for every action, so a refusal always says what is not allowed', async () => {
    const { en } = await import('../i18n/en')
    const messages = en.error.forbidden as Record<string, string>
    expect(ACTIONS.filter((action) => !messages[action])).toEqual([])
  })
})
