import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import { createTestDb } from '../../tests/setup/test-db'
import { jobsSuite } from './jobs.suite'
import { runJobs } from './runner.server'

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
