import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { can, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import { parseListQuery, type ListQueryProblem } from '../portfolio/list-query'
import { compactViewParams } from '../portfolio/view-url'
import { nowIso } from '../portfolio/items.server'
import { VIEWS_PER_PERSON } from './schema'

// Saved views (issue 11, "Bulk work"; docs/decisions/0030-bulk-work.md): a name for a portfolio
// table view, that is for its query string (filters, sort, columns; never the page), kept for its
// owner or shared with everyone. The table lists them, the agenda builder adds a view's items,
// the scoring grid scores them. Who may save and share: app/permissions ('view:save', 'view:share').

export interface SavedView {
  id: string
  name: string
  /** the query string, without `?` */
  query: string
  shared: boolean
  ownerId: string
  ownerName: string
  /** may the reader rename and delete it */
  mine: boolean
}

export type ViewOutcome =
  | { kind: 'saved'; view: { id: string; name: string } }
  | { kind: 'deleted'; name: string }
  | { kind: 'bad_view'; problem: ListQueryProblem }
  | { kind: 'duplicate'; name: string }
  | { kind: 'too_many'; limit: number }
  | { kind: 'not_found' }
  | Forbidden

/**
 * The view's query string as saved: read like the table reads it (a parameter it cannot read is
 * refused), then in its short form without the page, so a saved view always opens on page one.
 */
export function normaliseViewQuery(
  text: string,
): { ok: true; query: string } | { ok: false; problem: ListQueryProblem } {
  const at = text.indexOf('?')
  const params = new URLSearchParams((at >= 0 ? text.slice(at + 1) : text).replace(/#.*$/, ''))
  params.delete('page')
  params.delete('lng')
  params.delete('ref')
  const parsed = parseListQuery(params, ['cols'])
  if (!parsed.ok) return { ok: false, problem: parsed.problem }
  return { ok: true, query: compactViewParams(params).toString() }
}

/** The reader's own views and everyone's shared ones, by name. */
export async function listViews(db: DB, actor: Actor): Promise<SavedView[]> {
  const rows = await db
    .selectFrom('saved_views as v')
    .innerJoin('users as u', 'u.id', 'v.owner_id')
    .select(['v.id', 'v.name', 'v.query', 'v.shared', 'v.owner_id', 'u.name as owner_name'])
    .where((eb) => eb.or([eb('v.owner_id', '=', actor.id), eb('v.shared', '=', 1)]))
    .orderBy('v.name')
    .orderBy('v.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    query: r.query,
    shared: Number(r.shared) === 1,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    mine: mayChange(actor, { owner_id: r.owner_id, shared: r.shared }),
  }))
}

/** One view the reader may see (their own or a shared one), or null. */
export async function getView(db: DB, actor: Actor, id: string): Promise<SavedView | null> {
  return (await listViews(db, actor)).find((v) => v.id === id) ?? null
}

/** The owner changes their views; whoever may share also tidies the shared ones. */
function mayChange(actor: Actor, view: { owner_id: string; shared: number }): boolean {
  return view.owner_id === actor.id || (Number(view.shared) === 1 && can(actor, 'view:share'))
}

async function nameTaken(db: DB, actor: Actor, name: string, except: string | null): Promise<boolean> {
  const rows = await db
    .selectFrom('saved_views')
    .select(['id', 'name'])
    .where('owner_id', '=', actor.id)
    .execute()
  const lowered = name.toLowerCase()
  return rows.some((r) => r.id !== except && r.name.toLowerCase() === lowered)
}

/** Saves the view under a name, the saver's own or shared with everyone ('view:share'). */
export async function saveView(
  db: DB,
  actor: Actor,
  input: { name: string; query: string; shared: boolean },
): Promise<ViewOutcome> {
  if (!can(actor, 'view:save')) return forbiddenOutcome('view:save')
  if (input.shared && !can(actor, 'view:share')) return forbiddenOutcome('view:share')
  const normal = normaliseViewQuery(input.query)
  if (!normal.ok) return { kind: 'bad_view', problem: normal.problem }
  if (await nameTaken(db, actor, input.name, null)) return { kind: 'duplicate', name: input.name }
  const count = await db
    .selectFrom('saved_views')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_id', '=', actor.id)
    .executeTakeFirstOrThrow()
  if (Number(count.n) >= VIEWS_PER_PERSON) return { kind: 'too_many', limit: VIEWS_PER_PERSON }
  const now = nowIso()
  const id = randomUUID()
  await db
    .insertInto('saved_views')
    .values({
      id,
      owner_id: actor.id,
      name: input.name,
      query: normal.query,
      shared: input.shared ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return { kind: 'saved', view: { id, name: input.name } }
}

async function changeable(db: DB, actor: Actor, id: string) {
  const row = await db
    .selectFrom('saved_views')
    .select(['id', 'name', 'owner_id', 'shared'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row || (row.owner_id !== actor.id && Number(row.shared) !== 1)) return { kind: 'not_found' as const }
  if (!mayChange(actor, row)) return forbiddenOutcome('view:share')
  return { kind: 'ok' as const, row }
}

export async function renameView(db: DB, actor: Actor, id: string, name: string): Promise<ViewOutcome> {
  const found = await changeable(db, actor, id)
  if (found.kind !== 'ok') return found
  if (found.row.owner_id === actor.id && (await nameTaken(db, actor, name, id)))
    return { kind: 'duplicate', name }
  await db.updateTable('saved_views').set({ name, updated_at: nowIso() }).where('id', '=', id).execute()
  return { kind: 'saved', view: { id, name } }
}

export async function deleteView(db: DB, actor: Actor, id: string): Promise<ViewOutcome> {
  const found = await changeable(db, actor, id)
  if (found.kind !== 'ok') return found
  await db.deleteFrom('saved_views').where('id', '=', id).execute()
  return { kind: 'deleted', name: found.row.name }
}

/**
 * The view parameters a page reads: the address's own, or a saved view's when it names one
 * (`?view=<id>`), so the dashboard and the scoring grid take a saved view like a table link.
 */
export async function viewParamsOf(
  db: DB,
  actor: Actor,
  params: URLSearchParams,
): Promise<
  { kind: 'ok'; params: URLSearchParams; view: { id: string; name: string } | null } | { kind: 'not_found' }
> {
  const id = params.get('view')
  if (!id) return { kind: 'ok', params, view: null }
  const view = await getView(db, actor, id)
  if (!view) return { kind: 'not_found' }
  return { kind: 'ok', params: new URLSearchParams(view.query), view: { id: view.id, name: view.name } }
}
