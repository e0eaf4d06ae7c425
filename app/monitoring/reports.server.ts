import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, DB } from '../../db/schema'
import { dispatchReportStep } from '../notifications/dispatch.server'
import { can, forbiddenOutcome, reportScope, type Actor, type Forbidden } from '../permissions/permissions'
import {
  dueDateOf,
  frequencyOf,
  isOverdue,
  MEMBER_COUNTRIES,
  periodText,
  type MemberCountry,
  type Period,
  type ReportState,
  type ReportStateOrNone,
  type ReportStep,
} from './codes'
import { listFramework, type KpiView } from './framework.server'
import type { ReportLineInput } from './schema'

// Reporting rounds (docs/decisions/0033-monitoring-framework.md): for each period each member
// country's working group reports its KPIs' values; the report moves not started -> draft ->
// submitted -> returned (with a reason) -> ... -> approved, and is locked once approved. The
// working group saves and submits; the secretariat returns or approves. Every step is a row of
// kpi_report_events and tells the people concerned through app/notifications' dispatcher, in the
// transaction of the step (callers pass a transaction when they want the whole step atomic).

const nowIso = () => new Date().toISOString()

export interface ReportLine {
  value: number | null
  source: string | null
  note: string | null
}

export interface ReportEvent {
  seq: number
  kind: ReportStep
  from: ReportState | null
  to: ReportState
  reason: string | null
  by: string | null
  at: string
}

export interface ReportView {
  period: string
  country: MemberCountry
  state: ReportStateOrNone
  returnReason: string | null
  dueDate: string
  overdue: boolean
  /** the KPIs this period's report covers, in the framework's order */
  kpis: KpiView[]
  /** by KPI code */
  lines: Record<string, ReportLine>
  history: ReportEvent[]
}

async function reportRow(db: DB, period: string, country: string) {
  return db
    .selectFrom('kpi_reports')
    .select(['id', 'state', 'return_reason'])
    .where('period', '=', period)
    .where('country_code', '=', country as MemberCountry)
    .executeTakeFirst()
}

/** A country's report for a period, with its lines and history, as anyone who reads KPIs sees it. */
export async function getReport(
  db: DB,
  period: Period,
  country: MemberCountry,
  now = nowIso(),
): Promise<ReportView> {
  const text = periodText(period)
  const kpis = (await listFramework(db)).filter((k) => k.frequency === frequencyOf(period))
  const row = await reportRow(db, text, country)
  const lines: Record<string, ReportLine> = {}
  let history: ReportEvent[] = []
  if (row) {
    const values = await db
      .selectFrom('kpi_values as v')
      .innerJoin('kpis as k', 'k.id', 'v.kpi_id')
      .select(['k.code', 'v.value', 'v.source', 'v.note'])
      .where('v.report_id', '=', row.id)
      .execute()
    for (const v of values)
      lines[v.code] = { value: v.value === null ? null : Number(v.value), source: v.source, note: v.note }
    const events = await db
      .selectFrom('kpi_report_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.seq', 'e.kind', 'e.from_state', 'e.to_state', 'e.reason', 'e.at', 'u.name as by'])
      .where('e.report_id', '=', row.id)
      .orderBy('e.seq', 'desc')
      .execute()
    history = events.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      from: e.from_state,
      to: e.to_state,
      reason: e.reason,
      by: e.by,
      at: e.at,
    }))
  }
  const state: ReportStateOrNone = row?.state ?? 'not_started'
  return {
    period: text,
    country,
    state,
    returnReason: row?.state === 'returned' ? row.return_reason : null,
    dueDate: dueDateOf(period),
    overdue: isOverdue(period, state, now),
    kpis,
    lines,
    history,
  }
}

export interface RoundRow {
  country: MemberCountry
  state: ReportStateOrNone
  overdue: boolean
  updatedAt: string | null
}

/** A period's reporting round: every member country's report state, and which are overdue. */
export async function getRound(
  db: DB,
  period: Period,
  now = nowIso(),
): Promise<{ dueDate: string; reports: RoundRow[] }> {
  const rows = await db
    .selectFrom('kpi_reports')
    .select(['country_code', 'state', 'updated_at'])
    .where('period', '=', periodText(period))
    .execute()
  const byCountry = new Map(rows.map((r) => [r.country_code as string, r]))
  return {
    dueDate: dueDateOf(period),
    reports: MEMBER_COUNTRIES.map((country) => {
      const row = byCountry.get(country)
      const state: ReportStateOrNone = row?.state ?? 'not_started'
      return { country, state, overdue: isOverdue(period, state, now), updatedAt: row?.updated_at ?? null }
    }),
  }
}

export type ReportOutcome =
  | { kind: 'done'; state: ReportState }
  /** the report is not in a state this step starts from (approved reports are locked) */
  | { kind: 'wrong_state'; state: ReportStateOrNone }
  /** a submission with no value at all */
  | { kind: 'empty' }
  | Forbidden

async function appendEvent(
  db: DB,
  report: { id: string; period: string; country: MemberCountry },
  step: { kind: ReportStep; from: ReportState | null; to: ReportState; reason: string | null },
  actor: Actor,
  at: string,
): Promise<void> {
  const last = await db
    .selectFrom('kpi_report_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('report_id', '=', report.id)
    .executeTakeFirst()
  await db
    .insertInto('kpi_report_events')
    .values({
      id: randomUUID(),
      report_id: report.id,
      seq: Number(last?.seq ?? 0) + 1,
      kind: step.kind,
      from_state: step.from,
      to_state: step.to,
      reason: step.reason,
      actor_id: actor.id,
      at,
    })
    .execute()
  await dispatchReportStep(db, {
    period: report.period,
    country: report.country,
    actorId: actor.id,
    at,
    ...step,
  })
}

/**
 * The working group saves its values (all lines of the form): a new report starts as a draft; a
 * returned one becomes a draft again. Submitted reports wait for the secretariat, approved are locked.
 */
export async function saveReport(
  db: DB,
  actor: Actor,
  period: Period,
  country: MemberCountry,
  lines: Record<string, ReportLineInput>,
  now = nowIso(),
): Promise<ReportOutcome> {
  if (!can(actor, 'kpi:report', reportScope(country))) return forbiddenOutcome('kpi:report')
  const text = periodText(period)
  let row = await reportRow(db, text, country)
  if (row && (row.state === 'submitted' || row.state === 'approved'))
    return { kind: 'wrong_state', state: row.state }
  if (!row) {
    const id = randomUUID()
    await db
      .insertInto('kpi_reports')
      .values({
        id,
        period: text,
        country_code: country,
        state: 'draft',
        return_reason: null,
        updated_at: now,
      })
      .execute()
    row = { id, state: 'draft', return_reason: null }
    // the first save is the step "not started -> draft"
    await appendEvent(
      db,
      { id, period: text, country },
      { kind: 'saved', from: null, to: 'draft', reason: null },
      actor,
      now,
    )
  } else {
    await db
      .updateTable('kpi_reports')
      .set({ state: 'draft', updated_at: now })
      .where('id', '=', row.id)
      .execute()
    if (row.state === 'returned')
      await appendEvent(
        db,
        { id: row.id, period: text, country },
        { kind: 'saved', from: 'returned', to: 'draft', reason: null },
        actor,
        now,
      )
  }
  const kpis = (await listFramework(db)).filter((k) => k.frequency === frequencyOf(period))
  for (const kpi of kpis) {
    const line = lines[kpi.code]
    if (!line) continue
    await db.deleteFrom('kpi_values').where('report_id', '=', row.id).where('kpi_id', '=', kpi.id).execute()
    if (line.value !== null || line.source !== null || line.note !== null)
      await db
        .insertInto('kpi_values')
        .values({ report_id: row.id, kpi_id: kpi.id, ...line })
        .execute()
  }
  return { kind: 'done', state: 'draft' }
}

async function move(
  db: DB,
  actor: Actor,
  period: Period,
  country: MemberCountry,
  step: { kind: ReportStep; from: readonly ReportState[]; to: ReportState; reason: string | null },
  now: string,
): Promise<ReportOutcome> {
  const text = periodText(period)
  const row = await reportRow(db, text, country)
  if (!row || !step.from.includes(row.state))
    return { kind: 'wrong_state', state: row?.state ?? 'not_started' }
  if (step.kind === 'submitted') {
    const values = await db
      .selectFrom('kpi_values')
      .select('kpi_id')
      .where('report_id', '=', row.id)
      .where('value', 'is not', null)
      .executeTakeFirst()
    if (!values) return { kind: 'empty' }
  }
  // the state read above must still hold: a concurrent step changes no more than one of them
  const updated = await db
    .updateTable('kpi_reports')
    .set({
      state: step.to,
      updated_at: now,
      ...(step.kind === 'returned' ? { return_reason: step.reason } : {}),
    })
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) return { kind: 'wrong_state', state: row.state }
  await appendEvent(
    db,
    { id: row.id, period: text, country },
    { kind: step.kind, from: row.state, to: step.to, reason: step.reason },
    actor,
    now,
  )
  return { kind: 'done', state: step.to }
}

/** The working group hands its draft (or corrected) report to the secretariat. */
export async function submitReport(
  db: DB,
  actor: Actor,
  period: Period,
  country: MemberCountry,
  now = nowIso(),
): Promise<ReportOutcome> {
  if (!can(actor, 'kpi:report', reportScope(country))) return forbiddenOutcome('kpi:report')
  return move(
    db,
    actor,
    period,
    country,
    { kind: 'submitted', from: ['draft', 'returned'], to: 'submitted', reason: null },
    now,
  )
}

/** The secretariat sends a submitted report back, saying why. */
export async function returnReport(
  db: DB,
  actor: Actor,
  period: Period,
  country: MemberCountry,
  reason: string,
  now = nowIso(),
): Promise<ReportOutcome> {
  if (!can(actor, 'kpi:review')) return forbiddenOutcome('kpi:review')
  return move(
    db,
    actor,
    period,
    country,
    { kind: 'returned', from: ['submitted'], to: 'returned', reason },
    now,
  )
}

/** The secretariat approves a submitted report; from then on it is locked. */
export async function approveReport(
  db: DB,
  actor: Actor,
  period: Period,
  country: MemberCountry,
  now = nowIso(),
): Promise<ReportOutcome> {
  if (!can(actor, 'kpi:review')) return forbiddenOutcome('kpi:review')
  return move(
    db,
    actor,
    period,
    country,
    { kind: 'approved', from: ['submitted'], to: 'approved', reason: null },
    now,
  )
}

export type ReportRequest =
  | { kind: 'save'; lines: Record<string, ReportLineInput> }
  /** saves the lines, then submits */
  | { kind: 'submit'; lines: Record<string, ReportLineInput> }
  | { kind: 'return'; reason: string }
  | { kind: 'approve' }

/** One step asked for from the report page, in one transaction: the change, its history and its mail. */
export async function runReportStep(
  db: Kysely<Database>,
  actor: Actor,
  period: Period,
  country: MemberCountry,
  request: ReportRequest,
): Promise<ReportOutcome> {
  return db.transaction().execute(async (trx) => {
    switch (request.kind) {
      case 'save':
        return saveReport(trx, actor, period, country, request.lines)
      case 'submit': {
        const saved = await saveReport(trx, actor, period, country, request.lines)
        return saved.kind === 'done' ? submitReport(trx, actor, period, country) : saved
      }
      case 'return':
        return returnReport(trx, actor, period, country, request.reason)
      case 'approve':
        return approveReport(trx, actor, period, country)
    }
  })
}
