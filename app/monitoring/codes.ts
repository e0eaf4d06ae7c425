import { COUNTRY_CODES, type CountryCode } from '../portfolio/codes'

// The monitoring framework's vocabularies and its pure rules (periods, due dates, progress and
// trend), shared by the server, the pages and the tests. Labels are in the catalogue under kpi.*.
// Decision: docs/decisions/0033-monitoring-framework.md.

export const FREQUENCIES = ['annual', 'semiannual'] as const
export type Frequency = (typeof FREQUENCIES)[number]

export const DIRECTIONS = ['higher', 'lower'] as const
export type Direction = (typeof DIRECTIONS)[number]

/** A country report's states; "not started" is the absence of a report. */
export const REPORT_STATES = ['draft', 'submitted', 'returned', 'approved'] as const
export type ReportState = (typeof REPORT_STATES)[number]
export type ReportStateOrNone = ReportState | 'not_started'

export const REPORT_STEPS = ['saved', 'submitted', 'returned', 'approved'] as const
export type ReportStep = (typeof REPORT_STEPS)[number]

/** The member countries that report; REG is the scope of regional baselines and targets only. */
export const MEMBER_COUNTRIES = COUNTRY_CODES.filter((c) => c !== 'REG') as Exclude<CountryCode, 'REG'>[]
export type MemberCountry = (typeof MEMBER_COUNTRIES)[number]
export const TARGET_SCOPES = COUNTRY_CODES

export const isMemberCountry = (code: string): code is MemberCountry =>
  (MEMBER_COUNTRIES as readonly string[]).includes(code)

// ---------------------------------------------------------------------------------------------
// Periods: a year ('2025') for annual KPIs, a half-year ('2025-H1', '2025-H2') for semiannual ones.

export interface Period {
  year: number
  half: 1 | 2 | null
}

const PERIOD = /^(\d{4})(?:-H([12]))?$/

export function parsePeriod(text: string): Period | null {
  const match = PERIOD.exec(text.trim())
  if (!match) return null
  const year = Number(match[1])
  if (year < 2000 || year > 2100) return null
  return { year, half: match[2] ? (Number(match[2]) as 1 | 2) : null }
}

export function periodText(period: Period): string {
  return period.half ? `${period.year}-H${period.half}` : String(period.year)
}

/** The KPIs a period's report covers: annual ones for a year, semiannual ones for a half-year. */
export function frequencyOf(period: Period): Frequency {
  return period.half ? 'semiannual' : 'annual'
}

export function previousPeriod(period: Period): Period {
  if (period.half === null) return { year: period.year - 1, half: null }
  return period.half === 2 ? { year: period.year, half: 1 } : { year: period.year - 1, half: 2 }
}

/**
 * The day a period's reports are due (YYYY-MM-DD, UTC): a first half-year by 31 August of the
 * same year; a year or a second half-year by 31 March of the next (annual statistics come late).
 */
export function dueDateOf(period: Period): string {
  return period.half === 1 ? `${period.year}-08-31` : `${period.year + 1}-03-31`
}

/** Past the due day and not yet with the secretariat (not started, draft or returned). */
export function isOverdue(period: Period, state: ReportStateOrNone, now: string): boolean {
  if (state === 'submitted' || state === 'approved') return false
  return now.slice(0, 10) > dueDateOf(period)
}

// ---------------------------------------------------------------------------------------------
// Progress against the target, and the trend from the previous period

export const PROGRESS_STATUSES = [
  'achieved',
  'on_track',
  'behind',
  'off_track',
  'no_target',
  'no_value',
] as const
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number]

export interface Progress {
  status: ProgressStatus
  /** share of the way from baseline to target (1 = target reached); null without value or target */
  ratio: number | null
}

/**
 * How far a value has come from the baseline towards the target: (value - baseline) / (target -
 * baseline), the same formula for either direction (for "lower is better" both differences are
 * negative). A missing baseline counts as 0. Achieved from 100%, on track from 50%, behind above
 * 0%, off track at or below the baseline.
 */
export function progressOf(input: {
  value: number | null
  baseline: number | null
  target: number | null
  direction: Direction
}): Progress {
  const { value, target, direction } = input
  if (value === null) return { status: 'no_value', ratio: null }
  if (target === null) return { status: 'no_target', ratio: null }
  const baseline = input.baseline ?? 0
  if (target === baseline) {
    const met = direction === 'higher' ? value >= target : value <= target
    return met ? { status: 'achieved', ratio: 1 } : { status: 'off_track', ratio: 0 }
  }
  const ratio = (value - baseline) / (target - baseline)
  const status = ratio >= 1 ? 'achieved' : ratio >= 0.5 ? 'on_track' : ratio > 0 ? 'behind' : 'off_track'
  return { status, ratio }
}

export const TRENDS = ['improving', 'steady', 'worsening'] as const
export type Trend = (typeof TRENDS)[number]

/** The change from the previous period's value, read with the KPI's direction; null without both values. */
export function trendOf(value: number | null, previous: number | null, direction: Direction): Trend | null {
  if (value === null || previous === null) return null
  if (value === previous) return 'steady'
  return value > previous === (direction === 'higher') ? 'improving' : 'worsening'
}

/** The period pages open on: the last full year (the one being reported on). */
export function defaultPeriod(now: string): Period {
  return { year: Number(now.slice(0, 4)) - 1, half: null }
}
