import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { DB } from '../../db/schema'
import { isUniqueViolation } from '../../db/errors'
import { sha256Hex } from './secrets.server'

// Sign-in throttling with its state in the database, so it holds across app instances
// (docs/decisions/0022-sign-in-protection.md). Each attempt first writes a failure row for its
// keys (the account's e-mail and the client address, both hashed) and then replays the key's
// recent failures: a row that falls inside a lock is refused. Because the row is written before
// the password is checked, attempts racing on several instances all count. A right password
// removes the attempt's rows again.

export const THROTTLE = {
  /** failures are counted within this window... */
  windowMs: 15 * 60_000,
  /** ...and this many for one account... */
  accountThreshold: 5,
  /** ...or this many from one client address lock it */
  addressThreshold: 20,
  /** the first lock; each failure after a lock locks again for twice as long... */
  firstLockMs: 60_000,
  /** ...up to this */
  maxLockMs: 60 * 60_000,
  /** a day without failures forgets the locks; older rows are deleted */
  memoryMs: 24 * 60 * 60_000,
} as const

export type ThrottlePolicy = typeof THROTTLE

export interface Failure {
  id: string
  at: number
}

export function lockFor(level: number, policy: ThrottlePolicy = THROTTLE): number {
  return Math.min(policy.firstLockMs * 2 ** (level - 1), policy.maxLockMs)
}

/**
 * Replays a key's failures in the order they were written (the key's sequence). A failure that arrives during a lock is
 * refused (it raced in on another instance) and not counted. Until the first lock, `threshold`
 * failures within the window lock; after it, every further failure locks again, for twice as
 * long, until a day passes without one.
 */
export function replay(
  failures: readonly Failure[],
  threshold: number,
  policy: ThrottlePolicy = THROTTLE,
): { lockedUntil: number; refused: ReadonlySet<string> } {
  const refused = new Set<string>()
  let recent: number[] = []
  let level = 0
  let lockedUntil = 0
  let last = -Infinity
  for (const failure of failures) {
    if (failure.at < lockedUntil) {
      refused.add(failure.id)
      continue
    }
    if (level > 0 && failure.at - last > policy.memoryMs) level = 0
    last = failure.at
    if (level > 0) {
      level += 1
      lockedUntil = failure.at + lockFor(level, policy)
      continue
    }
    recent = recent.filter((at) => failure.at - at < policy.windowMs)
    recent.push(failure.at)
    if (recent.length >= threshold) {
      level = 1
      lockedUntil = failure.at + lockFor(level, policy)
      recent = []
    }
  }
  return { lockedUntil, refused }
}

export interface ThrottleKey {
  kind: 'account' | 'address'
  key: string
  threshold: number
}

export function accountKey(email: string): ThrottleKey {
  return {
    kind: 'account',
    key: sha256Hex(`account:${email.trim().toLowerCase()}`),
    threshold: THROTTLE.accountThreshold,
  }
}

export function addressKey(address: string): ThrottleKey {
  return { kind: 'address', key: sha256Hex(`address:${address}`), threshold: THROTTLE.addressThreshold }
}

/** The sign-in attempt under way: its rows, one per key, presumed failed until `passed`. */
export interface Attempt {
  rows: ReadonlyArray<{ id: string; key: ThrottleKey }>
  /** if this attempt fails, its failure locks a key until then (worth a line in the access log) */
  locksUntil: Date | null
}

export type AttemptOutcome = { kind: 'go'; attempt: Attempt } | { kind: 'throttled'; retryAfter: Date }

export async function beginAttempt(db: DB, keys: readonly ThrottleKey[], now: Date): Promise<AttemptOutcome> {
  const at = now.toISOString()
  const since = new Date(now.getTime() - THROTTLE.memoryMs).toISOString()
  await db.deleteFrom('sign_in_failures').where('at', '<', since).execute()
  const rows = keys.map((key) => ({ id: randomUUID(), key }))
  for (const row of rows) await insertNumbered(db, { id: row.id, key: row.key.key, at })
  let retryAfter = 0
  let locksUntil = 0
  for (const row of rows) {
    // In the order written, not by time: rows of one millisecond, or of servers whose clocks
    // differ a little, keep the order in which they became visible, so every reader replays the
    // same history and no answered attempt later finds one written after it ahead of it.
    const failures = await db
      .selectFrom('sign_in_failures')
      .select(['id', 'at'])
      .where('key', '=', row.key.key)
      .where('at', '>=', since)
      .orderBy('seq')
      .execute()
    const { lockedUntil, refused } = replay(
      failures.map((f) => ({ id: f.id, at: Date.parse(f.at) })),
      row.key.threshold,
    )
    if (refused.has(row.id)) retryAfter = Math.max(retryAfter, lockedUntil)
    else if (lockedUntil > now.getTime()) locksUntil = Math.max(locksUntil, lockedUntil)
  }
  if (retryAfter === 0)
    return { kind: 'go', attempt: { rows, locksUntil: locksUntil ? new Date(locksUntil) : null } }
  // A refused attempt is no failure: its password was never looked at.
  await db
    .deleteFrom('sign_in_failures')
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute()
  return { kind: 'throttled', retryAfter: new Date(retryAfter) }
}

/**
 * Writes a failure row with its key's next number, in one statement: on SQLite a statement holds
 * the write lock, so no other writer comes between; on PostgreSQL two statements may pick the same
 * number, and the unique index (key, seq) then makes the later wait for the earlier to commit and
 * fail, so it counts again and comes after. Either way a row's number is higher than that of every
 * row committed before it, and every row with a lower number is visible once it is written.
 */
async function insertNumbered(db: DB, row: { id: string; key: string; at: string }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`insert into sign_in_failures (id, key, at, seq)
        select ${row.id}, ${row.key}, ${row.at}, coalesce(max(seq), 0) + 1
        from sign_in_failures where key = ${row.key}`.execute(db)
      return
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 20) throw error
    }
  }
}

/**
 * The attempt's secret was right: its rows go. With `reset` (the person is now signed in) the
 * account's earlier failures go too; a client address keeps its count.
 */
export async function attemptPassed(db: DB, attempt: Attempt, { reset }: { reset: boolean }): Promise<void> {
  await db
    .deleteFrom('sign_in_failures')
    .where(
      'id',
      'in',
      attempt.rows.map((r) => r.id),
    )
    .execute()
  if (!reset) return
  const accounts = attempt.rows.filter((r) => r.key.kind === 'account').map((r) => r.key.key)
  if (accounts.length > 0) await db.deleteFrom('sign_in_failures').where('key', 'in', accounts).execute()
}
