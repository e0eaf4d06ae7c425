import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { apiError, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { guardApi } from '~/permissions/guard.server'
import { toApiItem } from '~/portfolio/item-view'
import { getItemByRef } from '~/portfolio/items.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guardApi(request, 'item:read')
  const item = await getItemByRef(await getDb(), params.ref ?? '')
  if (!item)
    return apiError(
      404,
      'not_found',
      translator(resolveLanguage(request, user))('api.notFound', { ref: params.ref }),
    )
  return Response.json(toApiItem(item))
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
