import type { Kysely } from 'kysely'
import type { Database, DB } from '../../db/schema'
import type { Afterwards } from '../../db/statistics'
import { withinTransaction } from '../../db/transactions'
import { enqueueJob } from '../jobs/queue.server'
import { can, forbiddenOutcome, type Actor } from '../permissions/permissions'
import { nowIso } from '../portfolio/items.server'
import { sweepJobSnapshots, takeSnapshot } from '../snapshots/snapshots.server'
import { getAgenda, openingJobOf, readyToOpen, type OpenOutcome } from './meetings.server'

// Opening a meeting as a background job (docs/decisions/0047). Asking to open checks the meeting
// and queues the job in one short transaction: from then on the meeting is 'opening' (its agenda
// frozen, decisions not yet taken) while the job is queued or running. The job takes the snapshot
// the way every snapshot job does (0042: read at one moment on its own connection, written 250 rows
// per transaction, invisible until complete), and the transaction that makes the snapshot
// complete also marks the meeting open with it: both or neither. A job that fails for good leaves
// the meeting a draft again, and its half-written snapshot is swept.

export type StartOpeningOutcome =
  | { kind: 'opening'; jobId: string }
  | Exclude<OpenOutcome, { kind: 'opened' }>

/** Asks to open the meeting: queues the opening job, or answers the one already under way. */
export async function startOpening(db: DB, actor: Actor, meetingId: string): Promise<StartOpeningOutcome> {
  if (!can(actor, 'meeting:manage')) return forbiddenOutcome('meeting:manage')
  return withinTransaction(db, async (trx): Promise<StartOpeningOutcome> => {
    // a second click while it opens goes to the same job's progress
    const under = await openingJobOf(trx, meetingId)
    if (under) return { kind: 'opening', jobId: under }
    const ready = await readyToOpen(trx, meetingId)
    if (ready.kind !== 'ready') return ready
    const jobId = await enqueueJob(trx, {
      kind: 'meeting_open',
      input: { meeting: meetingId },
      userId: actor.id,
    })
    await trx
      .updateTable('meetings')
      .set({ opening_job_id: jobId, updated_at: nowIso() })
      .where('id', '=', meetingId)
      .execute()
    return { kind: 'opening', jobId }
  })
}

export interface OpeningJob {
  db: Kysely<Database>
  /** the runner's reading connection; without it the snapshot is taken in one transaction */
  reader?: Kysely<Database>
  jobId: string
  progress?: (done: number, total: number) => Promise<void>
  /** when the snapshot's statistics are refreshed (TakeOptions) */
  afterwards?: Afterwards
}

/** The meeting leaves 'opening' (back to a draft) when its opening ends without opening it. */
async function release(db: DB, meetingId: string, jobId: string): Promise<void> {
  await db
    .updateTable('meetings')
    .set({ opening_job_id: null })
    .where('id', '=', meetingId)
    .where('opening_job_id', '=', jobId)
    .execute()
}

/** In the snapshot's last transaction: the meeting open with that snapshot, if still this job's to open. */
async function markOpen(trx: DB, actor: Actor, meetingId: string, jobId: string, snapshotId: string) {
  // Every agenda item must be in the snapshot: one archived after the job's check, before its read,
  // would be missing from the pack.
  const missing = await trx
    .selectFrom('meeting_agenda as a')
    .leftJoin('snapshot_items as si', (join) =>
      join.onRef('si.item_id', '=', 'a.item_id').on('si.snapshot_id', '=', snapshotId),
    )
    .select('a.item_id')
    .where('a.meeting_id', '=', meetingId)
    .where('si.item_id', 'is', null)
    .limit(1)
    .execute()
  if (missing.length > 0) return false
  const now = nowIso()
  const opened = await trx
    .updateTable('meetings')
    .set({
      snapshot_id: snapshotId,
      opened_at: now,
      opened_by: actor.id,
      opening_job_id: null,
      updated_at: now,
    })
    .where('id', '=', meetingId)
    .where('opened_at', 'is', null)
    .where('opening_job_id', '=', jobId)
    .executeTakeFirst()
  return Number(opened.numUpdatedRows) === 1
}

/**
 * The opening job's work. Re-checks the meeting (an agenda item may have been archived since the
 * request), removes what an earlier attempt of this job left, takes the snapshot, and opens the
 * meeting in the snapshot's last transaction. Answers as openMeeting does; a refusal also leaves
 * the meeting a draft. Throws (the runner retries) only on a failure of the database.
 */
export async function runOpening(job: OpeningJob, actor: Actor, meetingId: string): Promise<OpenOutcome> {
  const { db, jobId } = job
  if (!can(actor, 'meeting:manage')) {
    await release(db, meetingId, jobId)
    return forbiddenOutcome('meeting:manage')
  }
  const meeting = await db
    .selectFrom('meetings')
    .select(['opened_at', 'snapshot_id', 'opening_job_id'])
    .where('id', '=', meetingId)
    .executeTakeFirst()
  if (!meeting) return { kind: 'not_found' }
  // opened meanwhile (by this job's earlier attempt whose end was not recorded, or by a script)
  if (meeting.opened_at !== null) return { kind: 'open' }
  if (meeting.opening_job_id !== jobId) return { kind: 'open' }
  await sweepJobSnapshots(db, jobId)
  const refused = await checkAgenda(db, meetingId)
  if (refused) {
    await release(db, meetingId, jobId)
    return refused
  }
  const name = await snapshotName(db, meetingId)
  const taken = job.reader
    ? await takeSnapshot(db, actor, name, {
        meetingId,
        reader: job.reader,
        jobId,
        progress: job.progress,
        afterwards: job.afterwards,
        finish: (trx, snapshotId) => markOpen(trx, actor, meetingId, jobId, snapshotId),
      })
    : await withinTransaction(db, async (trx) => {
        const one = await takeSnapshot(trx, actor, name, { meetingId })
        if (one.kind !== 'taken') return one
        return (await markOpen(trx, actor, meetingId, jobId, one.id)) ? one : ({ kind: 'withdrawn' } as const)
      })
  if (taken.kind === 'taken') return { kind: 'opened', snapshotId: taken.id }
  await release(db, meetingId, jobId)
  if (taken.kind === 'forbidden') return taken
  return (await checkAgenda(db, meetingId)) ?? { kind: 'open' }
}

async function checkAgenda(db: DB, meetingId: string): Promise<OpenOutcome | null> {
  const agenda = await getAgenda(db, meetingId)
  if (agenda.length === 0) return { kind: 'empty' }
  const archived = agenda.filter((a) => a.archived).map((a) => a.ref)
  return archived.length > 0 ? { kind: 'archived', refs: archived } : null
}

async function snapshotName(db: DB, meetingId: string): Promise<string> {
  const m = await db
    .selectFrom('meetings')
    .select(['title', 'meeting_date'])
    .where('id', '=', meetingId)
    .executeTakeFirstOrThrow()
  return `${m.title} (${m.meeting_date})`
}
