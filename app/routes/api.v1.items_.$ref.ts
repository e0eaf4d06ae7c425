import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireApiUser } from '~/auth/session.server'
import { getDb } from '~/db.server'
import { requirePermission } from '~/permissions/guard.server'
import { toApiItem } from '~/portfolio/item-view'
import { getItemByRef } from '~/portfolio/items.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireApiUser(request)
  requirePermission(user, 'item:read')
  const item = await getItemByRef(await getDb(), params.ref ?? '')
  if (!item) return Response.json({ error: 'not_found', message: `No item with ref ${params.ref}` }, { status: 404 })
  return Response.json(toApiItem(item))
}
