import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PackCharts } from '~/components/dashboard/PackCharts'
import { ItemText } from '~/components/portfolio/ItemText'
import { titlesOf } from '~/portfolio/item-text'
import { getDb } from '~/db.server'
import { DotList } from '~/components/DotList'
import { ScrollRegion } from '~/components/ScrollRegion'
import { PdfLinks } from '~/components/meetings/PdfLinks'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'
import { formatDate, formatNumber, formatUtc } from '~/i18n/format'
import { DEFAULT_LANGUAGE, isLanguage, translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { pageTitle } from '~/i18n/meta'
import { getMeetingPack } from '~/meetings/pack.server'
import { ScorecardTable } from '~/components/monitoring/ScorecardTable'
import { scorecardsOfMeeting } from '~/monitoring/scorecard.server'
import { changeRows, packAmount, packKusd } from '~/meetings/pack-text'
import { guard, notFound } from '~/permissions/guard.server'
import { COUNTRY_CODES } from '~/portfolio/codes'
import { nowIso } from '~/portfolio/items.server'
import type { MeetingBody } from '~/meetings/schema'
import type { Modality, Quadrant, Status } from '~/portfolio/codes'

// GET /meetings/:id/pack: the meeting pack as a printable page (print CSS in app.css, .pack),
// the same content as the PDF (/meetings/:id/pack.pdf), from the same MeetingPack.

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'meetings.pack.title', { title: data?.pack.meeting.title ?? '' })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guard(request, 'meeting:read')
  const db = await getDb()
  const pack = await getMeetingPack(db, params.id!)
  if (!pack) notFound()
  const language = resolveLanguage(request, user)
  return {
    pack,
    changes: pack.changes.report ? changeRows(pack.changes.report, translator(language), language) : null,
    generatedAt: nowIso(),
    // scorecards the secretariat added from /scorecard (app/monitoring)
    scorecards: await scorecardsOfMeeting(db, pack.meeting.id),
  }
}

function Titles({
  item,
}: {
  item: { ref: string; title_en: string; title_zh: string | null; title_ru: string | null }
}) {
  // the reader's language, or another one marked (docs/decisions/0028, 0034)
  return (
    <>
      <strong>{item.ref}</strong> <ItemText texts={titlesOf(item)} />
    </>
  )
}

export default function MeetingPackPage() {
  const { t, i18n } = useTranslation()
  const name = useTaxonomyName()
  const { pack, changes, generatedAt, scorecards } = useLoaderData<typeof loader>()
  const { meeting, summary } = pack
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
  const amount = (m: number | null) => packAmount(m, language)
  const kusd = (k: number | null) => packKusd(k, language)
  const countries = COUNTRY_CODES.filter((code) => pack.items.some((item) => item.proposers.includes(code)))
  const groupCaption = (group: { strategy: string; pillar: string | null }) =>
    `${name('strategy', group.strategy)} · ${group.pillar == null ? t('meetings.pack.noPillar') : name('pillar', group.pillar)}`
  return (
    <article className="pack">
      {/* a list, not a p: a form inside a p is closed early by the HTML parser, the page React
          hydrates then differs from the server's, and React renders the whole page again */}
      <DotList
        className="no-print"
        items={[
          <Link key="back" to={`/meetings/${meeting.id}`}>
            {t('meetings.pack.back')}
          </Link>,
          <PdfLinks key="pdf" meetingId={meeting.id} />,
          <Form key="job" method="post" action="/jobs" className="inline-form">
            <input type="hidden" name="kind" value="meeting_pack" />
            <input type="hidden" name="meeting" value={meeting.id} />
            <button type="submit" className="link-button">
              {t('jobs.packBackground')}
            </button>
          </Form>,
          <button key="print" type="button" className="link-button" onClick={() => window.print()}>
            {t('meetings.pack.print')}
          </button>,
        ]}
      />
      <section className="pack-cover">
        <p className="kicker">{t('meetings.pack.kicker')}</p>
        <h1>{meeting.title}</h1>
        <p className="pack-body">{t(`meetings.body.${meeting.body as MeetingBody}`)}</p>
        <p>
          {t('meetings.pack.dateAndPlace', {
            date: formatDate(meeting.meeting_date, i18n.language),
            place: meeting.place,
          })}
        </p>
        <p className="muted">{t('meetings.pack.agendaCount', { count: pack.items.length })}</p>
        <p className="muted">
          {pack.snapshot
            ? t('meetings.pack.frozenAt', { at: formatUtc(pack.snapshot.takenAt, i18n.language) })
            : t('meetings.pack.draftNote')}
        </p>
        <p className="muted">
          {t('meetings.pack.generatedAt', { at: formatUtc(generatedAt, i18n.language) })}
        </p>
      </section>

      <section className="pack-section">
        <h2>{t('meetings.pack.summaryTitle')}</h2>
        <PackCharts summary={summary} />
        <div className="pack-figures">
          <table className="data-table summary-table">
            <caption>{t('meetings.pack.byStatus')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.status')}</th>
                <th scope="col">{t('meetings.pack.items')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.byStatus.map((row) => (
                <tr key={row.status}>
                  <th scope="row">{t(`status.${row.status as Status}`)}</th>
                  <td className="number">{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="data-table summary-table">
            <caption>{t('meetings.pack.byQuadrant')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.quadrant')}</th>
                <th scope="col">{t('meetings.pack.items')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.byQuadrant.map((row) => (
                <tr key={row.quadrant}>
                  <th scope="row">{t(`quadrant.${row.quadrant as Quadrant}`)}</th>
                  <td className="number">{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {/* scrolls in its own box on a phone (longer names in Russian), which the keyboard reaches */}
        <ScrollRegion label={t('meetings.pack.byPillar')}>
          <table className="data-table summary-table by-pillar">
            <caption>{t('meetings.pack.byPillar')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.pillar')}</th>
                <th scope="col">{t('meetings.pack.items')}</th>
                <th scope="col">{t('meetings.pack.costM')}</th>
                <th scope="col">{t('meetings.pack.securedM')}</th>
                <th scope="col">{t('meetings.pack.gapM')}</th>
              </tr>
            </thead>
            <tbody>
              {[...summary.byPillar, { ...summary.total, pillar: undefined }].map((row) => (
                <tr key={row.pillar === undefined ? 'total' : String(row.pillar)}>
                  <th scope="row">
                    {row.pillar === undefined
                      ? t('meetings.pack.total')
                      : row.pillar == null
                        ? t('meetings.pack.noPillar')
                        : name('pillar', row.pillar)}
                  </th>
                  <td className="number">{formatNumber(row.items, language)}</td>
                  <td className="number">{kusd(row.cost_kusd)}</td>
                  <td className="number">{kusd(row.secured_kusd)}</td>
                  <td className="number">{kusd(row.gap_kusd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        {countries.length > 0 ? (
          <table className="data-table summary-table">
            <caption>{t('meetings.pack.countriesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.pack.countryCode')}</th>
                <th scope="col">{t('meetings.pack.countryName')}</th>
              </tr>
            </thead>
            <tbody>
              {countries.map((code) => (
                <tr key={code}>
                  <th scope="row">{code}</th>
                  <td>{t(`country.${code}`, { defaultValue: code })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section className="pack-section">
        <h2>{t('meetings.pack.agendaTitle')}</h2>
        {pack.items.length === 0 ? <p>{t('meetings.pack.noItems')}</p> : null}
        {pack.groups.map((group) => (
          // on a phone the wide plan table scrolls in its own box, which the keyboard reaches
          <ScrollRegion key={`${group.strategy}|${group.pillar}`} label={groupCaption(group)}>
            <table className="data-table pack-plan">
              <caption>{groupCaption(group)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('meetings.pack.number')}</th>
                  <th scope="col">{t('field.area')}</th>
                  <th scope="col">{t('meetings.pack.projectOrActivity')}</th>
                  <th scope="col">{t('meetings.pack.type')}</th>
                  <th scope="col">{t('meetings.pack.proposers')}</th>
                  <th scope="col">{t('field.status')}</th>
                  <th scope="col">{t('meetings.pack.costM')}</th>
                  <th scope="col">{t('meetings.pack.gapM')}</th>
                  <th scope="col">{t('field.quadrant')}</th>
                </tr>
              </thead>
              <tbody>
                {group.areas.flatMap((area) =>
                  area.items.map((item, index) => (
                    <tr key={item.id}>
                      <td>{item.number}</td>
                      {index === 0 ? (
                        <th scope="rowgroup" rowSpan={area.items.length}>
                          {area.area == null ? t('meetings.pack.noArea') : name('area', area.area)}
                        </th>
                      ) : null}
                      <td>
                        <Titles item={item} />
                      </td>
                      <td>
                        {item.modalities
                          .map((m) => t(`modality.${m as Modality}`))
                          .join(t('punctuation.list'))}
                      </td>
                      <td>{item.proposers.join(t('punctuation.list'))}</td>
                      <td>{t(`status.${item.status as Status}`)}</td>
                      <td className="number">{amount(item.cost_usd_m)}</td>
                      <td className="number">{amount(item.gap_usd_m)}</td>
                      <td>{t(`quadrant.${item.quadrant}`)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </ScrollRegion>
        ))}
      </section>

      <section className="pack-section">
        <h2>{t('meetings.pack.changesTitle')}</h2>
        {!pack.changes.previous || !changes ? (
          <p>{t('meetings.pack.noPrevious')}</p>
        ) : (
          <>
            <p className="muted">
              {t('meetings.pack.changesSince', {
                title: pack.changes.previous.title,
                date: formatDate(pack.changes.previous.meeting_date, i18n.language),
              })}
            </p>
            {changes.length === 0 ? <p>{t('meetings.pack.noChanges')}</p> : null}
            {changes.map((section) => (
              // scrolls in its own box on a phone, which the keyboard reaches
              <ScrollRegion key={section.section} label={section.section}>
                <table className="data-table">
                  <caption>{section.section}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('meetings.pack.projectOrActivity')}</th>
                      <th scope="col">{t('meetings.changes.before')}</th>
                      <th scope="col">{t('meetings.changes.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {section.entries.map((entry, i) => (
                      <tr key={`${entry.item.ref}-${i}`}>
                        <td>
                          <Titles item={entry.item} />
                        </td>
                        <td>{entry.before}</td>
                        <td>{entry.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            ))}
          </>
        )}
      </section>

      <section className="pack-section">
        <h2>{t('meetings.pack.decisionsTitle')}</h2>
        {/* scrolls in its own box on a phone, which the keyboard reaches */}
        <ScrollRegion label={t('meetings.pack.decisionsTitle')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('meetings.pack.number')}</th>
                <th scope="col">{t('meetings.pack.projectOrActivity')}</th>
                <th scope="col">{t('meetings.decision.label')}</th>
                <th scope="col">{t('meetings.decision.text')}</th>
                <th scope="col">{t('meetings.pack.statusChange')}</th>
              </tr>
            </thead>
            <tbody>
              {pack.decisions.map((row) => (
                <tr key={row.ref}>
                  <td>{row.number}</td>
                  <td>
                    <Titles item={row} />
                  </td>
                  <td>
                    {row.decision
                      ? t(`meetings.decision.${row.decision.decision}`)
                      : t('meetings.pack.noDecision')}
                    {row.decision?.amendment ? (
                      <span className="badge amended"> {t('corrections.amendedMark')}</span>
                    ) : null}
                  </td>
                  <td>
                    {row.decision?.text ?? ''}
                    {row.decision?.amendment ? (
                      <span className="amendment">
                        {t('corrections.packAmended', {
                          date: formatDate(row.decision.amendment.amended_at.slice(0, 10), i18n.language),
                          reason: row.decision.amendment.reason,
                        })}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {row.decision?.status_to
                      ? t('meetings.pack.statusMove', {
                          from: t(`status.${row.decision.status_from as Status}`),
                          to: t(`status.${row.decision.status_to as Status}`),
                        })
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      {scorecards.map((card) => (
        <section key={card.period} aria-labelledby={`scorecard-${card.period}`}>
          <h2 id={`scorecard-${card.period}`}>{t('kpi.scorecard.packTitle', { period: card.period })}</h2>
          <ScorecardTable card={card} />
        </section>
      ))}
    </article>
  )
}
