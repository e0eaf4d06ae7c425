// Who may do what: the one place (docs/decisions/0016-refusal-path.md). Routes call the guards in
// guard.server.ts; server modules ask the same functions again and answer `forbidden` outcomes;
// loaders use them to tell the interface which buttons to show. Pure functions, so the matrix
// test (permissions.test.ts) walks them all. The workflow's moves are a table of their own
// (app/workflow/transition-table.ts), read here by canMove.

import { TRANSITIONS, type TransitionRule, type Who } from '../workflow/transition-table'

export const ROLES = ['secretariat', 'working_group', 'steering_committee', 'partner', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ACTIONS = [
  'item:read',
  'item:create',
  'item:edit',
  'item:translate',
  'item:archive',
  'item:restore',
  'people:manage',
  'organisation:manage',
  'access-log:read',
  'flag:write',
  'item:follow',
  'activity:read',
  'inbox:read',
  'view:save',
  'view:share',
  'score:write',
  'item:import',
  'snapshot:take',
  'meeting:read',
  'meeting:manage',
  'token:manage',
  'item:publish',
  'iati:export',
  'iati:manage',
  'procedure:read',
  'procedure:manage',
  'procedure:vote',
  'score:read-named',
  'score:set-direct',
  'kpi:read',
  'kpi:manage',
  'kpi:report',
  'kpi:review',
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

/** A stored person (a users row and their user_countries) as the permissions see them: the one mapper. */
export function actorOf(
  user: { id: string; role: Role; organisation: string | null },
  countries: readonly string[],
): Actor {
  return { id: user.id, role: user.role, organisation: user.organisation, countries }
}

/** What an action is about: the item's proposers (for create: the proposers it would have). */
export interface ItemScope {
  proposers: readonly string[]
}

/** The countries a person speaks for: a working group member's own; nobody else speaks for a country. */
export function countriesOf(actor: Actor): readonly string[] {
  return actor.role === 'working_group' ? actor.countries : []
}

/**
 * Does the person speak for one of the item's proposers? The one country-scope rule: it decides
 * creating and editing, the working group's moves in the workflow, and following by country.
 */
export function speaksFor(actor: Actor, item: ItemScope): boolean {
  const own = countriesOf(actor)
  return item.proposers.some((code) => own.includes(code))
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
  // writing an item's text in another language, or confirming a translation still stands
  // (docs/decisions/0034-translation-provenance.md): working groups their countries' items, the
  // secretariat any item. Translations are written through the item form (item:edit, the same
  // scope); this action names the confirmation, which changes no field.
  'item:translate': { secretariat: true, working_group: speaksFor },
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
  // saved views of the portfolio table (app/views, docs/decisions/0030-bulk-work.md): everyone who
  // reads items names views for themselves; a shared view appears in everyone's list, the agenda
  // builder and the dashboard, so sharing is the secretariat's, which curates what everyone sees
  'view:save': {
    secretariat: true,
    working_group: true,
    steering_committee: true,
    partner: true,
    viewer: true,
  },
  'view:share': { secretariat: true },
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
  // everyone creates, lists and revokes their own API tokens (canRevokeToken below); the
  // secretariat also sees and revokes everyone's (docs/decisions/0023-api-tokens.md)
  'token:manage': { secretariat: true },
  // publishing an item on the public portfolio, or making it internal again (app/publication,
  // docs/decisions/0026-public-portfolio.md)
  'item:publish': { secretariat: true },
  // the IATI activity file and its check page (app/iati): everyone who reads items may download
  // what the portfolio table shows them anyway; the secretariat keeps the publisher settings and
  // the areas' DAC purpose codes (docs/decisions/0032-iati-export.md)
  'iati:export': {
    secretariat: true,
    working_group: true,
    steering_committee: true,
    partner: true,
    viewer: true,
  },
  'iati:manage': { secretariat: true },
  // written procedures (app/procedures, docs/decisions/0029): everyone who reads meetings reads
  // them and their outcome; the secretariat opens them; each committee member votes for themselves
  'procedure:read': {
    secretariat: true,
    working_group: true,
    steering_committee: true,
    partner: true,
    viewer: true,
  },
  // the monitoring framework (app/monitoring, docs/decisions/0033-monitoring-framework.md):
  // everyone who reads items reads the framework, the reports' states and the scorecard; the
  // secretariat keeps the framework (units, directions, baselines, targets, new KPIs) and reviews
  // reports (returns or approves them); a working group reports its own countries' values (the
  // scope is the report's country, passed as the only "proposer")
  'kpi:read': {
    secretariat: true,
    working_group: true,
    steering_committee: true,
    partner: true,
    viewer: true,
  },
  'procedure:manage': { secretariat: true },
  'procedure:vote': { steering_committee: true },
  // each member's named scores and notes, and named votes on a procedure: the committee's own
  // deliberation, seen by the committee and the secretariat; other roles see the median and spread
  'score:read-named': { secretariat: true, steering_committee: true },
  // the item's direct scores (used while no member has scored): working groups propose items,
  // they do not score their own (issue 11)
  'score:set-direct': { secretariat: true },
  'kpi:manage': { secretariat: true },
  'kpi:report': { working_group: speaksFor },
  'kpi:review': { secretariat: true },
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
  return item ? rule(actor, item) : countriesOf(actor).length > 0
}

/** A refusal as server modules answer it: which action was not allowed (the 403 page names it). */
export interface Forbidden {
  kind: 'forbidden'
  action: Action | CommentAction
}

export function forbiddenOutcome(action: Action | CommentAction): Forbidden {
  return { kind: 'forbidden', action }
}

// ---------------------------------------------------------------------------------------------
// Saving an item from the form

/**
 * May `actor` save an item with the proposers `after`: create it (no `before`), or edit it from
 * proposers `before`? Editing needs the item in scope before the edit and still after it, so a
 * working group member cannot hand an item to other countries, nor take one over.
 */
export function canSaveItem(actor: Actor, after: ItemScope, before?: ItemScope | null): boolean {
  if (!before) return can(actor, 'item:create', after)
  return (
    can(actor, 'item:edit', before) &&
    mayRemoveProposers(actor, before, after) &&
    (can(actor, 'item:edit', after) || withdrawsOnly(before, after))
  )
}

/**
 * A working group leaving a joint item to its other proposers: it takes its own country off and
 * adds none, so the item stays with countries that proposed it (and out of the group's scope).
 */
function withdrawsOnly(before: ItemScope, after: ItemScope): boolean {
  return after.proposers.length > 0 && after.proposers.every((code) => before.proposers.includes(code))
}

/**
 * A country leaves an item's proposers only by its own working group or the secretariat: a KAZ
 * member editing a joint KAZ-UZB item may not take UZB off it (UZB would lose the item it
 * co-proposed). Adding a country stays open to any proposer's group.
 */
export function mayRemoveProposers(actor: Actor, before: ItemScope, after: ItemScope): boolean {
  if (actor.role === 'secretariat') return true
  const own = countriesOf(actor)
  return before.proposers.every((code) => after.proposers.includes(code) || own.includes(code))
}

// ---------------------------------------------------------------------------------------------
// Monitoring reports

/** The scope of a country's KPI report, as the country-scoped rules read it. */
export function reportScope(country: string): ItemScope {
  return { proposers: [country] }
}

// ---------------------------------------------------------------------------------------------
// Following

/**
 * Does the person follow the item without asking (until they unfollow it)? Working group members
 * follow the items their countries propose (app/notifications/follows.server.ts).
 */
export function followsByCountry(actor: Actor, item: ItemScope): boolean {
  return speaksFor(actor, item)
}

// ---------------------------------------------------------------------------------------------
// Snapshots

/**
 * Taking a snapshot of the portfolio: by hand needs 'snapshot:take'; opening a meeting takes one
 * as part of the opening, under 'meeting:manage' (docs/decisions/0013 and 0014).
 */
export function canTakeSnapshot(actor: Actor, purpose: 'by_hand' | 'meeting_opening'): boolean {
  return can(actor, purpose === 'by_hand' ? 'snapshot:take' : 'meeting:manage')
}

// ---------------------------------------------------------------------------------------------
// Workflow moves (the table: app/workflow/transition-table.ts)

/** The role each "who" of the transition table names; a proposer working group also needs the item's country. */
const ROLE_OF: Record<Who, Role> = {
  secretariat: 'secretariat',
  steering_committee: 'steering_committee',
  proposer_working_group: 'working_group',
}

/**
 * Bodies a move may be made on behalf of, and the action that lets a person record their
 * decisions: the secretariat records the steering committee's decisions at its meetings
 * (docs/decisions/0014-meetings.md), so endorsing, a committee move, is possible as a meeting's decision.
 */
const ON_BEHALF_OF: Partial<Record<Role, Action>> = { steering_committee: 'meeting:manage' }

export interface MoveOptions {
  /** a body whose authority the move may rest on besides the actor's own (ON_BEHALF_OF) */
  onBehalfOf?: Role
}

function actsAs(actor: Actor, who: Who, item: ItemScope, rule: Pick<TransitionRule, 'collective'>): boolean {
  if (actor.role !== ROLE_OF[who]) return false
  // a collective move is the body's decision, never one member's: only on its behalf (below)
  if (rule.collective) return false
  return who === 'proposer_working_group' ? speaksFor(actor, item) : true
}

function mayActFor(actor: Actor, body: Role | undefined): body is Role {
  const needs = body ? ON_BEHALF_OF[body] : undefined
  return needs !== undefined && can(actor, needs)
}

/**
 * May `actor` make this move of the transition table on this item: by their role (and, for a
 * working group, the item's country), or on behalf of a body they record decisions for? The
 * change is still recorded under the actor's name.
 */
export function canMove(
  actor: Actor,
  rule: Pick<TransitionRule, 'who' | 'collective'>,
  item: ItemScope,
  options: MoveOptions = {},
): boolean {
  if (rule.who.some((who) => actsAs(actor, who, item, rule))) return true
  const body = options.onBehalfOf
  return (
    mayActFor(actor, body) &&
    rule.who.some((who) => who !== 'proposer_working_group' && ROLE_OF[who] === body)
  )
}

/** Does the person make any move at all (themselves or on behalf of a body)? Development partners and viewers do not. */
export function makesMoves(actor: Actor, options: MoveOptions = {}): boolean {
  const own = TRANSITIONS.some(
    (rule) => !rule.collective && rule.who.some((who) => ROLE_OF[who] === actor.role),
  )
  const body = options.onBehalfOf
  return (
    own ||
    (mayActFor(actor, body) && TRANSITIONS.some((rule) => rule.who.some((who) => ROLE_OF[who] === body)))
  )
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

/** A token's owner revokes it; the secretariat revokes anyone's. */
export function canRevokeToken(actor: Actor, token: { ownerId: string }): boolean {
  return token.ownerId === actor.id || can(actor, 'token:manage')
}

/**
 * Must this person turn two-factor sign-in on before doing anything else? The installation names
 * the roles (TWO_FACTOR_REQUIRED_ROLES, app/auth/config.server.ts).
 */
export function mustUseTwoFactor(actor: Pick<Actor, 'role'>, requiredRoles: readonly Role[]): boolean {
  return requiredRoles.includes(actor.role)
}
