// Who may do what: the one place. Routes call the guards in guard.server.ts; loaders use `can`
// to tell the interface which buttons to show. Pure functions, so the matrix test walks them all.

export const ROLES = ['secretariat', 'working_group', 'steering_committee', 'partner', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ACTIONS = [
  'item:read',
  'item:create',
  'item:edit',
  'item:archive',
  'item:restore',
  'people:manage',
  'organisation:manage',
  'access-log:read',
  'flag:write',
  'item:follow',
  'activity:read',
  'inbox:read',
  'score:write',
  'item:import',
  'snapshot:take',
  'meeting:read',
  'meeting:manage',
  'item:publish',
] as const
export type Action = (typeof ACTIONS)[number]

export interface Actor {
  id: string
  role: Role
  /** the countries a working group member speaks for; empty for other roles */
  countries: readonly string[]
  /** the development partner's organisation; null for other roles */
  organisation: string | null
}

/** What an action is about: the item's proposers (for create: the proposers it would have). */
export interface ItemScope {
  proposers: readonly string[]
}

/** Does a working group member speak for one of the item's proposers? The one country-scope rule, also used by app/workflow/transitions.ts. */
export function speaksFor(actor: Actor, item: ItemScope): boolean {
  return item.proposers.some((code) => actor.countries.includes(code))
}

/**
 * A development partner flags co-financing for their own organisation only: the flag's organisation
 * is always the actor's (app/cofinancing), so the scope is having one, whatever the item.
 */
export function hasOrganisation(actor: Actor): boolean {
  return !!actor.organisation?.trim()
}

const RULES: Record<Action, Partial<Record<Role, true | ((actor: Actor, item: ItemScope) => boolean)>>> = {
  'item:read': {
    secretariat: true,
    working_group: true,
    steering_committee: true,
    partner: true,
    viewer: true,
  },
  'item:create': { secretariat: true, working_group: speaksFor },
  'item:edit': { secretariat: true, working_group: speaksFor },
  'item:archive': { secretariat: true },
  'item:restore': { secretariat: true },
  // people and access (app/people, docs/decisions/0020): list, invite, change role or scope,
  // deactivate and reactivate accounts; keep the list of partner organisations; read the access
  // log. Everyone manages their own account (/account) without a permission.
  'people:manage': { secretariat: true },
  'organisation:manage': { secretariat: true },
  'access-log:read': { secretariat: true },
  // add, update and withdraw their organisation's flag; everyone who reads items sees flags
  'flag:write': { partner: hasOrganisation },
  // everyone who reads items may follow them, read the portfolio's activity and their own inbox
  // (the inbox is always the signed-in person's: app/notifications/inbox.server.ts)
  'item:follow': {
    secretariat: true,
    working_group: true,
    steering_committee: true,
    partner: true,
    viewer: true,
  },
  'activity:read': {
    secretariat: true,
    working_group: true,
    steering_committee: true,
    partner: true,
    viewer: true,
  },
  'inbox:read': {
    secretariat: true,
    working_group: true,
    steering_committee: true,
    partner: true,
    viewer: true,
  },
  // each member scores any item for themselves; the secretariat sets an item's scores directly
  // through the item form instead (counted only while no member has scored: app/prioritisation)
  'score:write': { steering_committee: true },
  // uploading a plan file that creates and updates any items (app/importer, /import)
  'item:import': { secretariat: true },
  // a named snapshot of the whole portfolio (app/snapshots); everyone who reads items reads
  // snapshots and their "changes since" reports. Opening a meeting takes one under the meeting's
  // own permission.
  'snapshot:take': { secretariat: true },
  // meetings and their packs (app/meetings): everyone who reads items reads them; the secretariat
  // creates meetings, builds and opens agendas and records the committee's decisions on its behalf
  // (docs/decisions/0014-meetings.md)
  'meeting:read': {
    secretariat: true,
    working_group: true,
    steering_committee: true,
    partner: true,
    viewer: true,
  },
  'meeting:manage': { secretariat: true },
  // publishing an item on the public portfolio, or making it internal again (app/publication,
  // docs/decisions/0026-public-portfolio.md)
  'item:publish': { secretariat: true },
}

/**
 * May `actor` do `action`? For item actions scoped by country pass the item; without one the
 * answer is "could they, for some item" (used to show a "New item" button).
 */
export function can(actor: Actor, action: Action, item?: ItemScope): boolean {
  const rule = RULES[action][actor.role]
  if (rule === undefined) return false
  if (rule === true) return true
  if (rule === hasOrganisation) return hasOrganisation(actor)
  return item ? rule(actor, item) : actor.countries.length > 0
}

// Comments (docs/decisions/0007-comments.md): anyone who may read the item may comment on it;
// everyone edits and deletes only their own, and the secretariat may also delete anyone's
// (moderation) but edits nobody else's words.
export const COMMENT_ACTIONS = ['comment:create', 'comment:edit', 'comment:delete'] as const
export type CommentAction = (typeof COMMENT_ACTIONS)[number]

/** May `actor` do `action`? For edit and delete pass the comment (its author); create needs none. */
export function canOnComment(actor: Actor, action: CommentAction, comment?: { authorId: string }): boolean {
  if (!can(actor, 'item:read')) return false
  if (action === 'comment:create') return true
  if (!comment) return false
  if (comment.authorId === actor.id) return true
  return action === 'comment:delete' && actor.role === 'secretariat'
}
