import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { badParameter, downloadResponse, methodNotAllowed } from '~/api/responses.server'
import { config } from '~/config.server'
import { getDb } from '~/db.server'
import { exportIati, iatiFileName } from '~/iati/export.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { guardApi } from '~/permissions/guard.server'
import { nowIso } from '~/portfolio/items.server'
import { parseListQuery } from '~/portfolio/list-query'

// GET /export/iati.xml?<the portfolio table's filters>: the view's items as IATI 2.03 activities
// (docs/decisions/0032-iati-export.md). Items the check page blocks are left out, named in a
// comment at the end of the file and in the X-IATI-Left-Out header. A view of more than
// EXPORT_DIRECT_ROWS items is refused with 409, saying so: its file is a background job's
// (export_iati), so that no request holds a whole register's activities.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guardApi(request, 'iati:export')
  const t = translator(resolveLanguage(request, user))
  const parsed = parseListQuery(new URL(request.url).searchParams, ['cols'])
  if (!parsed.ok) return badParameter(t, parsed.problem)
  const generatedAt = nowIso()
  const outcome = await exportIati(await getDb(), config(), parsed.query, generatedAt)
  if (outcome.kind === 'unconfigured')
    return new Response(
      t('iatiExport.unconfigured', {
        fields: outcome.missing.map((f) => t(`iatiExport.settings.${f}`)).join(t('punctuation.list')),
      }),
      { status: 409, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
    )
  if (outcome.kind === 'too_large')
    return new Response(t('iatiExport.tooLarge', { count: outcome.count, limit: outcome.limit }), {
      status: 409,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  if (outcome.kind === 'empty')
    return new Response(t('iatiExport.empty', { count: outcome.leftOut.length }), {
      status: 409,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  const response = downloadResponse(outcome.xml, 'application/xml; charset=utf-8', iatiFileName(generatedAt))
  response.headers.set('X-IATI-Activities', String(outcome.written))
  response.headers.set('X-IATI-Left-Out', String(outcome.leftOut.length))
  return response
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
