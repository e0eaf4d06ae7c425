import type { Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connect } from '../../db/connect'
import type { Database } from '../../db/schema'
import { usePortfolio } from '../../tests/setup/portfolio'
import { enqueueJob, type JobState } from '../jobs/queue.server'
import { runOneJob, type Runner } from '../jobs/runner.server'
import { setArchived } from '../portfolio/items.server'
import {
  listSnapshots,
  sweepIncompleteSnapshots,
  sweepJobSnapshots,
  takeSnapshot,
} from '../snapshots/snapshots.server'
import { addByRefs, getMeetingSummary } from './meetings.server'
import { startOpening } from './opening.server'
import { MEETING_ROWS, newMeeting } from './test-fixtures'

// Opening a meeting as a job (docs/decisions/0047): the meeting waits in 'opening', the job takes
// the snapshot in short transactions on the runner's connections and opens the meeting in the
// snapshot's last transaction; what a stopped job leaves of a snapshot is swept.

const MEETING = {
  title: 'RTG 2026 opening',
  body: 'regional_trade_group' as const,
  meeting_date: '2026-03-10',
  place: 'Tbilisi',
}

describe('opening a meeting as a job', () => {
  const t = usePortfolio({ items: MEETING_ROWS, people: { secretariat: { role: 'secretariat' } } })
  const { secretariat } = t.people
  let runner: Runner
  beforeEach(() => {
    runner = { id: 'test-runner', db: t.db, progressDb: connect(t.url), readDb: connect(t.url) }
  })
  afterEach(async () => {
    await Promise.all([runner.progressDb.destroy(), runner.readDb!.destroy()])
  })

  const snapshotRows = async (db: Kysely<Database>) =>
    (await db.selectFrom('snapshots').select(['id', 'complete']).execute()).length
  const jobValue = async (id: string) => {
    const job = await t.db
      .selectFrom('jobs')
      .select(['state', 'result'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    return { state: job.state, value: job.result ? (JSON.parse(job.result) as unknown) : null }
  }

  it("waits in 'opening' with its agenda frozen, then opens with the snapshot its job took", async () => {
    const meeting = await newMeeting(t.db, secretariat, MEETING)
    await addByRefs(t.db, secretariat, meeting, ['M-01', 'M-02'])
    const asked = await startOpening(t.db, secretariat, meeting)
    if (asked.kind !== 'opening') throw new Error(asked.kind)

    const waiting = await getMeetingSummary(t.db, meeting)
    expect(waiting).toMatchObject({ opened_at: null, snapshot_id: null, opening_job_id: asked.jobId })
    expect(await addByRefs(t.db, secretariat, meeting, ['M-03'])).toEqual({ kind: 'open' })
    // asking again while it opens leads to the same job
    expect(await startOpening(t.db, secretariat, meeting)).toEqual({ kind: 'opening', jobId: asked.jobId })
    expect(await listSnapshots(t.db)).toEqual([])

    expect(await runOneJob(runner)).toBe(true)
    const opened = await getMeetingSummary(t.db, meeting)
    expect(opened?.opened_at).not.toBeNull()
    expect(opened?.opening_job_id).toBeNull()
    const [snapshot] = await listSnapshots(t.db)
    expect(snapshot).toMatchObject({ meetingId: meeting, itemCount: MEETING_ROWS.length })
    expect(opened?.snapshot_id).toBe(snapshot!.id)
    expect(await jobValue(asked.jobId)).toEqual({
      state: 'done',
      value: { kind: 'meeting_open', meeting, outcome: { kind: 'opened', snapshotId: snapshot!.id } },
    })
    expect(await startOpening(t.db, secretariat, meeting)).toEqual({ kind: 'open' })
  })

  it('leaves the meeting a draft and keeps no snapshot when an agenda item was archived meanwhile', async () => {
    const meeting = await newMeeting(t.db, secretariat, MEETING)
    await addByRefs(t.db, secretariat, meeting, ['M-01', 'M-02'])
    const asked = await startOpening(t.db, secretariat, meeting)
    if (asked.kind !== 'opening') throw new Error(asked.kind)
    await setArchived(t.db, secretariat, 'M-02', true)

    await runOneJob(runner)
    expect(await getMeetingSummary(t.db, meeting)).toMatchObject({
      opened_at: null,
      snapshot_id: null,
      opening_job_id: null,
    })
    expect(await snapshotRows(t.db)).toBe(0)
    expect((await jobValue(asked.jobId)).value).toMatchObject({
      outcome: { kind: 'archived', refs: ['M-02'] },
    })
    // a draft again: its agenda can change, and it can be opened once fixed
    expect(await addByRefs(t.db, secretariat, meeting, ['M-03'])).toMatchObject({ kind: 'added' })
  })

  it('a retried opening removes what its earlier attempt left of a snapshot', async () => {
    const meeting = await newMeeting(t.db, secretariat, MEETING)
    await addByRefs(t.db, secretariat, meeting, ['M-01'])
    const asked = await startOpening(t.db, secretariat, meeting)
    if (asked.kind !== 'opening') throw new Error(asked.kind)
    // what a first attempt that crashed half way would have left: rows of a snapshot not complete
    const left = await takeSnapshot(t.db, secretariat, 'half written')
    if (left.kind !== 'taken') throw new Error(left.kind)
    await t.db
      .updateTable('snapshots')
      .set({ complete: 0, job_id: asked.jobId })
      .where('id', '=', left.id)
      .execute()

    await runOneJob(runner)
    const rows = await t.db.selectFrom('snapshots').select(['id', 'complete']).execute()
    expect(rows).toEqual([{ id: (await getMeetingSummary(t.db, meeting))!.snapshot_id, complete: 1 }])
    const items = await t.db.selectFrom('snapshot_items').select('snapshot_id').distinct().execute()
    expect(items.map((r) => r.snapshot_id)).toEqual([rows[0]!.id])
  })
})

describe('sweeping incomplete snapshots', () => {
  const t = usePortfolio({ items: MEETING_ROWS, people: { secretariat: { role: 'secretariat' } } })
  const { secretariat } = t.people
  const AT = '2026-12-03T10:00:00.000Z'

  async function job(state: JobState, leaseUntil: string | null): Promise<string> {
    // queued as the app queues it, then put in the state under test (a runner's claim, or its end)
    const id = await enqueueJob(t.db, { kind: 'snapshot', input: {}, userId: secretariat.id, at: AT })
    await t.db
      .updateTable('jobs')
      .set({
        state,
        claimed_by: state === 'running' ? 'elsewhere' : null,
        lease_until: leaseUntil,
        attempts: 1,
        started_at: AT,
      })
      .where('id', '=', id)
      .execute()
    return id
  }

  async function snapshot(name: string, complete: 0 | 1, jobId: string | null): Promise<string> {
    const taken = await takeSnapshot(t.db, secretariat, name)
    if (taken.kind !== 'taken') throw new Error(taken.kind)
    await t.db.updateTable('snapshots').set({ complete, job_id: jobId }).where('id', '=', taken.id).execute()
    return taken.id
  }

  it('removes those no running job is writing, rows and all, and keeps the rest', async () => {
    const failed = await snapshot('job failed', 0, await job('failed', null))
    const orphan = await snapshot('no job', 0, null)
    const lapsed = await snapshot('runner died', 0, await job('running', '2026-12-03T09:59:00.000Z'))
    const requeued = await snapshot('queued again', 0, await job('queued', null))
    const runningJob = await job('running', '2026-12-03T10:00:30.000Z')
    const writing = await snapshot('being written', 0, runningJob)
    const whole = await snapshot('whole', 1, null)

    expect(await sweepIncompleteSnapshots(t.db, AT)).toBe(4)
    const kept = await t.db.selectFrom('snapshots').select('id').orderBy('id').execute()
    expect(kept.map((r) => r.id)).toEqual([writing, whole].sort())
    const withRows = await t.db.selectFrom('snapshot_items').select('snapshot_id').distinct().execute()
    expect(withRows.map((r) => r.snapshot_id).sort()).toEqual([writing, whole].sort())
    for (const gone of [failed, orphan, lapsed, requeued]) expect(kept.map((r) => r.id)).not.toContain(gone)

    // the job writing it, run again, removes its own leftovers
    expect(await sweepJobSnapshots(t.db, runningJob)).toBe(1)
    expect((await t.db.selectFrom('snapshots').select('id').execute()).map((r) => r.id)).toEqual([whole])
  })
})
