import { data } from '@remix-run/node'
import { apiError } from '../api/responses.server'
import { requireApiUser, requireUser, type CurrentUser } from '../auth/session.server'
import { getDb } from '../db.server'
import { translator } from '../i18n/i18n'
import { getItemScope } from '../portfolio/items.server'
import { can, type Action, type Actor, type CommentAction, type ItemScope } from './permissions'

// The edge of the refusal path (docs/decisions/0016-refusal-path.md). Routes start with one guard
// call: the signed-in user (else a redirect to sign in), the item it is about when there is one
// (else 404), and whether they may do the action (else a 403 page naming it). Guards throw, which
// is Remix's way at the edge; below the routes, server modules answer outcomes and never throw
// responses, and the route turns a `forbidden` outcome into the same 403 with `forbidden`.

export interface ForbiddenBody {
  forbidden: Action | CommentAction
}

/** The 403 response whose body names the action, so the error page can say what is not allowed. */
export function forbidden(action: Action | CommentAction): never {
  throw data<ForbiddenBody>({ forbidden: action }, { status: 403 })
}

export function notFound(): never {
  throw data({ notFound: true }, { status: 404 })
}

/** Throws the 403 unless `actor` may do `action` (on `item`, for actions scoped by country). */
export function requirePermission(actor: Actor, action: Action, item?: ItemScope): void {
  if (!can(actor, action, item)) forbidden(action)
}

/** The signed-in user who may do `action`: the one preamble of a page's loader or action. */
export async function guard(request: Request, action: Action): Promise<CurrentUser> {
  const user = await requireUser(request)
  requirePermission(user, action)
  return user
}

/** The stored scope of an item a guard found: what permissions decide on. */
export type GuardedItem = NonNullable<Awaited<ReturnType<typeof getItemScope>>>

/**
 * The signed-in user who may do `action` on the item with this ref: 404 when there is none,
 * 403 naming the action when its country scope (or the user's role) does not allow it.
 */
export async function guardItem(
  request: Request,
  action: Action,
  ref: string | undefined,
): Promise<{ user: CurrentUser; item: GuardedItem }> {
  const user = await requireUser(request)
  requirePermission(user, action)
  const item = await getItemScope(await getDb(), ref ?? '')
  if (!item) notFound()
  requirePermission(user, action, item)
  return { user, item }
}

/** The JSON API's guard: 401 without a session, a JSON 403 naming the action without the permission. */
export async function guardApi(request: Request, action: Action): Promise<CurrentUser> {
  const user = await requireApiUser(request)
  if (!can(user, action)) {
    const t = translator()
    throw apiError(403, 'forbidden', t(`error.forbidden.${action}`), { action })
  }
  return user
}
