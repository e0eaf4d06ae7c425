import type { TFunction } from 'i18next'
import { formatAmount } from '../i18n/format'
import type { Language } from '../i18n/languages'
import type { ChangeReport } from '../snapshots/snapshots.server'

// The words of the meeting pack that the printable page and the PDF share, in the reader's
// language: amounts as the language writes them (12,5 in Russian) and the change report's rows.

export const DASH = '—'

/** An amount in USD million, or a dash. */
export function packAmount(millions: number | null, language: Language): string {
  return millions == null ? DASH : formatAmount(millions, language)
}

/** An amount in thousands of USD (the summary's exact sums) as USD million, or a dash. */
export function packKusd(kusd: number | null, language: Language): string {
  return kusd == null ? DASH : formatAmount(kusd / 1000, language)
}

export interface ChangeEntry {
  item: { ref: string; title_en: string; title_zh: string | null; title_ru: string | null }
  before: string
  after: string
}

/** The change report's sections as rows of a table: what changed, from what, to what. */
export function changeRows(
  report: ChangeReport,
  t: TFunction,
  language: Language,
): Array<{ section: string; entries: ChangeEntry[] }> {
  const amount = (m: number | null) => packAmount(m, language)
  const item = (e: { ref: string; titles: { en: string; zh: string | null; ru: string | null } }) => ({
    ref: e.ref,
    title_en: e.titles.en,
    title_zh: e.titles.zh,
    title_ru: e.titles.ru,
  })
  const status = (s: string) => t(`status.${s}`, { defaultValue: s })
  const quadrant = (q: string) => t(`quadrant.${q}`, { defaultValue: q })
  const funding = (f: {
    cost_usd_m: number | null
    secured_usd_m: number | null
    gap_usd_m: number | null
  }) =>
    t('meetings.changes.funding', {
      cost: amount(f.cost_usd_m),
      secured: amount(f.secured_usd_m),
      gap: amount(f.gap_usd_m),
    })
  const scores = (s: {
    strategic_importance: number | null
    ease_of_implementation: number | null
    quadrant: string
  }) =>
    t('meetings.changes.scores', {
      importance: s.strategic_importance ?? DASH,
      ease: s.ease_of_implementation ?? DASH,
      quadrant: quadrant(s.quadrant),
    })
  const { sections } = report
  return [
    {
      section: t('meetings.changes.new'),
      entries: sections.new.map((e) => ({
        item: item(e),
        before: DASH,
        after: `${status(e.after.status)}; ${funding(e.after)}`,
      })),
    },
    {
      section: t('meetings.changes.dropped'),
      entries: sections.dropped.map((e) => ({
        item: item(e),
        before: status(e.before.status),
        after: e.after ? status(e.after.status) : t('meetings.changes.removed'),
      })),
    },
    {
      section: t('meetings.changes.status'),
      entries: sections.status.map((e) => ({
        item: item(e),
        before: status(e.before.status),
        after: status(e.after.status),
      })),
    },
    {
      section: t('meetings.changes.fundingTitle'),
      entries: sections.funding.map((e) => ({
        item: item(e),
        before: funding(e.before),
        after: funding(e.after),
      })),
    },
    {
      section: t('meetings.changes.scoresTitle'),
      entries: sections.scores.map((e) => ({
        item: item(e),
        before: scores(e.before),
        after: scores(e.after),
      })),
    },
    {
      section: t('meetings.changes.interest'),
      entries: sections.interest.map((e) => ({
        item: item(e),
        before: DASH,
        after: t('meetings.changes.flag', {
          organisation: e.organisation,
          stage: t(`cofinancing.stage.${e.stage}`, { defaultValue: e.stage }),
          amount: amount(e.amount_usd_m),
        }),
      })),
    },
  ].filter((s) => s.entries.length > 0)
}
