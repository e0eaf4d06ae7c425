import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { apiError, downloadResponse, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { CONTENT_TYPES } from '~/exports/items.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { scorecardXlsx } from '~/monitoring/scorecard-xlsx.server'
import { parseScorecardQuery } from '~/monitoring/scorecard-query'
import { getScorecard } from '~/monitoring/scorecard.server'
import { guardApi } from '~/permissions/guard.server'

// GET /scorecard.xlsx?<the scorecard page's parameters>: the scorecard as a spreadsheet, in the reader's language.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guardApi(request, 'kpi:read')
  const language = resolveLanguage(request, user)
  const query = parseScorecardQuery(new URL(request.url).searchParams, new Date().toISOString())
  if (!query.ok)
    return apiError(400, 'bad_parameter', translator(language)(`kpi.validation.${query.param}`), {
      parameter: query.param,
    })
  const card = await getScorecard(await getDb(), query.period, query)
  return downloadResponse(
    new Uint8Array(await scorecardXlsx(card, language)),
    CONTENT_TYPES.xlsx,
    `scorecard-${card.period}.xlsx`,
  )
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
