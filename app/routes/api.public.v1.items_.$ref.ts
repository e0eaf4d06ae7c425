import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { apiError, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { getPublicItem, publicJson } from '~/publication/public.server'

// GET /api/public/v1/items/:ref: one published item's public fields. An internal or archived ref
// answers exactly as an unknown one, so the public side cannot tell that it exists.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const item = await getPublicItem(await getDb(), params.ref ?? '')
  if (!item) return apiError(404, 'not_found', translator()('api.notFound', { ref: params.ref }))
  return publicJson(request, item)
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
