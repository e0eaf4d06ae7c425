import { data } from '@remix-run/node'
import { can, type Action, type Actor, type ItemScope } from './permissions'

export interface ForbiddenBody {
  forbidden: Action
}

/** Throws a 403 whose body names the action, so the error page can say what is not allowed. */
export function requirePermission(actor: Actor, action: Action, item?: ItemScope): void {
  if (!can(actor, action, item)) throw data<ForbiddenBody>({ forbidden: action }, { status: 403 })
}

export function notFound(): never {
  throw data({ notFound: true }, { status: 404 })
}
