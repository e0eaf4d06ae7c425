import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'

// The job table (docs/decisions/0035-background-jobs.md). A job is claimed the way the mail
// outbox claims a mail: a conditional UPDATE that only one runner's statement can satisfy, so each
// job runs once however many app servers or `npm run worker` processes there are. The claim is a
// lease renewed by the runner's heartbeat; a job whose runner died (its lease lapsed) is claimed
// again, up to MAX_ATTEMPTS, with every failure's message kept.

export const MAX_ATTEMPTS = 3
/** How long a claim holds without a heartbeat; the runner renews it every LEASE_MS / 3. */
export const LEASE_MS = 30_000
/** How long a finished job's result (a preview, a file) is kept for the person who started it. */
export const KEEP_RESULT_MS = 24 * 60 * 60 * 1000

export type JobState = 'queued' | 'running' | 'done' | 'failed'

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString()
const now = () => new Date().toISOString()

/** Queues a job; returns its id. In the caller's transaction when `db` is one. */
export async function enqueueJob(
  db: DB,
  job: { kind: string; input: unknown; userId: string; at?: string },
): Promise<string> {
  const id = randomUUID()
  const at = job.at ?? now()
  await db
    .insertInto('jobs')
    .values({
      id,
      kind: job.kind,
      input: JSON.stringify(job.input),
      user_id: job.userId,
      state: 'queued',
      created_at: at,
      run_after: at,
      claimed_by: null,
      lease_until: null,
      attempts: 0,
      last_error: null,
      progress_done: 0,
      progress_total: 0,
      started_at: null,
      finished_at: null,
      result: null,
      file_name: null,
      file_type: null,
      file_content: null,
      expires_at: null,
    })
    .execute()
  return id
}

export interface ClaimedJob {
  id: string
  kind: string
  input: unknown
  userId: string
  attempts: number
}

/**
 * Is any job due (queued and due, or running on a lapsed lease)? The server's thread asks this
 * before it starts a job runner thread (server/jobs-thread.ts): the same conditions as claimJob's.
 */
export async function hasDueJob(db: DB, at: string = now()): Promise<boolean> {
  const due = await db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'queued'), eb('run_after', '<=', at)]),
        eb.and([eb('state', '=', 'running'), eb('lease_until', '<', at)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst()
  return due !== undefined
}

/**
 * Claims the oldest due job for `runner`: a queued one, or a running one whose lease lapsed (its
 * runner died). Null when there is none. The UPDATE repeats the conditions it was chosen by, so
 * of two runners choosing the same job only one changes its row.
 */
export async function claimJob(db: DB, runner: string, at: string = now()): Promise<ClaimedJob | null> {
  for (let tries = 0; tries < 5; tries++) {
    const candidate = await db
      .selectFrom('jobs')
      .select(['id', 'kind', 'input', 'user_id', 'attempts', 'state', 'lease_until'])
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'queued'), eb('run_after', '<=', at)]),
          eb.and([eb('state', '=', 'running'), eb('lease_until', '<', at)]),
        ]),
      )
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst()
    if (!candidate) return null
    // A runner that died on its last attempt leaves the job failed rather than looping on it.
    if (candidate.attempts >= MAX_ATTEMPTS) {
      await db
        .updateTable('jobs')
        .set({
          state: 'failed',
          finished_at: at,
          lease_until: null,
          expires_at: plus(at, KEEP_RESULT_MS),
          last_error: candidate.state === 'running' ? 'the runner stopped before finishing' : null,
        })
        .where('id', '=', candidate.id)
        .where('attempts', '=', candidate.attempts)
        .execute()
      continue
    }
    const claimed = await db
      .updateTable('jobs')
      .set({
        state: 'running',
        claimed_by: runner,
        lease_until: plus(at, LEASE_MS),
        attempts: candidate.attempts + 1,
        started_at: at,
        // a runner that died may have left a message of its own; say what happened instead
        last_error: candidate.state === 'running' ? 'the runner stopped before finishing' : null,
      })
      .where('id', '=', candidate.id)
      .where('attempts', '=', candidate.attempts)
      .where('state', '=', candidate.state)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) continue // another runner took it first
    return {
      id: candidate.id,
      kind: candidate.kind,
      input: JSON.parse(candidate.input) as unknown,
      userId: candidate.user_id,
      attempts: candidate.attempts + 1,
    }
  }
  return null
}

/** Renews the lease and records progress; false if the job is no longer this runner's. */
export async function heartbeat(
  db: DB,
  jobId: string,
  runner: string,
  progress?: { done: number; total: number },
  at: string = now(),
): Promise<boolean> {
  const updated = await db
    .updateTable('jobs')
    .set({
      lease_until: plus(at, LEASE_MS),
      ...(progress ? { progress_done: progress.done, progress_total: progress.total } : {}),
    })
    .where('id', '=', jobId)
    .where('claimed_by', '=', runner)
    .where('state', '=', 'running')
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

export interface JobResult {
  /** what the page shows: a preview, a count, a link (JSON) */
  value?: unknown
  file?: { name: string; type: string; bytes: Uint8Array }
}

/** Records a finished job's result, kept KEEP_RESULT_MS; only the runner holding it may. */
export async function finishJob(
  db: DB,
  jobId: string,
  runner: string,
  result: JobResult,
  at: string = now(),
): Promise<boolean> {
  const updated = await db
    .updateTable('jobs')
    .set({
      state: 'done',
      finished_at: at,
      lease_until: null,
      last_error: null,
      result: result.value === undefined ? null : JSON.stringify(result.value),
      file_name: result.file?.name ?? null,
      file_type: result.file?.type ?? null,
      file_content: result.file ? Buffer.from(result.file.bytes).toString('base64') : null,
      expires_at: plus(at, KEEP_RESULT_MS),
    })
    .where('id', '=', jobId)
    .where('claimed_by', '=', runner)
    .where('state', '=', 'running')
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

/** Records a failure: queued again after a pause while attempts remain, else failed. */
export async function failJob(
  db: DB,
  jobId: string,
  runner: string,
  error: unknown,
  at: string = now(),
): Promise<void> {
  const job = await db.selectFrom('jobs').select('attempts').where('id', '=', jobId).executeTakeFirst()
  if (!job) return
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000)
  const last = job.attempts >= MAX_ATTEMPTS
  await db
    .updateTable('jobs')
    .set({
      state: last ? 'failed' : 'queued',
      last_error: message,
      lease_until: null,
      claimed_by: null,
      // 10 s, 40 s: a database that is briefly unavailable gets time to come back
      run_after: plus(at, job.attempts * job.attempts * 10_000),
      finished_at: last ? at : null,
      expires_at: last ? plus(at, KEEP_RESULT_MS) : null,
    })
    .where('id', '=', jobId)
    .where('claimed_by', '=', runner)
    .execute()
}

/** Removes jobs whose results are past keeping. */
export async function purgeExpiredJobs(db: DB, at: string = now()): Promise<number> {
  const removed = await db.deleteFrom('jobs').where('expires_at', '<', at).executeTakeFirst()
  return Number(removed.numDeletedRows)
}
