import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { DotList } from '~/components/DotList'
import { Field } from '~/components/forms'
import { getDb } from '~/db.server'
import { formatDate, formatNumber, formatUtc } from '~/i18n/format'
import { translateMessage } from '~/i18n/message'
import { pageTitle } from '~/i18n/meta'
import {
  isMemberCountry,
  parsePeriod,
  type MemberCountry,
  type Period,
  type ReportStateOrNone,
} from '~/monitoring/codes'
import { nameIn } from '~/monitoring/names'
import { getReport, runReportStep, type ReportRequest } from '~/monitoring/reports.server'
import { readReportLines, ReturnForm } from '~/monitoring/schema'
import { forbidden, guard, notFound } from '~/permissions/guard.server'
import { can, reportScope } from '~/permissions/permissions'

// GET/POST /reports/:period/:country: one country's KPI report for a period. The country's working
// group saves and submits its values; the secretariat returns (with a reason) or approves; the
// history lists every step (docs/decisions/0033-monitoring-framework.md).

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'kpi.report.title', {
    period: data?.report.period ?? '',
    country: data?.report.country ?? '',
  })

function target(params: { period?: string; country?: string }): { period: Period; country: MemberCountry } {
  const period = parsePeriod(params.period ?? '')
  const country = params.country ?? ''
  if (!period || !isMemberCountry(country)) notFound()
  return { period, country }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guard(request, 'kpi:read')
  const { period, country } = target(params)
  const report = await getReport(await getDb(), period, country)
  const open = report.state === 'not_started' || report.state === 'draft' || report.state === 'returned'
  return {
    report,
    mayReport: open && can(user, 'kpi:report', reportScope(country)),
    mayReview: report.state === 'submitted' && can(user, 'kpi:review'),
  }
}

interface Feedback {
  errors: Record<string, string>
  problem?: { kind: 'empty' } | { kind: 'wrong_state'; state: ReportStateOrNone }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await guard(request, 'kpi:read')
  const { period, country } = target(params)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const db = await getDb()
  let step: ReportRequest
  if (intent === 'save' || intent === 'submit') {
    const codes = (await getReport(db, period, country)).kpis.map((k) => k.code)
    const read = readReportLines(form, codes)
    if (!read.ok) return data<Feedback>({ errors: read.errors }, { status: 400 })
    step = { kind: intent, lines: read.lines }
  } else if (intent === 'return') {
    const parsed = ReturnForm.safeParse({ reason: form.get('reason') ?? '' })
    if (!parsed.success)
      return data<Feedback>({ errors: { reason: parsed.error.issues[0]!.message } }, { status: 400 })
    step = { kind: 'return', reason: parsed.data.reason }
  } else if (intent === 'approve') step = { kind: 'approve' }
  else return data<Feedback>({ errors: {} }, { status: 400 })

  const outcome = await runReportStep(db, user, period, country, step)
  switch (outcome.kind) {
    case 'forbidden':
      return forbidden(outcome.action)
    case 'empty':
    case 'wrong_state':
      return data<Feedback>({ errors: {}, problem: outcome }, { status: 409 })
    case 'done':
      throw redirect(`/reports/${params.period}/${country}?done=${intent}`)
  }
}

const DONE = {
  save: 'kpi.report.saved',
  submit: 'kpi.report.submitted',
  return: 'kpi.report.returned',
  approve: 'kpi.report.approved',
} as const

export default function ReportPage() {
  const { t, i18n } = useTranslation()
  const { report, mayReport, mayReview } = useLoaderData<typeof loader>()
  const feedback = useActionData<typeof action>()
  const [params] = useSearchParams()
  const done = params.get('done') as keyof typeof DONE | null
  const error = (name: string) => (feedback && 'errors' in feedback ? feedback.errors[name] : undefined)
  const reasonError = error('reason')
  const reasonErrors = reasonError ? [reasonError] : undefined
  const country = t(`country.${report.country}`)
  const problem = feedback && 'problem' in feedback && feedback.problem ? feedback.problem : null
  const problemRef = useRef<HTMLParagraphElement>(null)
  // A refused save answers beside a cell perhaps far above the buttons, or at the top: focus the
  // first field in error (its message is its description), else the problem, so it is seen.
  useEffect(() => {
    if (!feedback) return
    const invalid = document.querySelector<HTMLElement>('main [aria-invalid="true"]')
    ;(invalid ?? problemRef.current)?.focus()
  }, [feedback])
  return (
    <section className="report-page">
      <p>
        <Link to={`/reports?period=${report.period}`}>{t('kpi.report.back')}</Link>
      </p>
      <h1>{t('kpi.report.title', { country, period: report.period })}</h1>
      <DotList
        items={[
          <strong key="state">{t('kpi.report.status', { state: t(`kpi.state.${report.state}`) })}</strong>,
          <span key="due">
            {t('kpi.dueOn', { date: formatDate(report.dueDate, i18n.language) })}
            {report.overdue ? (
              <>
                {' '}
                <strong className="badge overdue">{t('kpi.overdue')}</strong>
              </>
            ) : null}
          </span>,
        ]}
      />
      {done && DONE[done] ? (
        <p className="notice" role="status">
          {t(DONE[done])}
        </p>
      ) : null}
      {problem ? (
        <p ref={problemRef} tabIndex={-1} className="notice warning" role="alert">
          {problem.kind === 'empty'
            ? t('kpi.report.empty')
            : t('kpi.report.wrongState', { state: t(`kpi.state.${problem.state}`) })}
        </p>
      ) : null}
      {report.returnReason ? (
        <p className="notice warning">{t('kpi.report.returnedBecause', { reason: report.returnReason })}</p>
      ) : null}
      {report.state === 'approved' ? <p>{t('kpi.report.locked')}</p> : null}

      {report.kpis.length === 0 ? (
        <p>{t('kpi.report.noKpis')}</p>
      ) : (
        <Form method="post">
          <table className="data-table report-table">
            <caption>{t('kpi.report.caption', { period: report.period })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kpi.field.name')}</th>
                <th scope="col">{t('kpi.field.value')}</th>
                <th scope="col">{t('kpi.field.source')}</th>
                <th scope="col">{t('kpi.field.note')}</th>
              </tr>
            </thead>
            <tbody>
              {report.kpis.map((kpi) => {
                const line = report.lines[kpi.code]
                const name = nameIn(kpi.name, i18n.language)
                const cellError = (field: string) => error(`${field}.${kpi.code}`)
                return (
                  <tr key={kpi.code}>
                    <th scope="row" id={`kpi-${kpi.code}`}>
                      {kpi.code} {name}
                      {kpi.unit ? (
                        <span className="muted"> ({t('kpi.report.unit', { unit: kpi.unit })})</span>
                      ) : null}
                    </th>
                    {mayReport ? (
                      (['value', 'source', 'note'] as const).map((field) => (
                        // data-label: the column's name over the cell where the table is cards (a phone)
                        <td key={field} data-label={t(`kpi.field.${field}`)}>
                          <input
                            name={`${field}.${kpi.code}`}
                            aria-label={t('punctuation.labelled', {
                              label: t(`kpi.field.${field}`),
                              value: `${kpi.code} ${name}`,
                            })}
                            defaultValue={
                              field === 'value'
                                ? line?.value === null || line?.value === undefined
                                  ? ''
                                  : String(line.value)
                                : (line?.[field] ?? '')
                            }
                            inputMode={field === 'value' ? 'decimal' : undefined}
                            aria-invalid={cellError(field) ? true : undefined}
                            aria-describedby={cellError(field) ? `err-${field}-${kpi.code}` : undefined}
                          />
                          {cellError(field) ? (
                            <p id={`err-${field}-${kpi.code}`} className="field-errors" role="alert">
                              {translateMessage(t, cellError(field)!)}
                            </p>
                          ) : null}
                        </td>
                      ))
                    ) : (
                      <>
                        <td data-label={t('kpi.field.value')}>
                          {line?.value === null || line?.value === undefined
                            ? ''
                            : formatNumber(line.value, i18n.language)}
                        </td>
                        <td data-label={t('kpi.field.source')}>{line?.source ?? ''}</td>
                        <td data-label={t('kpi.field.note')}>{line?.note ?? ''}</td>
                      </>
                    )}
                  </tr>
                )
              })}
            </tbody>
          </table>
          {mayReport ? (
            <p className="actions">
              <button type="submit" name="intent" value="save">
                {t('kpi.report.save')}
              </button>{' '}
              <button type="submit" name="intent" value="submit">
                {t('kpi.report.submit')}
              </button>
            </p>
          ) : null}
        </Form>
      )}

      {mayReview ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{t('kpi.report.review')}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="approve" />
            <button type="submit">{t('kpi.report.approve')}</button>
          </Form>
          <Form method="post" className="stacked">
            <input type="hidden" name="intent" value="return" />
            <Field
              label={t('kpi.field.reason')}
              htmlFor="reason"
              hint={t('kpi.report.reasonHint')}
              hintId="reason-hint"
              errors={reasonErrors}
              errorId="reason-error"
            >
              <textarea
                id="reason"
                name="reason"
                rows={3}
                required
                aria-describedby={error('reason') ? 'reason-hint reason-error' : 'reason-hint'}
                aria-invalid={error('reason') ? true : undefined}
              />
            </Field>
            <button type="submit">{t('kpi.report.return')}</button>
          </Form>
        </section>
      ) : null}

      <h2>{t('kpi.report.history')}</h2>
      {report.history.length === 0 ? (
        <p className="muted">{t('kpi.report.noHistory')}</p>
      ) : (
        <ol className="history">
          {report.history.map((event) => (
            <li key={event.seq}>
              <time dateTime={event.at}>{formatUtc(event.at, i18n.language)}</time>:{' '}
              {t(`kpi.step.${event.kind}`, { who: event.by ?? t('history.someone') })}
              {event.reason ? <> — {t('kpi.mail.reason', { reason: event.reason })}</> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
