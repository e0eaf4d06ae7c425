import type { DB } from '../../db/schema'
import {
  frequencyOf,
  parsePeriod,
  MEMBER_COUNTRIES,
  periodText,
  previousPeriod,
  progressOf,
  trendOf,
  type Direction,
  type Frequency,
  type MemberCountry,
  type Period,
  type Progress,
  type ReportStateOrNone,
  type Trend,
} from './codes'
import { listFramework, type Names, type TargetView } from './framework.server'

// The scorecard (docs/decisions/0033-monitoring-framework.md): KPIs x member countries for a
// period, each cell with the approved value, the progress against the target (the country's own,
// else the regional one) and the trend from the previous period. Only approved values count: a
// report still with the working group or the secretariat shows its state instead. A year's
// scorecard takes a semiannual KPI's value from the second half-year, else from the first.

export interface ScorecardCell {
  country: MemberCountry
  /** the state of the report the cell reads */
  state: ReportStateOrNone
  /** the period the value comes from (a half-year in a year's scorecard for semiannual KPIs) */
  source: string
  value: number | null
  previous: number | null
  baseline: number | null
  target: number | null
  progress: Progress
  trend: Trend | null
}

export interface ScorecardRow {
  code: string
  name: Names
  recommendation: Names & { id: string }
  unit: string | null
  direction: Direction
  frequency: Frequency
  cells: ScorecardCell[]
}

export interface Scorecard {
  period: string
  previous: string
  countries: MemberCountry[]
  rows: ScorecardRow[]
}

export interface ScorecardFilter {
  recommendation?: string | null
  country?: MemberCountry | null
}

/** The periods a KPI's value for `period` may come from, preferred first. */
function sourcesOf(period: Period, frequency: Frequency): string[] {
  if (frequency === frequencyOf(period)) return [periodText(period)]
  // a year's scorecard, a semiannual KPI: the year's end, else its middle
  return [`${period.year}-H2`, `${period.year}-H1`]
}

function targetOf(targets: TargetView[], country: MemberCountry): TargetView | null {
  return targets.find((t) => t.scope === country) ?? targets.find((t) => t.scope === 'REG') ?? null
}

export async function getScorecard(db: DB, period: Period, filter: ScorecardFilter = {}): Promise<Scorecard> {
  const previous = previousPeriod(period)
  const framework = (await listFramework(db)).filter(
    (k) =>
      (period.half === null || k.frequency === 'semiannual') &&
      (!filter.recommendation || k.recommendation.id === filter.recommendation),
  )
  const periods = [
    ...new Set(frequenciesOf(period).flatMap((f) => [...sourcesOf(period, f), ...sourcesOf(previous, f)])),
  ]
  const reports = await db
    .selectFrom('kpi_reports')
    .select(['id', 'period', 'country_code', 'state'])
    .where('period', 'in', periods)
    .execute()
  const stateOf = new Map(reports.map((r) => [`${r.period}|${r.country_code}`, r.state]))
  const approvedIds = reports.filter((r) => r.state === 'approved').map((r) => r.id)
  const values =
    approvedIds.length === 0
      ? []
      : await db
          .selectFrom('kpi_values as v')
          .innerJoin('kpi_reports as r', 'r.id', 'v.report_id')
          .select(['v.kpi_id', 'v.value', 'r.period', 'r.country_code'])
          .where('v.report_id', 'in', approvedIds)
          .where('v.value', 'is not', null)
          .execute()
  const valueOf = new Map(values.map((v) => [`${v.kpi_id}|${v.period}|${v.country_code}`, Number(v.value)]))
  const countries = filter.country ? [filter.country] : [...MEMBER_COUNTRIES]

  const pick = (kpiId: string, sources: string[], country: string) => {
    for (const source of sources) {
      const value = valueOf.get(`${kpiId}|${source}|${country}`)
      if (value !== undefined) return { source, value }
    }
    return null
  }

  const rows = framework.map((kpi) => ({
    code: kpi.code,
    name: kpi.name,
    recommendation: kpi.recommendation,
    unit: kpi.unit,
    direction: kpi.direction,
    frequency: kpi.frequency,
    cells: countries.map((country): ScorecardCell => {
      const sources = sourcesOf(period, kpi.frequency)
      const found = pick(kpi.id, sources, country)
      const source = found?.source ?? sources.find((s) => stateOf.has(`${s}|${country}`)) ?? sources[0]!
      const prior = pick(kpi.id, sourcesOf(previous, kpi.frequency), country)
      const target = targetOf(kpi.targets, country)
      const value = found?.value ?? null
      return {
        country,
        state: stateOf.get(`${source}|${country}`) ?? 'not_started',
        source,
        value,
        previous: prior?.value ?? null,
        baseline: target?.baseline ?? null,
        target: target?.target ?? null,
        progress: progressOf({
          value,
          baseline: target?.baseline ?? null,
          target: target?.target ?? null,
          direction: kpi.direction,
        }),
        trend: trendOf(value, prior?.value ?? null, kpi.direction),
      }
    }),
  }))
  return { period: periodText(period), previous: periodText(previous), countries, rows }
}

/** The KPI frequencies a period's scorecard shows: a year shows both, a half-year the semiannual ones. */
function frequenciesOf(period: Period): Frequency[] {
  return period.half === null ? ['annual', 'semiannual'] : ['semiannual']
}

// ---------------------------------------------------------------------------------------------
// Scorecards in meeting packs

export async function addScorecardToMeeting(
  db: DB,
  meetingId: string,
  period: Period,
  userId: string,
  now = new Date().toISOString(),
): Promise<{ kind: 'added' } | { kind: 'not_found' }> {
  const meeting = await db.selectFrom('meetings').select('id').where('id', '=', meetingId).executeTakeFirst()
  if (!meeting) return { kind: 'not_found' }
  const text = periodText(period)
  await db
    .deleteFrom('meeting_scorecards')
    .where('meeting_id', '=', meetingId)
    .where('period', '=', text)
    .execute()
  await db
    .insertInto('meeting_scorecards')
    .values({ meeting_id: meetingId, period: text, added_at: now, added_by: userId })
    .execute()
  return { kind: 'added' }
}

/** The scorecards added to a meeting's pack, oldest period first. */
export async function scorecardsOfMeeting(db: DB, meetingId: string): Promise<Scorecard[]> {
  const rows = await db
    .selectFrom('meeting_scorecards')
    .select('period')
    .where('meeting_id', '=', meetingId)
    .orderBy('period')
    .execute()
  const cards: Scorecard[] = []
  for (const row of rows) {
    const period = parsePeriod(row.period)
    if (period) cards.push(await getScorecard(db, period))
  }
  return cards
}

/** Meetings the scorecard page offers to add to, newest first. */
export async function meetingsForScorecard(
  db: DB,
): Promise<Array<{ id: string; title: string; meeting_date: string }>> {
  return db
    .selectFrom('meetings')
    .select(['id', 'title', 'meeting_date'])
    .orderBy('meeting_date', 'desc')
    .limit(50)
    .execute()
}
