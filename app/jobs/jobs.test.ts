import { getEventListeners } from 'node:events'
import fs from 'node:fs'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createTestDb } from '../../tests/setup/test-db'
import { insertUser } from '../../tests/setup/fixtures'
import { jobsSuite } from './jobs.suite'
import { claimJob, enqueueJob, hasDueJob, LEASE_MS } from './queue.server'
import { runJobs, runOneJob } from './runner.server'
import { connect } from '../../db/connect'
import { insertRows } from '../../db/insert-rows'

// Background jobs on SQLite; db/postgres-jobs.test.ts runs the same suite on PostgreSQL.
jobsSuite(createTestDb)

describe('the runner, idle', () => {
  it('leaves no abort listener behind from its pauses, however long it waits', async () => {
    const t = await createTestDb()
    const stop = new AbortController()
    const running = runJobs({ id: 'idle', db: t.db, progressDb: t.db }, stop.signal, 1)
    // dozens of 1 ms pauses on an empty queue
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(getEventListeners(stop.signal, 'abort').length).toBeLessThanOrEqual(1)
    stop.abort()
    await running
    await t.close()
  })
})

// A job runner's connections leave SQLite's log to the runner, which copies it into the database
// file once the job's result is recorded: a big import's answer does not wait for it (decision
// 0063), and the log does not wait for the next commit of anyone else.
describe("the runner's checkpoint", () => {
  it("comes after the job, not at the job's commit, and leaves nothing in the log", async () => {
    const t = await createTestDb()
    const user = await insertUser(t.db, 'secretariat')
    const db = connect(t.url, { checkpointLater: true })
    const progressDb = connect(t.url, { busyTimeoutMs: 0, checkpointLater: true })
    const size = () => fs.statSync(t.url).size
    await enqueueJob(t.db, { kind: 'snapshot', input: { name: 'x' }, userId: user.id })
    await sql`pragma wal_checkpoint(truncate)`.execute(t.db)
    const before = size()
    let atCommit = 0
    const ran = await runOneJob({
      id: 'checkpoint',
      db,
      progressDb,
      // about 6 MB in one transaction: SQLite's own checkpoint would come at its commit (1,000 pages)
      run: async () => {
        const rows = Array.from({ length: 20_000 }, (_, i) => ({
          key: `${i}:${'k'.repeat(300)}`,
          version: i,
          n: i,
        }))
        await db.transaction().execute((trx) => insertRows(trx, 'search_counts', rows))
        atCommit = size()
        return { value: null }
      },
    })
    expect(ran).toBe(true)
    expect(atCommit).toBe(before)
    expect(size()).toBeGreaterThan(before + 5_000_000)
    // all of it copied: a checkpoint now has nothing left to copy
    const [state] = (
      await sql<{ log: number; checkpointed: number }>`pragma wal_checkpoint(passive)`.execute(t.db)
    ).rows
    expect(state!.log).toBe(state!.checkpointed)
    await Promise.all([db.destroy(), progressDb.destroy()])
    await t.close()
  })
})

// The server starts its runner thread only when a job is due, and the thread stops when none has
// been for a while (server/jobs-thread.ts, docs/decisions/0046-server-memory.md).
describe('a runner thread that runs only while jobs are due', () => {
  it('is told a job is due when one is queued, and again when its runner died', async () => {
    const t = await createTestDb()
    const user = await insertUser(t.db, 'secretariat')
    expect(await hasDueJob(t.db)).toBe(false)
    await enqueueJob(t.db, { kind: 'snapshot', input: { name: 'x' }, userId: user.id })
    expect(await hasDueJob(t.db)).toBe(true)
    expect(await claimJob(t.db, 'runner-1')).not.toBeNull()
    // running under a live lease: not due
    expect(await hasDueJob(t.db)).toBe(false)
    // the lease lapsed: due again, for another runner to claim
    expect(await hasDueJob(t.db, new Date(Date.now() + LEASE_MS + 1000).toISOString())).toBe(true)
    await t.close()
  })

  it('runs the due jobs, then stops by itself once none has been due for the idle time', async () => {
    const t = await createTestDb()
    const user = await insertUser(t.db, 'secretariat')
    await enqueueJob(t.db, { kind: 'snapshot', input: { name: 'x' }, userId: user.id })
    const ran: string[] = []
    const never = new AbortController()
    await runJobs(
      {
        id: 'idle-stop',
        db: t.db,
        progressDb: t.db,
        run: async (kind) => {
          ran.push(kind)
          return { value: { kind: 'snapshot', outcome: { kind: 'taken', id: 's', itemCount: 0 } } }
        },
      },
      never.signal,
      5,
      50,
    )
    expect(ran).toEqual(['snapshot'])
    expect(never.signal.aborted).toBe(false)
    expect(await hasDueJob(t.db)).toBe(false)
    await t.close()
  })
})
