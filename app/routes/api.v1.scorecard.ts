import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { apiError, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { parseScorecardQuery } from '~/monitoring/scorecard-query'
import { getScorecard } from '~/monitoring/scorecard.server'
import { guardApi } from '~/permissions/guard.server'

// GET /api/v1/scorecard?period=2025[&recommendation=&country=]: per KPI and country the approved
// value, the report's state, the progress against the target and the trend (docs/decisions/0033).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guardApi(request, 'kpi:read')
  const query = parseScorecardQuery(new URL(request.url).searchParams, new Date().toISOString())
  if (!query.ok) {
    const t = translator(resolveLanguage(request, user))
    return apiError(400, 'bad_parameter', t(`kpi.validation.${query.param}`), { parameter: query.param })
  }
  return Response.json(await getScorecard(await getDb(), query.period, query))
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
