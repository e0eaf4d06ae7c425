import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { sql, type SqlBool } from 'kysely'
import type { AccessEvent } from './access-events'
import { likePattern } from './like'
import type { AccessLogFilter } from './schema'

// The access log: every change to people and access, written in the same transaction as the
// change (pass the transaction as `db`). Append-only: this module inserts and reads; nothing in
// the app updates or deletes a row.

export interface AccessEventInput {
  event: AccessEvent
  /** who did it; null for the command line or a person not signed in (a reset link) */
  actorId: string | null
  /** whose account it concerns; null when none (a reset asked for an unknown e-mail) */
  subjectId: string | null
  /** what changed, shaped by event; no secrets (never a password, token or link) */
  details?: Record<string, unknown>
  /** the client's address, when a request caused it */
  ip?: string | null
  at?: string
}

export async function recordAccessEvent(db: DB, input: AccessEventInput): Promise<void> {
  await db
    .insertInto('access_log')
    .values({
      id: randomUUID(),
      at: input.at ?? new Date().toISOString(),
      event: input.event,
      actor_id: input.actorId,
      subject_id: input.subjectId,
      ip: input.ip ?? null,
      details: JSON.stringify(input.details ?? {}),
    })
    .execute()
}

export const ACCESS_LOG_PAGE = 100

export interface AccessLogEntry {
  id: string
  at: string
  event: string
  actor: { id: string; name: string; email: string } | null
  subject: { id: string; name: string; email: string } | null
  ip: string | null
  details: Record<string, unknown>
}

/** Newest first, a page at a time (`before` is the last entry's cursor), filtered by event, person and UTC day. */
export async function listAccessLog(
  db: DB,
  filter: AccessLogFilter,
): Promise<{ entries: AccessLogEntry[]; older: string | null }> {
  let query = db
    .selectFrom('access_log as l')
    .leftJoin('users as a', 'a.id', 'l.actor_id')
    .leftJoin('users as s', 's.id', 'l.subject_id')
    .select([
      'l.id',
      'l.at',
      'l.event',
      'l.ip',
      'l.details',
      'a.id as actor_id',
      'a.name as actor_name',
      'a.email as actor_email',
      's.id as subject_id',
      's.name as subject_name',
      's.email as subject_email',
    ])
    .orderBy('l.at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(ACCESS_LOG_PAGE + 1)
  if (filter.event) query = query.where('l.event', '=', filter.event)
  if (filter.from) query = query.where('l.at', '>=', `${filter.from}T00:00:00.000Z`)
  if (filter.to) query = query.where('l.at', '<', nextDay(filter.to))
  if (filter.person) {
    const pattern = likePattern(filter.person)
    const like = (column: string) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`
    query = query.where((eb) => eb.or([like('a.name'), like('a.email'), like('s.name'), like('s.email')]))
  }
  const cursor = parseCursor(filter.before)
  if (cursor)
    query = query.where((eb) =>
      eb.or([eb('l.at', '<', cursor.at), eb.and([eb('l.at', '=', cursor.at), eb('l.id', '<', cursor.id)])]),
    )
  const rows = await query.execute()
  const page = rows.slice(0, ACCESS_LOG_PAGE)
  const last = page[page.length - 1]
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      event: r.event,
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '', email: r.actor_email ?? '' } : null,
      subject: r.subject_id
        ? { id: r.subject_id, name: r.subject_name ?? '', email: r.subject_email ?? '' }
        : null,
      ip: r.ip,
      details: parseDetails(r.details),
    })),
    older: rows.length > ACCESS_LOG_PAGE && last ? `${last.at}|${last.id}` : null,
  }
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`)
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString()
}

function parseCursor(text: string | undefined): { at: string; id: string } | null {
  const [at, id] = (text ?? '').split('|')
  return at && id ? { at, id } : null
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
