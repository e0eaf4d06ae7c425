import { afterEach, describe, expect, it } from 'vitest'
import { connect } from '../../db/connect'
import { createTestDb, useTestDb, type TestDb } from '../../tests/setup/test-db'
import {
  accountKey,
  addressKey,
  attemptPassed,
  beginAttempt,
  lockFor,
  replay,
  THROTTLE,
  type Failure,
} from './throttle.server'

const MINUTE = 60_000
const T0 = Date.parse('2026-12-01T09:00:00.000Z')
const at = (ms: number) => new Date(T0 + ms)

function failures(...offsets: number[]): Failure[] {
  return offsets.map((offset, i) => ({ id: `f${String(i).padStart(3, '0')}`, at: T0 + offset }))
}

describe('replaying failures', () => {
  it('four failures within 15 minutes lock nothing; the fifth locks for a minute', () => {
    expect(replay(failures(0, 1, 2, 3), 5).lockedUntil).toBe(0)
    const five = failures(0, MINUTE, 2 * MINUTE, 3 * MINUTE, 4 * MINUTE)
    expect(replay(five, 5).lockedUntil).toBe(T0 + 4 * MINUTE + MINUTE)
  })

  it('failures further apart than the window do not add up', () => {
    const spread = failures(0, 4 * MINUTE, 8 * MINUTE, 12 * MINUTE, 16 * MINUTE, 20 * MINUTE)
    // at no moment were five within 15 minutes of each other
    expect(replay(spread, 5).lockedUntil).toBe(0)
    expect(
      replay(failures(0, 4 * MINUTE, 8 * MINUTE, 12 * MINUTE, 14 * MINUTE), 5).lockedUntil,
    ).toBeGreaterThan(0)
  })

  it('after a lock every further failure locks again for twice as long, up to an hour', () => {
    const five = [0, 1, 2, 3, 4].map((s) => s * 1000)
    let lockedUntil = replay(failures(...five), 5).lockedUntil
    const offsets = [...five]
    const locks: number[] = []
    for (let i = 0; i < 9; i++) {
      const next = lockedUntil - T0 // the first moment the lock allows
      offsets.push(next)
      lockedUntil = replay(failures(...offsets), 5).lockedUntil
      locks.push((lockedUntil - T0 - next) / MINUTE)
    }
    expect(locks).toEqual([2, 4, 8, 16, 32, 60, 60, 60, 60])
    expect(lockFor(1)).toBe(MINUTE)
  })

  it('a failure that arrives during a lock (a race on another instance) is refused and not counted', () => {
    const result = replay(failures(0, 1, 2, 3, 4, 5, 6), 5)
    expect([...result.refused]).toEqual(['f005', 'f006'])
    expect(result.lockedUntil).toBe(T0 + 4 + MINUTE)
  })

  it('a day without failures forgets earlier locks', () => {
    const day = THROTTLE.memoryMs
    // locked once, then one failure a day later: counted afresh, no lock
    expect(replay(failures(0, 1, 2, 3, 4, 4 + day + 1), 5).lockedUntil).toBe(T0 + 4 + MINUTE)
  })

  it('the address threshold is higher than the account one', () => {
    const nineteen = failures(...Array.from({ length: 19 }, (_, i) => i * 1000))
    expect(replay(nineteen, THROTTLE.addressThreshold).lockedUntil).toBe(0)
    const twenty = failures(...Array.from({ length: 20 }, (_, i) => i * 1000))
    expect(replay(twenty, THROTTLE.addressThreshold).lockedUntil).toBe(T0 + 19_000 + MINUTE)
  })
})

describe('throttling in the database', () => {
  const t = useTestDb()
  const key = accountKey('Someone@Example.org')

  async function fail(n: number, start = 0) {
    for (let i = 0; i < n; i++) {
      const outcome = await beginAttempt(t.db, [key], at(start + i * 1000))
      expect(outcome.kind).toBe('go')
    }
  }

  it('the fifth attempt knows that failing locks; the sixth is refused, with when to try again', async () => {
    await fail(4)
    const fifth = await beginAttempt(t.db, [key], at(4000))
    expect(fifth.kind === 'go' && fifth.attempt.locksUntil).toEqual(at(4000 + MINUTE))
    const sixth = await beginAttempt(t.db, [key], at(5000))
    expect(sixth).toEqual({ kind: 'throttled', retryAfter: at(4000 + MINUTE) })
    // the e-mail's case and spaces do not make another account
    expect((await beginAttempt(t.db, [accountKey(' someone@example.ORG ')], at(6000))).kind).toBe('throttled')
    expect((await beginAttempt(t.db, [key], at(4000 + MINUTE))).kind).toBe('go')
  })

  it('a refused attempt leaves no row; a right password removes its own and, signed in, the account’s', async () => {
    await fail(4)
    const right = await beginAttempt(t.db, [key], at(4000))
    if (right.kind !== 'go') throw new Error('expected to go')
    await attemptPassed(t.db, right.attempt, { reset: false })
    expect(await t.db.selectFrom('sign_in_failures').select('id').execute()).toHaveLength(4)
    await attemptPassed(t.db, right.attempt, { reset: true })
    expect(await t.db.selectFrom('sign_in_failures').select('id').execute()).toHaveLength(0)
  })

  it('signing in resets the account but not the client address', async () => {
    const address = addressKey('203.0.113.7')
    for (let i = 0; i < 3; i++) await beginAttempt(t.db, [key, address], at(i))
    const right = await beginAttempt(t.db, [key, address], at(10))
    if (right.kind !== 'go') throw new Error('expected to go')
    await attemptPassed(t.db, right.attempt, { reset: true })
    const left = await t.db.selectFrom('sign_in_failures').select('key').execute()
    expect(left.map((r) => r.key)).toEqual([address.key, address.key, address.key])
  })

  it('twenty failures from one address over many e-mails lock the address', async () => {
    const address = addressKey('198.51.100.20')
    for (let i = 0; i < 20; i++) {
      const outcome = await beginAttempt(t.db, [accountKey(`person${i}@example.org`), address], at(i * 1000))
      expect(outcome.kind).toBe('go')
    }
    const next = await beginAttempt(t.db, [accountKey('someone-new@example.org'), address], at(21_000))
    expect(next).toEqual({ kind: 'throttled', retryAfter: at(19_000 + MINUTE) })
  })

  it('rows older than a day are deleted', async () => {
    await fail(3)
    await beginAttempt(t.db, [accountKey('other@example.org')], at(THROTTLE.memoryMs + 10_000))
    expect(await t.db.selectFrom('sign_in_failures').select('id').execute()).toHaveLength(1)
  })
})

describe('across two database connections (two app instances on one SQLite file)', () => {
  let first: TestDb | undefined
  afterEach(async () => {
    await first?.close()
  })

  it('failures made through either connection count for both, also when they race', async () => {
    first = await createTestDb()
    const second = connect(first.url)
    try {
      const key = accountKey('shared@example.org')
      // alternately: 1st, 2nd, 1st, 2nd
      for (let i = 0; i < 4; i++)
        expect((await beginAttempt(i % 2 ? second : first.db, [key], at(i * 1000))).kind).toBe('go')
      // the fifth and sixth race, one on each connection: one goes (the fifth failure), one is refused
      const raced = await Promise.all([
        beginAttempt(first.db, [key], at(5000)),
        beginAttempt(second, [key], at(5000)),
      ])
      expect(raced.map((r) => r.kind).sort()).toEqual(['go', 'throttled'])
      expect((await beginAttempt(second, [key], at(6000))).kind).toBe('throttled')
      expect((await beginAttempt(first.db, [key], at(7000))).kind).toBe('throttled')
    } finally {
      await second.destroy()
    }
  })

  it('of two attempts in the same millisecond, the one answered first is the one that counts', async () => {
    first = await createTestDb()
    const second = connect(first.url)
    try {
      // Ordered by random ids, the later attempt came before the earlier one about half the time
      // and both were let through; twenty accounts make that chance about one in a million.
      for (let n = 0; n < 20; n++) {
        const key = accountKey(`same-ms-${n}@example.org`)
        for (let i = 0; i < 4; i++) await beginAttempt(first.db, [key], at(i * 1000))
        expect((await beginAttempt(first.db, [key], at(5000))).kind).toBe('go')
        expect(await beginAttempt(second, [key], at(5000))).toEqual({
          kind: 'throttled',
          retryAfter: at(5000 + MINUTE),
        })
      }
    } finally {
      await second.destroy()
    }
  })
})
