import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connect } from '../../db/connect'
import type { Database } from '../../db/schema'
import { importRow, insertUser, toCsv } from '../../tests/setup/fixtures'
import { STATISTICS_AFTER } from '../importer/import.server'
import { saveUpload } from '../importer/uploads.server'
import type { Actor } from '../permissions/permissions'
import { getJob, getJobFile } from './jobs.server'
import type { JobContext, JobValue } from './kinds.server'
import { claimJob, enqueueJob, LEASE_MS, MAX_ATTEMPTS } from './queue.server'
import { runOneJob, type Runner } from './runner.server'
import { fillItems } from '../../scripts/bench-data'
import { listSnapshots } from '../snapshots/snapshots.server'
import { listAreaCodes, saveAreaCodes, savePublisher } from '../iati/publisher.server'

// Background jobs on SQLite (jobs.test.ts) and PostgreSQL (db/postgres-jobs.test.ts), unchanged.

export interface SuiteDb {
  db: Kysely<Database>
  /** a DATABASE_URL for a second connection to the same database */
  url: string
  close(): Promise<void>
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => importRow(`JOB-${i + 1}`))
/** Whether the planner has statistics of `items` (SQLite's sqlite_stat1, PostgreSQL's last ANALYZE). */
async function itemsAnalysed(db: Kysely<Database>): Promise<boolean> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{
      at: Date | null
    }>`select last_analyze as at from pg_stat_user_tables where relname = 'items'`.execute(db)
    return (rows[0]?.at ?? null) !== null
  }
  const { rows } = await sql<{
    n: number
  }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db)
  if (Number(rows[0]?.n) === 0) return false
  const stat = await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = 'items'`.execute(
    db,
  )
  return Number(stat.rows[0]?.n) > 0
}
const later = (ms: number) => new Date(Date.now() + ms).toISOString()

export function jobsSuite(open: () => Promise<SuiteDb>): void {
  let t: SuiteDb
  let other: Kysely<Database>
  let secretariat: Actor
  let runner: Runner
  beforeEach(async () => {
    t = await open()
    other = connect(t.url, { busyTimeoutMs: 0 })
    secretariat = await insertUser(t.db, 'secretariat')
    runner = { id: 'runner-a', db: t.db, progressDb: other }
  })
  afterEach(async () => {
    await other.destroy()
    await t.close()
  })

  async function upload(n: number): Promise<string> {
    const saved = await saveUpload(t.db, secretariat, 'plan.csv', Buffer.from(toCsv(rows(n))))
    if (!saved.ok) throw new Error(saved.error.key)
    return saved.id
  }

  /** The runner, each job run with some of its context changed (to watch what the job does). */
  function runnerWith(change: (ctx: JobContext) => Partial<JobContext>): Runner {
    return {
      ...runner,
      run: async (kind, ctx) => {
        const { runJob } = await import('./kinds.server')
        return runJob(kind, { ...ctx, ...change(ctx) })
      },
    }
  }

  /** The upload previewed by a job run now: the digest its confirmation names. */
  async function previewedDigest(uploadId: string): Promise<string> {
    const id = await enqueueJob(t.db, {
      kind: 'import_preview',
      input: { upload: uploadId },
      userId: secretariat.id,
    })
    await runOneJob(runner)
    const previewed = await getJob(t.db, secretariat, id)
    const value = previewed.kind === 'job' ? previewed.job.value : null
    if (value?.kind !== 'import_preview' || value.preview.kind !== 'ready') throw new Error('no preview')
    return value.preview.digest
  }

  describe('claiming', () => {
    it('gives each job to one runner, however many ask at once', async () => {
      const ids = await Promise.all(
        [1, 2, 3].map(() => enqueueJob(t.db, { kind: 'snapshot', input: {}, userId: secretariat.id })),
      )
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => claimJob(i % 2 ? t.db : other, `runner-${i}`)),
      )
      const claimed = claims.filter((c) => c !== null).map((c) => c.id)
      expect(claimed.sort()).toEqual([...ids].sort())
      expect(await claimJob(t.db, 'late')).toBeNull()
    })

    it('claims again a job whose runner stopped (its lease lapsed), counting the attempt', async () => {
      const id = await enqueueJob(t.db, { kind: 'snapshot', input: {}, userId: secretariat.id })
      expect(await claimJob(t.db, 'died')).toMatchObject({ id, attempts: 1 })
      expect(await claimJob(t.db, 'second')).toBeNull() // the lease still holds
      const again = await claimJob(t.db, 'second', later(LEASE_MS + 1000))
      expect(again).toMatchObject({ id, attempts: 2 })
      const row = await t.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      expect(row).toMatchObject({ claimed_by: 'second', state: 'running' })
      expect(row.last_error).toMatch(/stopped before finishing/)
    })

    it('keeps each failure and gives up after the last attempt', async () => {
      const id = await enqueueJob(t.db, { kind: 'snapshot', input: {}, userId: secretariat.id })
      const failing: Runner = {
        ...runner,
        run: () => Promise.reject(new Error('disk full')),
      }
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        // the retry waits a while: move it forward instead of waiting
        await t.db
          .updateTable('jobs')
          .set({ run_after: '2000-01-01T00:00:00.000Z' })
          .where('id', '=', id)
          .execute()
        expect(await runOneJob(failing)).toBe(true)
      }
      expect(await getJob(t.db, secretariat, id)).toMatchObject({
        kind: 'job',
        job: { state: 'failed', attempts: MAX_ATTEMPTS, error: 'disk full' },
      })
      await t.db
        .updateTable('jobs')
        .set({ run_after: '2000-01-01T00:00:00.000Z' })
        .where('id', '=', id)
        .execute()
      expect(await runOneJob(failing)).toBe(false)
    })
  })

  describe('an import preview as a job', () => {
    it('records progress with counts, then the preview, for its starter only', async () => {
      const uploadId = await upload(120)
      const id = await enqueueJob(t.db, {
        kind: 'import_preview',
        input: { upload: uploadId },
        userId: secretariat.id,
      })
      const seen: Array<[number, number]> = []
      const watching = runnerWith((ctx) => ({
        progress: async (done, total) => {
          seen.push([done, total])
          await ctx.progress(done, total)
        },
      }))
      expect(await runOneJob(watching)).toBe(true)
      expect(seen.at(0)).toEqual([0, 120])
      expect(seen.at(-1)).toEqual([120, 120])
      const outcome = await getJob(t.db, secretariat, id)
      expect(outcome).toMatchObject({ kind: 'job', job: { state: 'done', attempts: 1 } })
      const value = outcome.kind === 'job' ? (outcome.job.value as JobValue) : null
      expect(value).toMatchObject({ kind: 'import_preview', preview: { kind: 'ready' } })
      if (value?.kind === 'import_preview' && value.preview.kind === 'ready')
        expect(value.preview.summary.created).toHaveLength(120)
      const stranger = await insertUser(t.db, 'secretariat')
      expect(await getJob(t.db, stranger, id)).toEqual({ kind: 'not_found' })
    })

    it('imports on confirmation, once, and shows the imported summary', async () => {
      const uploadId = await upload(30)
      const confirm = { upload: uploadId, digest: await previewedDigest(uploadId) }
      const first = await enqueueJob(t.db, { kind: 'import_confirm', input: confirm, userId: secretariat.id })
      const second = await enqueueJob(t.db, {
        kind: 'import_confirm',
        input: confirm,
        userId: secretariat.id,
      })
      await runOneJob(runner)
      await runOneJob({ ...runner, id: 'runner-b', db: other, progressDb: t.db })
      expect(await getJob(t.db, secretariat, first)).toMatchObject({
        job: { state: 'done', value: { outcome: 'done', preview: { kind: 'imported' } } },
      })
      expect(await getJob(t.db, secretariat, second)).toMatchObject({
        job: { state: 'done', value: { outcome: 'already_imported' } },
      })
      const count = await t.db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      expect(Number(count.n)).toBe(30)
    })

    it("records a big import's answer first, then refreshes the planner's statistics (0069)", async () => {
      const uploadId = await upload(STATISTICS_AFTER)
      const id = await enqueueJob(t.db, {
        kind: 'import_confirm',
        input: { upload: uploadId, digest: await previewedDigest(uploadId) },
        userId: secretariat.id,
      })
      expect(await itemsAnalysed(t.db)).toBe(false)
      // what the person waiting sees when the refresh starts: the job done, its answer there
      const seenAtRefresh: unknown[] = []
      const watching = runnerWith((ctx) => ({
        afterwards: (task) =>
          ctx.afterwards(async () => {
            seenAtRefresh.push(await getJob(other, secretariat, id))
            await task()
          }),
      }))
      await runOneJob(watching)
      expect(seenAtRefresh).toHaveLength(1)
      expect(seenAtRefresh[0]).toMatchObject({ job: { state: 'done', value: { outcome: 'done' } } })
      expect(await itemsAnalysed(t.db)).toBe(true)
    })
  })

  describe('a file result', () => {
    it('is downloaded by its starter only, until it expires', async () => {
      await upload(1)
      const id = await enqueueJob(t.db, { kind: 'export_csv', input: { search: '' }, userId: secretariat.id })
      await runOneJob(runner)
      const now = new Date().toISOString()
      const file = await getJobFile(t.db, secretariat, id, now)
      expect(file).toMatchObject({ kind: 'file', type: 'text/csv; charset=utf-8' })
      if (file.kind === 'file') expect(file.bytes.toString('utf8')).toContain('ref')
      const stranger = await insertUser(t.db, 'secretariat')
      expect(await getJobFile(t.db, stranger, id, now)).toEqual({ kind: 'not_found' })
      expect(await getJobFile(t.db, secretariat, id, later(2 * 24 * 60 * 60 * 1000))).toEqual({
        kind: 'not_found',
      })
    })
  })

  describe('an IATI file as a job', () => {
    it('says which publisher settings it needs, then writes the view for its starter', async () => {
      await fillItems(t.db, 40, null)
      const codes = Object.fromEntries((await listAreaCodes(t.db)).map((a) => [a.id, '33120']))
      expect(await saveAreaCodes(t.db, secretariat, codes)).toMatchObject({ kind: 'saved' })
      const valueOf = async (id: string) => {
        const job = await getJob(t.db, secretariat, id)
        return job.kind === 'job' ? job.job.value : null
      }

      const unset = await enqueueJob(t.db, {
        kind: 'export_iati',
        input: { search: '' },
        userId: secretariat.id,
      })
      await runOneJob(runner)
      expect(await valueOf(unset)).toMatchObject({ kind: 'export_iati', outcome: 'unconfigured' })
      expect(await getJobFile(t.db, secretariat, unset, new Date().toISOString())).toEqual({
        kind: 'not_found',
      })

      const publisher = {
        org_ref: 'XM-DAC-46004',
        org_name_en: 'CAREC Secretariat',
        org_name_ru: null,
        org_name_zh: null,
        org_type: '40' as const,
        activity_prefix: 'XM-DAC-46004-',
        default_currency: 'USD' as const,
        default_language: 'en' as const,
      }
      expect(await savePublisher(t.db, secretariat, publisher, new Date().toISOString())).toEqual({
        kind: 'saved',
      })
      const id = await enqueueJob(t.db, {
        kind: 'export_iati',
        input: { search: 'proposers=KAZ' },
        userId: secretariat.id,
      })
      await runOneJob(runner)
      const value = await valueOf(id)
      if (value?.kind !== 'export_iati' || value.outcome !== 'written') throw new Error('no IATI file')
      const file = await getJobFile(t.db, secretariat, id, new Date().toISOString())
      if (file.kind !== 'file') throw new Error('no file to download')
      expect(file.type).toBe('application/xml; charset=utf-8')
      const xml = file.bytes.toString('utf8')
      expect(xml.match(/<iati-activity /g)).toHaveLength(value.written)
      expect(xml).toContain('<recipient-country code="KZ"')
    })
  })

  describe('a snapshot as a job', () => {
    it('is read on the runner’s reader connection, written in batches, and shown once whole', async () => {
      await fillItems(t.db, 1200, null)
      const readDb = connect(t.url)
      try {
        const id = await enqueueJob(t.db, {
          kind: 'snapshot',
          input: { name: 'Before the meeting' },
          userId: secretariat.id,
        })
        await runOneJob({ ...runner, readDb })
        const job = await getJob(t.db, secretariat, id)
        const value = job.kind === 'job' ? job.job.value : null
        if (value?.kind !== 'snapshot' || value.outcome.kind !== 'taken') throw new Error('no snapshot')
        const live = await t.db
          .selectFrom('items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('archived', '=', 0)
          .executeTakeFirstOrThrow()
        expect(value.outcome.itemCount).toBe(Number(live.n))
        expect(await listSnapshots(t.db)).toMatchObject([
          { id: value.outcome.id, name: 'Before the meeting', itemCount: Number(live.n) },
        ])
        // progress with counts, written between the batches
        expect(job).toMatchObject({ job: { done: Number(live.n), total: Number(live.n) } })
      } finally {
        await readDb.destroy()
      }
    }, 60_000)
  })
}
