import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { apiError, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { guardApi } from '~/permissions/guard.server'
import { getHistory } from '~/history/history.server'
import { visibleHistory } from '~/prioritisation/visibility'

// GET /api/v1/items/:ref/history: newest first, each {kind, at, by, details}.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guardApi(request, 'item:read')
  const history = await getHistory(await getDb(), params.ref ?? '')
  if (!history)
    return apiError(
      404,
      'not_found',
      translator(resolveLanguage(request, user))('api.notFound', { ref: params.ref }),
    )
  return Response.json({
    ref: params.ref,
    history: visibleHistory(user, history).map(({ kind, at, by, details }) => ({ kind, at, by, details })),
  })
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
