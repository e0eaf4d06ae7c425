import type { DB } from '../../db/schema'
import { canSeeJob, type Actor } from '../permissions/permissions'
import type { JobKind, JobValue } from './kinds.server'
import type { JobState } from './queue.server'

// What the person who started a job sees of it: its progress while it runs, then its result
// (kept until expires_at). Nobody else sees either (app/permissions canSeeJob).

export interface JobView {
  id: string
  kind: JobKind
  state: JobState
  done: number
  total: number
  attempts: number
  /** the last failure's message, for a failed job */
  error: string | null
  value: JobValue | null
  file: { name: string } | null
  expiresAt: string | null
}

export type JobOutcome = { kind: 'not_found' } | { kind: 'job'; job: JobView }

/** A job as its starter sees it; not_found for anyone else (its existence is theirs too). */
export async function getJob(db: DB, actor: Actor, id: string): Promise<JobOutcome> {
  const row = await db
    .selectFrom('jobs')
    .select([
      'id',
      'kind',
      'state',
      'user_id',
      'progress_done',
      'progress_total',
      'attempts',
      'last_error',
      'result',
      'file_name',
      'expires_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row || !canSeeJob(actor, { userId: row.user_id })) return { kind: 'not_found' }
  return {
    kind: 'job',
    job: {
      id: row.id,
      kind: row.kind as JobKind,
      state: row.state,
      done: Number(row.progress_done),
      total: Number(row.progress_total),
      attempts: Number(row.attempts),
      error: row.state === 'failed' ? row.last_error : null,
      value: row.result ? (JSON.parse(row.result) as JobValue) : null,
      file: row.file_name ? { name: row.file_name } : null,
      expiresAt: row.expires_at,
    },
  }
}

export type JobFileOutcome =
  | { kind: 'not_found' }
  | { kind: 'file'; name: string; type: string; bytes: Buffer }

/** A finished job's file, for its starter only, until it expires. */
export async function getJobFile(db: DB, actor: Actor, id: string, now: string): Promise<JobFileOutcome> {
  const row = await db
    .selectFrom('jobs')
    .select(['user_id', 'file_name', 'file_type', 'file_content', 'expires_at'])
    .where('id', '=', id)
    .where('state', '=', 'done')
    .executeTakeFirst()
  if (!row || !canSeeJob(actor, { userId: row.user_id })) return { kind: 'not_found' }
  if (!row.file_name || !row.file_type || row.file_content === null) return { kind: 'not_found' }
  if (row.expires_at !== null && row.expires_at < now) return { kind: 'not_found' }
  return {
    kind: 'file',
    name: row.file_name,
    type: row.file_type,
    bytes: Buffer.from(row.file_content, 'base64'),
  }
}
