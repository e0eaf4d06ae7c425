import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { insertUser, toCsv } from '../tests/setup/fixtures'
import { createTestDb, type TestDb } from '../tests/setup/test-db'
import { enqueueJob } from '../app/jobs/queue.server'
import { saveUpload } from '../app/importer/uploads.server'
import { startJobsThread, type JobsThread } from './jobs-thread'

// Heavy work off the request path (issue 13): while the job runner thread previews a big import,
// the server's own thread still answers /healthz (here a server doing what app/routes/healthz.ts
// does: one query on this thread's connection). Asserted against the job's own run, not a clock:
// the answer arrives while the job is still running. How fast it answers is `npm run bench jobs`.

const ROWS = 3_000

describe('the job runner thread', () => {
  let t: TestDb | undefined
  let thread: JobsThread | undefined
  let server: Server | undefined
  afterEach(async () => {
    await thread?.stop()
    server?.close()
    await t?.close()
  })

  it('leaves the server answering /healthz while a big import is previewed', async () => {
    t = await createTestDb()
    const db = t.db
    const user = await insertUser(db, 'secretariat')
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      ref: `BIG-${i + 1}`,
      strategy: 'CITA 2030',
      pillar: 'Pillar 1: Trade',
      area: '1 Customs',
      title_en: `Item ${i + 1}`,
      proposers: 'KAZ',
      cost_usd_m: '10',
    }))
    const saved = await saveUpload(db, user, 'big.csv', Buffer.from(toCsv(rows)))
    if (!saved.ok) throw new Error(saved.error.key)
    const jobId = await enqueueJob(db, {
      kind: 'import_preview',
      input: { upload: saved.id },
      userId: user.id,
    })
    const state = async () =>
      (await db.selectFrom('jobs').select('state').where('id', '=', jobId).executeTakeFirstOrThrow()).state

    server = createServer((_req, res) => {
      void sql`select 1`.execute(db).then(() => res.end('{"status":"ok"}'))
    }).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo

    thread = startJobsThread(t.url)
    while ((await state()) === 'queued') await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await state()).toBe('running')
    const answer = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(await answer.text()).toBe('{"status":"ok"}')
    // answered while the job was still under way
    expect(await state()).toBe('running')

    while ((await state()) === 'running') await new Promise((resolve) => setTimeout(resolve, 100))
    const done = await db
      .selectFrom('jobs')
      .select(['state', 'result'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow()
    expect(done.state).toBe('done')
    expect(JSON.parse(done.result!)).toMatchObject({ kind: 'import_preview', preview: { kind: 'ready' } })
  }, 120_000)
})
