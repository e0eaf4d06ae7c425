import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { apiItemsJson } from '~/api/items.server'
import { badParameter, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { guardApi } from '~/permissions/guard.server'
import { parseListQuery } from '~/portfolio/list-query'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guardApi(request, 'item:read')
  // `cols` only chooses table columns; accepting it lets a copied table link work here too.
  const parsed = parseListQuery(new URL(request.url).searchParams, ['cols'])
  if (!parsed.ok) return badParameter(translator(resolveLanguage(request, user)), parsed.problem)
  // The page's JSON text, written from the rows (Response.json's answer, for less work), as UTF-8
  // bytes: a string body is first checked for lone surrogates, which JSON text never has (decision 0054).
  return new Response(Buffer.from(await apiItemsJson(await getDb(), parsed.query)), {
    headers: { 'Content-Type': 'application/json' },
  })
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
