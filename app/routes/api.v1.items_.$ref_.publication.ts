import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { apiError, methodNotAllowed } from '~/api/responses.server'
import { requireApiUser } from '~/auth/session.server'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { requirePermission } from '~/permissions/guard.server'
import { toApiItem } from '~/portfolio/item-view'
import { setItemPublished } from '~/publication/publication.server'
import { PublicationRequest } from '~/publication/schema'

// POST /api/v1/items/:ref/publication {"published": true|false}: the secretariat publishes an item
// on the public portfolio or makes it internal; answers the item, which carries `published`.

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== 'POST') return methodNotAllowed(request, 'POST')
  const user = await requireApiUser(request)
  requirePermission(user, 'item:publish')
  const t = translator()
  const body: unknown = await request.json().catch(() => undefined)
  const parsed = PublicationRequest.safeParse(body)
  if (!parsed.success) return apiError(400, 'bad_request', t('publication.badJson'), { field: 'published' })
  const outcome = await setItemPublished(await getDb(), user, params.ref ?? '', parsed.data.published)
  switch (outcome.kind) {
    case 'done':
      return Response.json(toApiItem(outcome.item))
    case 'not_found':
      return apiError(404, 'not_found', t('api.notFound', { ref: params.ref }))
    case 'forbidden':
      return apiError(403, 'forbidden', t('error.forbidden.item:publish'))
  }
}

export function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(request, 'POST')
}
