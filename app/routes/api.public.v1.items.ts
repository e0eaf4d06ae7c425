import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { badParameter, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { listPublicItems, parsePublicQuery, publicJson } from '~/publication/public.server'

// GET /api/public/v1/items: the published items' public fields, no session; the parameters of
// /api/v1/items less the internal ones (docs/decisions/0026-public-portfolio.md).

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parsePublicQuery(new URL(request.url).searchParams, ['cols'])
  if (!parsed.ok) return badParameter(translator(resolveLanguage(request, null)), parsed.problem)
  return publicJson(request, await listPublicItems(await getDb(), parsed.query))
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
