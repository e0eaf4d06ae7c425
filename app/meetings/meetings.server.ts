import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { withinTransaction } from '../../db/transactions'
import { can, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import { nowIso } from '../portfolio/items.server'
import { eachItemBatch } from '../portfolio/list-batches.server'
import { countView } from '../portfolio/list.server'
import { parseListQuery, type ListQueryProblem } from '../portfolio/list-query'
import { takeSnapshot } from '../snapshots/snapshots.server'
import type { TransitionRefusal } from '../workflow/transitions'
import { moveForDecision, recordDecisionEvent } from './decision-steps.server'
import type { Status } from '../portfolio/codes'
import {
  AGENDA_LIMIT,
  viewQueryOf,
  type AgendaSource,
  type Decision,
  type MeetingBody,
  type MeetingInput,
} from './schema'

// Meetings (issue 4): the secretariat creates a meeting, builds its agenda from a table view and
// hand-picked items, opens it (which freezes a snapshot of the register for the pack) and records
// the committee's decisions against agenda items, through the workflow where they change status.
// Every write checks 'meeting:manage' here as well as in the route, and answers a `forbidden`
// outcome without it. Each takes `db` or the caller's transaction. Decisions behind the rules:
// docs/decisions/0014-meetings.md.

/** Managing meetings is the secretariat's (app/permissions); null when `actor` may. */
function refusal(actor: Actor): Forbidden | null {
  return can(actor, 'meeting:manage') ? null : forbiddenOutcome('meeting:manage')
}

export interface MeetingSummary {
  id: string
  title: string
  body: MeetingBody
  meeting_date: string
  place: string
  view_query: string
  snapshot_id: string | null
  opened_at: string | null
  opened_by_name: string | null
  /** the job opening it while that job is queued or running: the meeting is 'opening' (0047) */
  opening_job_id: string | null
  created_at: string
  agenda_count: number
  decision_count: number
}

export interface AgendaEntry {
  position: number
  source: AgendaSource
  item_id: string
  ref: string
  title_en: string
  title_ru: string | null
  title_zh: string | null
  /** the item's status now (the pack shows the frozen one once the meeting is open) */
  status: Status
  archived: boolean
}

export interface DecisionRecord {
  item_id: string
  ref: string
  decision: Decision
  text: string
  status_from: Status | null
  status_to: Status | null
  recorded_at: string
  recorded_by_name: string
  /**
   * Set when the decision was amended (app/meetings/corrections.server.ts): decision, text and
   * status change above are then the latest amendment's (the status change the original's when the
   * amendment made none), and this says when, by whom, why, and what was recorded first.
   */
  amendment: {
    amended_at: string
    amended_by_name: string
    reason: string
    original_decision: Decision
    original_text: string
    /** how many amendments there are (the latest is in force) */
    count: number
  } | null
}

export interface MeetingDetail extends MeetingSummary {
  agenda: AgendaEntry[]
  decisions: DecisionRecord[]
}

const isOpen = (meeting: { opened_at: string | null }) => meeting.opened_at !== null

function summarySelect(db: DB) {
  return db
    .selectFrom('meetings as m')
    .leftJoin('users as u', 'u.id', 'm.opened_by')
    .leftJoin('jobs as oj', (join) =>
      join.onRef('oj.id', '=', 'm.opening_job_id').on('oj.state', 'in', ['queued', 'running']),
    )
    .select((eb) => [
      'oj.id as opening_job_id',
      'm.id',
      'm.title',
      'm.body',
      'm.meeting_date',
      'm.place',
      'm.view_query',
      'm.snapshot_id',
      'm.opened_at',
      'm.created_at',
      'u.name as opened_by_name',
      eb
        .selectFrom('meeting_agenda as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.meeting_id', '=', 'm.id')
        .as('agenda_count'),
      eb
        .selectFrom('meeting_decisions as d')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('d.meeting_id', '=', 'm.id')
        .as('decision_count'),
    ])
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySelect>['executeTakeFirstOrThrow']>>

function toSummary(row: SummaryRow): MeetingSummary {
  return {
    ...row,
    agenda_count: Number(row.agenda_count ?? 0),
    decision_count: Number(row.decision_count ?? 0),
  }
}

/** Every meeting, the latest date first. */
export async function listMeetings(db: DB): Promise<MeetingSummary[]> {
  const rows = await summarySelect(db)
    .orderBy('m.meeting_date', 'desc')
    .orderBy('m.created_at', 'desc')
    .execute()
  return rows.map(toSummary)
}

export async function getMeetingSummary(db: DB, id: string): Promise<MeetingSummary | null> {
  const row = await summarySelect(db).where('m.id', '=', id).executeTakeFirst()
  return row ? toSummary(row) : null
}

/** The agenda in order, with each item's ref, title and status now. */
export async function getAgenda(db: DB, meetingId: string): Promise<AgendaEntry[]> {
  const rows = await db
    .selectFrom('meeting_agenda as a')
    .innerJoin('items as i', 'i.id', 'a.item_id')
    .select(['a.position', 'a.source', 'a.item_id', 'i.ref', 'i.title_en', 'i.title_ru', 'i.title_zh'])
    .select(['i.status', 'i.archived'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .execute()
  return rows.map((r) => ({ ...r, position: Number(r.position), archived: Number(r.archived) === 1 }))
}

export async function getDecisions(db: DB, meetingId: string): Promise<DecisionRecord[]> {
  const rows = await db
    .selectFrom('meeting_decisions as d')
    .innerJoin('items as i', 'i.id', 'd.item_id')
    .innerJoin('users as u', 'u.id', 'd.recorded_by')
    .select([
      'd.id',
      'd.item_id',
      'i.ref',
      'd.decision',
      'd.text',
      'd.status_from',
      'd.status_to',
      'd.recorded_at',
      'u.name as recorded_by_name',
    ])
    .where('d.meeting_id', '=', meetingId)
    .orderBy('d.recorded_at')
    .execute()
  const amendments = await db
    .selectFrom('meeting_decision_amendments as a')
    .innerJoin('meeting_decisions as d', 'd.id', 'a.decision_id')
    .innerJoin('users as u', 'u.id', 'a.amended_by')
    .select([
      'a.decision_id',
      'a.decision',
      'a.text',
      'a.reason',
      'a.status_from',
      'a.status_to',
      'a.amended_at',
      'u.name as amended_by_name',
    ])
    .where('d.meeting_id', '=', meetingId)
    .orderBy('a.amended_at')
    .orderBy('a.id')
    .execute()
  const byDecision = new Map<string, typeof amendments>()
  for (const a of amendments) byDecision.set(a.decision_id, [...(byDecision.get(a.decision_id) ?? []), a])
  return rows.map(({ id, ...row }) => {
    const list = byDecision.get(id) ?? []
    const latest = list.at(-1)
    if (!latest) return { ...row, amendment: null }
    const lastMove = [...list].reverse().find((a) => a.status_to !== null)
    return {
      ...row,
      decision: latest.decision,
      text: latest.text,
      status_from: lastMove ? lastMove.status_from : row.status_from,
      status_to: lastMove ? lastMove.status_to : row.status_to,
      amendment: {
        amended_at: latest.amended_at,
        amended_by_name: latest.amended_by_name,
        reason: latest.reason,
        original_decision: row.decision,
        original_text: row.text,
        count: list.length,
      },
    }
  })
}

export async function getMeeting(db: DB, id: string): Promise<MeetingDetail | null> {
  const summary = await getMeetingSummary(db, id)
  if (!summary) return null
  const [agenda, decisions] = await Promise.all([getAgenda(db, id), getDecisions(db, id)])
  return { ...summary, agenda, decisions }
}

export async function createMeeting(
  db: DB,
  actor: Actor,
  input: MeetingInput,
): Promise<{ kind: 'created'; id: string } | Forbidden> {
  const refused = refusal(actor)
  if (refused) return refused
  const id = randomUUID()
  const now = nowIso()
  await db
    .insertInto('meetings')
    .values({
      id,
      ...input,
      view_query: '',
      snapshot_id: null,
      opened_at: null,
      opened_by: null,
      created_at: now,
      created_by: actor.id,
      updated_at: now,
    })
    .execute()
  return { kind: 'created', id }
}

/** Title, body, date and place may change while the meeting is a draft. */
export async function updateMeeting(
  db: DB,
  actor: Actor,
  id: string,
  input: MeetingInput,
): Promise<SimpleOutcome> {
  const refused = refusal(actor)
  if (refused) return refused
  const meeting = await db
    .selectFrom('meetings')
    .select(['id', 'opened_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!meeting) return { kind: 'not_found' }
  if (isOpen(meeting)) return { kind: 'open' }
  await db
    .updateTable('meetings')
    .set({ ...input, updated_at: nowIso() })
    .where('id', '=', id)
    .where('opened_at', 'is', null)
    .execute()
  return { kind: 'done' }
}

// ---------------------------------------------------------------------------------------------
// Building the agenda (drafts only)

export type AgendaOutcome =
  | { kind: 'added'; added: string[]; already: string[]; archived: string[]; unknown: string[] }
  /** the view's address has a parameter the portfolio table does not read: `problem` says which and why */
  | { kind: 'bad_view'; problem: ListQueryProblem }
  | TooMany
  | { kind: 'not_found' }
  /** the meeting is open: its agenda is frozen */
  | { kind: 'open' }
  | Forbidden

async function draftOf(
  db: DB,
  id: string,
): Promise<{ kind: 'ok' } | { kind: 'not_found' } | { kind: 'open' }> {
  // (An opening under way counts as open: the agenda is frozen from the moment it is asked for.)
  // Touch the row first: on PostgreSQL that locks the meeting, so two agenda edits (or an edit and
  // the opening) go one at a time and positions stay distinct.
  const touched = await db
    .updateTable('meetings')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .executeTakeFirst()
  if (Number(touched.numUpdatedRows) !== 1) return { kind: 'not_found' }
  const meeting = await db
    .selectFrom('meetings')
    .select('opened_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  if (isOpen(meeting)) return { kind: 'open' }
  return (await openingJobOf(db, id)) ? { kind: 'open' } : { kind: 'ok' }
}

/** The job opening the meeting, while it is queued or running; null when none is. */
export async function openingJobOf(db: DB, meetingId: string): Promise<string | null> {
  const row = await db
    .selectFrom('meetings as m')
    .innerJoin('jobs as j', 'j.id', 'm.opening_job_id')
    .select('j.id')
    .where('m.id', '=', meetingId)
    .where('j.state', 'in', ['queued', 'running'])
    .executeTakeFirst()
  return row?.id ?? null
}

/** Appends items to the agenda in the given order, skipping those already on it; answers the refs added and skipped. */
/** More items than an agenda holds (AGENDA_LIMIT): `adding` new ones to the `present`. Nothing was added. */
export interface TooMany {
  kind: 'too_many'
  adding: number
  present: number
  limit: number
}

async function append(
  db: DB,
  meetingId: string,
  items: Array<{ id: string; ref: string }>,
  source: AgendaSource,
): Promise<{ kind: 'appended'; added: string[]; already: string[] } | TooMany> {
  const present = new Set(
    (
      await db.selectFrom('meeting_agenda').select('item_id').where('meeting_id', '=', meetingId).execute()
    ).map((r) => r.item_id),
  )
  const adding = new Set(items.map((i) => i.id).filter((id) => !present.has(id))).size
  if (present.size + adding > AGENDA_LIMIT)
    return { kind: 'too_many', adding, present: present.size, limit: AGENDA_LIMIT }
  const last = await db
    .selectFrom('meeting_agenda')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst()
  let position = Number(last?.p ?? 0)
  const added: string[] = []
  const already: string[] = []
  const now = nowIso()
  const rows = []
  for (const item of items) {
    if (present.has(item.id)) {
      already.push(item.ref)
      continue
    }
    present.add(item.id)
    rows.push({ meeting_id: meetingId, item_id: item.id, position: ++position, source, added_at: now })
    added.push(item.ref)
  }
  for (let k = 0; k < rows.length; k += 500)
    await db
      .insertInto('meeting_agenda')
      .values(rows.slice(k, k + 500))
      .execute()
  return { kind: 'appended', added, already }
}

/**
 * Adds every item of a portfolio table view (its address or query string, as the table's
 * filters and sort put it in the URL) to the agenda, in the view's order, after what is there.
 * Items already on the agenda are skipped. The view's query is kept on the meeting.
 */
export async function addFromView(
  db: DB,
  actor: Actor,
  meetingId: string,
  view: string,
): Promise<AgendaOutcome> {
  const refused = refusal(actor)
  if (refused) return refused
  const queryString = viewQueryOf(view)
  const parsed = parseListQuery(new URLSearchParams(queryString), ['cols'])
  if (!parsed.ok) return { kind: 'bad_view', problem: parsed.problem }
  // archived items are never agenda items: the snapshot the pack is made of holds the live ones
  const query = { ...parsed.query, archived: 'exclude' as const }
  return withinTransaction(db, async (trx) => {
    const draft = await draftOf(trx, meetingId)
    if (draft.kind !== 'ok') return draft
    // counted first: a view of a whole large register is refused before it is read
    const total = await countView(trx, query)
    if (total > AGENDA_LIMIT) return { kind: 'too_many', adding: total, present: 0, limit: AGENDA_LIMIT }
    const items: Array<{ id: string; ref: string }> = []
    for await (const batch of eachItemBatch(trx, query))
      items.push(...batch.map((i) => ({ id: i.id, ref: i.ref })))
    const appended = await append(trx, meetingId, items, 'view')
    if (appended.kind === 'too_many') return appended
    const { added, already } = appended
    await trx
      .updateTable('meetings')
      .set({ view_query: queryString, updated_at: nowIso() })
      .where('id', '=', meetingId)
      .execute()
    return { kind: 'added', added, already, archived: [], unknown: [] }
  })
}

/** Adds hand-picked items by ref (any case), in the order given; unknown and archived refs are reported, not added. */
export async function addByRefs(
  db: DB,
  actor: Actor,
  meetingId: string,
  refs: readonly string[],
): Promise<AgendaOutcome> {
  const refused = refusal(actor)
  if (refused) return refused
  return withinTransaction(db, async (trx) => {
    const draft = await draftOf(trx, meetingId)
    if (draft.kind !== 'ok') return draft
    const lowered = [...new Set(refs.map((r) => r.toLowerCase()))]
    const found = lowered.length
      ? await trx
          .selectFrom('items')
          .select(['id', 'ref', 'archived'])
          .where((eb) => eb(eb.fn('lower', ['ref']), 'in', lowered))
          .execute()
      : []
    const byRef = new Map(found.map((i) => [i.ref.toLowerCase(), i]))
    const unknown: string[] = []
    const archived: string[] = []
    const items: Array<{ id: string; ref: string }> = []
    for (const ref of refs) {
      const item = byRef.get(ref.toLowerCase())
      if (!item) unknown.push(ref)
      else if (Number(item.archived) === 1) archived.push(item.ref)
      else items.push({ id: item.id, ref: item.ref })
    }
    const appended = await append(trx, meetingId, items, 'picked')
    if (appended.kind === 'too_many') return appended
    return { kind: 'added', added: appended.added, already: appended.already, archived, unknown }
  })
}

export type SimpleOutcome =
  | { kind: 'done' }
  | { kind: 'not_found' }
  /** the meeting is open: its agenda and details are frozen */
  | { kind: 'open' }
  | { kind: 'not_on_agenda' }
  | Forbidden

/** Swaps an agenda item with its neighbour above or below; at either end nothing moves. */
export async function moveAgendaItem(
  db: DB,
  actor: Actor,
  meetingId: string,
  itemId: string,
  direction: 'up' | 'down',
): Promise<SimpleOutcome> {
  const refused = refusal(actor)
  if (refused) return refused
  return withinTransaction(db, async (trx): Promise<SimpleOutcome> => {
    const draft = await draftOf(trx, meetingId)
    if (draft.kind !== 'ok') return draft
    const entry = await trx
      .selectFrom('meeting_agenda')
      .select(['item_id', 'position'])
      .where('meeting_id', '=', meetingId)
      .where('item_id', '=', itemId)
      .executeTakeFirst()
    if (!entry) return { kind: 'not_on_agenda' }
    const neighbour = await trx
      .selectFrom('meeting_agenda')
      .select(['item_id', 'position'])
      .where('meeting_id', '=', meetingId)
      .where('position', direction === 'up' ? '<' : '>', entry.position)
      .orderBy('position', direction === 'up' ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst()
    if (!neighbour) return { kind: 'done' }
    await trx
      .updateTable('meeting_agenda')
      .set({ position: neighbour.position })
      .where('meeting_id', '=', meetingId)
      .where('item_id', '=', entry.item_id)
      .execute()
    await trx
      .updateTable('meeting_agenda')
      .set({ position: entry.position })
      .where('meeting_id', '=', meetingId)
      .where('item_id', '=', neighbour.item_id)
      .execute()
    return { kind: 'done' }
  })
}

export async function removeAgendaItem(
  db: DB,
  actor: Actor,
  meetingId: string,
  itemId: string,
): Promise<SimpleOutcome> {
  const refused = refusal(actor)
  if (refused) return refused
  return withinTransaction(db, async (trx): Promise<SimpleOutcome> => {
    const draft = await draftOf(trx, meetingId)
    if (draft.kind !== 'ok') return draft
    const removed = await trx
      .deleteFrom('meeting_agenda')
      .where('meeting_id', '=', meetingId)
      .where('item_id', '=', itemId)
      .executeTakeFirst()
    return Number(removed.numDeletedRows) === 1 ? { kind: 'done' } : { kind: 'not_on_agenda' }
  })
}

// ---------------------------------------------------------------------------------------------
// Opening

export type OpenOutcome =
  | { kind: 'opened'; snapshotId: string }
  | { kind: 'not_found' }
  | { kind: 'open' }
  | { kind: 'empty' }
  /** agenda items archived since they were added: remove or restore them first */
  | { kind: 'archived'; refs: string[] }
  | Forbidden

/**
 * Opens the meeting: in one transaction, takes a snapshot of the register (app/snapshots, with
 * this meeting's id) and stores its id on the meeting. From then on the agenda is frozen and the
 * pack reads its items from the snapshot, whatever changes later. One transaction holds SQLite's
 * write lock for the whole snapshot (seconds at 100,000 items), so the meeting page does not call
 * this: it opens through a job (opening.server.ts, docs/decisions/0047); scripts and tests of
 * small registers do.
 */
export async function openMeeting(db: DB, actor: Actor, meetingId: string): Promise<OpenOutcome> {
  const refused = refusal(actor)
  if (refused) return refused
  return withinTransaction(db, async (trx): Promise<OpenOutcome> => {
    const ready = await readyToOpen(trx, meetingId)
    if (ready.kind !== 'ready') return ready
    const snapshot = await takeSnapshot(trx, actor, ready.snapshotName, {
      meetingId,
    })
    if (snapshot.kind !== 'taken') return snapshot.kind === 'forbidden' ? snapshot : { kind: 'not_found' }
    const now = nowIso()
    await trx
      .updateTable('meetings')
      .set({ snapshot_id: snapshot.id, opened_at: now, opened_by: actor.id, updated_at: now })
      .where('id', '=', meetingId)
      .where('opened_at', 'is', null)
      .execute()
    return { kind: 'opened', snapshotId: snapshot.id }
  })
}

export type ReadyOutcome =
  | { kind: 'ready'; snapshotName: string }
  | Exclude<OpenOutcome, { kind: 'opened' } | Forbidden>

/**
 * What opening needs of a meeting: a draft (no opening under way), with an agenda, none of it
 * archived. Touches the meeting's row first (draftOf), so on PostgreSQL it holds the meeting until
 * the caller's transaction ends. Also the opening job's check (opening.server.ts).
 */
export async function readyToOpen(db: DB, meetingId: string): Promise<ReadyOutcome> {
  const draft = await draftOf(db, meetingId)
  if (draft.kind !== 'ok') return draft
  const meeting = await db
    .selectFrom('meetings')
    .select(['title', 'meeting_date'])
    .where('id', '=', meetingId)
    .executeTakeFirstOrThrow()
  const agenda = await getAgenda(db, meetingId)
  if (agenda.length === 0) return { kind: 'empty' }
  const archived = agenda.filter((a) => a.archived).map((a) => a.ref)
  if (archived.length > 0) return { kind: 'archived', refs: archived }
  return { kind: 'ready', snapshotName: `${meeting.title} (${meeting.meeting_date})` }
}

/**
 * The meeting of the same body opened last before this one: the pack's "changes since the
 * previous meeting" start from its snapshot. Null when there is none.
 */
export async function previousMeeting(
  db: DB,
  meeting: Pick<MeetingSummary, 'id' | 'body' | 'opened_at'>,
): Promise<{ id: string; title: string; meeting_date: string; snapshot_id: string } | null> {
  let query = db
    .selectFrom('meetings')
    .select(['id', 'title', 'meeting_date', 'snapshot_id', 'opened_at'])
    .where('body', '=', meeting.body)
    .where('opened_at', 'is not', null)
    .where('snapshot_id', 'is not', null)
    .where('id', '!=', meeting.id)
  if (meeting.opened_at) query = query.where('opened_at', '<', meeting.opened_at)
  const row = await query.orderBy('opened_at', 'desc').limit(1).executeTakeFirst()
  return row && row.snapshot_id
    ? { id: row.id, title: row.title, meeting_date: row.meeting_date, snapshot_id: row.snapshot_id }
    : null
}

// ---------------------------------------------------------------------------------------------
// Decisions

export type DecisionOutcome =
  | { kind: 'recorded'; ref: string; from: Status | null; to: Status | null }
  | { kind: 'not_found' }
  /** a draft: decisions are recorded once the meeting is open */
  | { kind: 'not_open' }
  | { kind: 'not_on_agenda' }
  | { kind: 'already_decided'; ref: string }
  /** the workflow refused the status change: nothing was recorded */
  | { kind: 'refused'; ref: string; refusal: TransitionRefusal }
  /** the item kept changing while the decision was recorded (three tries): nothing was recorded */
  | { kind: 'stale'; ref: string }
  | Forbidden

const ATTEMPTS = 3

/**
 * Records the committee's decision on an agenda item of an open meeting, with its text, in one
 * transaction with everything it causes (the caller's when `db` is one): a decision that changes
 * status (endorse, drop, return) goes through the workflow (transition, the same rules as the item
 * page, the text as reason) on behalf of the committee, so the secretariat records an endorsement
 * the committee made (docs/decisions/0014-meetings.md; app/permissions canMove); a refused move is
 * answered with the workflow's refusal and records nothing. The decision also appears in the
 * item's history (kind `decision`). One decision per item and meeting.
 */
export async function recordDecision(
  db: DB,
  actor: Actor,
  meetingId: string,
  itemId: string,
  decision: Decision,
  text: string,
): Promise<DecisionOutcome> {
  const refused = refusal(actor)
  if (refused) return refused
  // The item may change between the workflow's read and its write: try again, unless the
  // caller owns the transaction (then 'stale' is theirs to handle). A stale try wrote nothing.
  const attempts = db.isTransaction ? 1 : ATTEMPTS
  let outcome: DecisionOutcome = { kind: 'stale', ref: '' }
  for (let attempt = 0; attempt < attempts && outcome.kind === 'stale'; attempt++)
    outcome = await withinTransaction(db, (trx) =>
      decide(trx, actor, meetingId, itemId, decision, text.trim()),
    )
  return outcome
}

async function decide(
  trx: DB,
  actor: Actor,
  meetingId: string,
  itemId: string,
  decision: Decision,
  text: string,
): Promise<DecisionOutcome> {
  const meeting = await trx
    .selectFrom('meetings')
    .select(['id', 'title', 'body', 'meeting_date', 'opened_at'])
    .where('id', '=', meetingId)
    .executeTakeFirst()
  if (!meeting) return { kind: 'not_found' }
  if (!isOpen(meeting)) return { kind: 'not_open' }
  const entry = await trx
    .selectFrom('meeting_agenda as a')
    .innerJoin('items as i', 'i.id', 'a.item_id')
    .select(['i.id', 'i.ref'])
    .where('a.meeting_id', '=', meetingId)
    .where('a.item_id', '=', itemId)
    .executeTakeFirst()
  if (!entry) return { kind: 'not_on_agenda' }
  const existing = await trx
    .selectFrom('meeting_decisions')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('item_id', '=', itemId)
    .executeTakeFirst()
  if (existing) return { kind: 'already_decided', ref: entry.ref }

  const moved = await moveForDecision(trx, actor, entry, decision, text)
  if (moved.kind === 'refused') return { kind: 'refused', ref: entry.ref, refusal: moved.refusal }
  if (moved.kind === 'stale') return { kind: 'stale', ref: entry.ref }
  if (moved.kind === 'not_found') return { kind: 'not_on_agenda' }
  const { from, to } = moved
  const now = nowIso()
  await trx
    .insertInto('meeting_decisions')
    .values({
      id: randomUUID(),
      meeting_id: meetingId,
      item_id: entry.id,
      decision,
      text,
      status_from: from,
      status_to: to,
      recorded_at: now,
      recorded_by: actor.id,
    })
    .execute()
  await recordDecisionEvent(trx, entry.id, actor.id, now, meeting, { decision, text, from, to })
  return { kind: 'recorded', ref: entry.ref, from, to }
}

// ---------------------------------------------------------------------------------------------
// Carrying deferred items

export type CarryOutcome =
  | { kind: 'carried'; added: string[]; already: string[]; archived: string[] }
  | { kind: 'not_found' }
  /** the target is open (its agenda is frozen) */
  | { kind: 'open' }
  | { kind: 'same' }
  | { kind: 'none_deferred' }
  | TooMany
  | Forbidden

/**
 * The drafts deferred items may be carried to: those dated on or after this meeting, the same
 * body's first, then by date, so the form's first (preselected) choice is the body's next meeting.
 */
export async function carryTargets(
  db: DB,
  meeting: Pick<MeetingSummary, 'id' | 'meeting_date' | 'body'>,
): Promise<Array<{ id: string; title: string; meeting_date: string; body: string }>> {
  const drafts = await db
    .selectFrom('meetings')
    .select(['id', 'title', 'meeting_date', 'body'])
    .where('opened_at', 'is', null)
    .where('id', '!=', meeting.id)
    .where('meeting_date', '>=', meeting.meeting_date)
    .orderBy('meeting_date')
    .orderBy('created_at')
    .execute()
  return [...drafts.filter((d) => d.body === meeting.body), ...drafts.filter((d) => d.body !== meeting.body)]
}

/** Appends the items deferred at `fromId` to the agenda of the draft `toId`, in the order of the first agenda; those already there are skipped. */
export async function carryDeferred(
  db: DB,
  actor: Actor,
  fromId: string,
  toId: string,
): Promise<CarryOutcome> {
  const refused = refusal(actor)
  if (refused) return refused
  if (fromId === toId) return { kind: 'same' }
  return withinTransaction(db, async (trx): Promise<CarryOutcome> => {
    const source = await trx.selectFrom('meetings').select('id').where('id', '=', fromId).executeTakeFirst()
    if (!source) return { kind: 'not_found' }
    const draft = await draftOf(trx, toId)
    if (draft.kind !== 'ok') return draft
    const deferred = await trx
      .selectFrom('meeting_decisions as d')
      .innerJoin('meeting_agenda as a', (join) =>
        join.onRef('a.meeting_id', '=', 'd.meeting_id').onRef('a.item_id', '=', 'd.item_id'),
      )
      .innerJoin('items as i', 'i.id', 'd.item_id')
      .select(['i.id', 'i.ref', 'i.archived'])
      .where('d.meeting_id', '=', fromId)
      .where('d.decision', '=', 'defer')
      .orderBy('a.position')
      .execute()
    if (deferred.length === 0) return { kind: 'none_deferred' }
    const archived = deferred.filter((i) => Number(i.archived) === 1).map((i) => i.ref)
    const appended = await append(
      trx,
      toId,
      deferred.filter((i) => Number(i.archived) !== 1),
      'carried',
    )
    if (appended.kind === 'too_many') return appended
    return { kind: 'carried', added: appended.added, already: appended.already, archived }
  })
}
