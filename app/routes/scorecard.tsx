import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ScorecardTable } from '~/components/monitoring/ScorecardTable'
import { getDb } from '~/db.server'
import { formatDate } from '~/i18n/format'
import { pageTitle } from '~/i18n/meta'
import { defaultPeriod, MEMBER_COUNTRIES, parsePeriod, periodText } from '~/monitoring/codes'
import { listFramework } from '~/monitoring/framework.server'
import { nameIn } from '~/monitoring/names'
import { parseScorecardQuery } from '~/monitoring/scorecard-query'
import { addScorecardToMeeting, getScorecard, meetingsForScorecard } from '~/monitoring/scorecard.server'
import { guard, notFound } from '~/permissions/guard.server'
import { can } from '~/permissions/permissions'

// GET /scorecard?period=2025&recommendation=&country=: KPIs x countries for a period (app/monitoring,
// docs/decisions/0033); POST adds the period's scorecard to a meeting's pack (the secretariat).

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'kpi.scorecard.title', { period: data?.card.period ?? '' })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await guard(request, 'kpi:read')
  const url = new URL(request.url)
  const query = parseScorecardQuery(url.searchParams, new Date().toISOString())
  const db = await getDb()
  const period = query.ok ? query.period : defaultPeriod(new Date().toISOString())
  const card = await getScorecard(db, period, query.ok ? query : {})
  const recommendations = new Map(
    (await listFramework(db)).map((k) => [k.recommendation.id, k.recommendation]),
  )
  const canManage = can(user, 'meeting:manage')
  return {
    card,
    invalid: query.ok ? null : query.param,
    recommendation: query.ok ? query.recommendation : null,
    country: query.ok ? query.country : null,
    recommendations: [...recommendations.values()],
    meetings: canManage ? await meetingsForScorecard(db) : [],
    canManage,
    search: url.search,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'meeting:manage')
  const form = await request.formData()
  const period = parsePeriod(String(form.get('period') ?? ''))
  const meetingId = String(form.get('meeting') ?? '')
  if (!period || !meetingId) return data({ problem: 'kpi.validation.meeting' as const }, { status: 400 })
  const outcome = await addScorecardToMeeting(await getDb(), meetingId, period, user.id)
  if (outcome.kind === 'not_found') notFound()
  throw redirect(`/scorecard?period=${periodText(period)}&added=${encodeURIComponent(meetingId)}`)
}

export default function ScorecardPage() {
  const { t, i18n } = useTranslation()
  const { card, invalid, recommendation, country, recommendations, meetings, canManage, search } =
    useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const added = params.get('added')
  return (
    <section className="scorecard-page">
      <p>
        <Link to="/kpis">{t('kpi.page.back')}</Link>
      </p>
      <h1>{t('kpi.scorecard.title', { period: card.period })}</h1>
      <p>{t('kpi.scorecard.intro', { previous: card.previous })}</p>
      {added ? (
        <p className="notice" role="status">
          {t('kpi.scorecard.added', { period: card.period })}{' '}
          <Link to={`/meetings/${encodeURIComponent(added)}/pack`}>{t('kpi.scorecard.openPack')}</Link>
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label={t('kpi.scorecard.filters')}>
        <label htmlFor="sc-period">{t('kpi.field.period')}</label>{' '}
        <input
          id="sc-period"
          name="period"
          defaultValue={card.period}
          size={8}
          aria-invalid={invalid === 'period' ? true : undefined}
          aria-describedby="sc-period-hint"
        />{' '}
        <span id="sc-period-hint" className="hint">
          {t('kpi.rounds.periodHint')}
        </span>{' '}
        <label htmlFor="sc-recommendation">{t('kpi.field.recommendation')}</label>{' '}
        <select id="sc-recommendation" name="recommendation" defaultValue={recommendation ?? ''}>
          <option value="">{t('kpi.scorecard.allRecommendations')}</option>
          {recommendations.map((r) => (
            <option key={r.id} value={r.id}>
              {nameIn(r, i18n.language)}
            </option>
          ))}
        </select>{' '}
        <label htmlFor="sc-country">{t('kpi.field.country')}</label>{' '}
        <select id="sc-country" name="country" defaultValue={country ?? ''}>
          <option value="">{t('kpi.scorecard.allCountries')}</option>
          {MEMBER_COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {t(`country.${c}`)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('kpi.scorecard.apply')}</button>
        {invalid ? (
          <p className="field-errors" role="alert">
            {t(invalid === 'period' ? 'kpi.validation.period' : 'kpi.validation.country')}
          </p>
        ) : null}
      </Form>
      <p>
        <a href={`/scorecard.xlsx${search}`} download>
          {t('kpi.scorecard.xlsx')}
        </a>
      </p>
      <ScorecardTable card={card} />
      {canManage ? (
        <section aria-labelledby="to-meeting">
          <h2 id="to-meeting">{t('kpi.scorecard.addToMeeting')}</h2>
          {meetings.length === 0 ? (
            <p className="muted">{t('kpi.scorecard.noMeetings')}</p>
          ) : (
            <Form method="post" className="inline-form">
              <input type="hidden" name="period" value={card.period} />
              <label htmlFor="sc-meeting">{t('kpi.scorecard.meeting')}</label>{' '}
              <select id="sc-meeting" name="meeting" required>
                {meetings.map((m) => (
                  <option key={m.id} value={m.id}>
                    {formatDate(m.meeting_date, i18n.language)} {m.title}
                  </option>
                ))}
              </select>{' '}
              <button type="submit">{t('kpi.scorecard.add')}</button>
            </Form>
          )}
        </section>
      ) : null}
    </section>
  )
}
