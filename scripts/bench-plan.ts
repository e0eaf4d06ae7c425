import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { bytesOf, exportItemsCsv, exportItemsXlsx } from '../app/exports/items.server'
import { addFromView, createMeeting, openMeeting } from '../app/meetings/meetings.server'
import { getMeetingPack } from '../app/meetings/pack.server'
import { packPdfBytes } from '../app/meetings/pdf.server'
import type { Actor } from '../app/permissions/permissions'
import { DEFAULT_COLUMNS } from '../app/portfolio/columns'
import { ListQuery } from '../app/portfolio/list-query'
import { connect, migrateToLatest } from '../db/connect'
import { seedDemo } from '../db/seed'
import { timeSamples } from './bench-timing'

// The real plan (db/data, 80 items) as users meet it: the CSV and XLSX export of the whole
// portfolio and the PDF pack of a meeting with every item on its agenda. These were once
// "under 3 seconds" assertions in the tests; a test's clock says more about the machine's load
// than about the code, so they are measured here instead (docs/performance.md).

export interface PlanFigure {
  name: string
  /** the first call in this process: fonts, templates and statements are not cached yet */
  first: number
  p50: number
  p95: number
  kib: number
}

export async function measurePlan(runs: number): Promise<PlanFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carec-bench-plan-'))
  const db = connect(path.join(dir, 'plan.db'))
  try {
    await migrateToLatest(db)
    const { plan } = await seedDemo(db)
    if (!plan.ok) throw new Error(`the plan did not import: ${JSON.stringify(plan.errors.slice(0, 3))}`)
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'secretariat')
      .executeTakeFirstOrThrow()
    const secretariat: Actor = { id: user.id, role: 'secretariat', countries: [], organisation: null }
    const created = await createMeeting(db, secretariat, {
      title: 'Bench meeting',
      body: 'regional_trade_group',
      meeting_date: '2026-03-10',
      place: 'Tbilisi',
    })
    if (created.kind !== 'created') throw new Error(`bench: no meeting (${created.kind})`)
    const meeting = created.id
    await addFromView(db, secretariat, meeting, '?sort=ref')
    await openMeeting(db, secretariat, meeting)

    const query = ListQuery.parse({})
    const calls: Array<[string, () => Promise<Buffer>]> = [
      ['CSV export, whole plan', () => bytesOf(exportItemsCsv(db, query))],
      [
        'XLSX export, whole plan, default columns',
        () =>
          bytesOf(
            exportItemsXlsx(db, query, {
              columns: DEFAULT_COLUMNS,
              language: 'en',
              exportedAt: new Date().toISOString(),
              exportedBy: 'Bench',
              viewUrl: 'http://bench.invalid/items',
            }),
          ),
      ],
      [
        'meeting pack PDF, 80 items on the agenda',
        async () =>
          packPdfBytes((await getMeetingPack(db, meeting))!, {
            language: 'en',
            generatedAt: new Date().toISOString(),
          }),
      ],
    ]
    const figures: PlanFigure[] = []
    for (const [name, call] of calls) {
      const t0 = performance.now()
      const bytes = await call()
      const first = performance.now() - t0
      const timing = await timeSamples(runs, async () => void (await call()), 0)
      figures.push({ name, first, ...timing, kib: bytes.length / 1024 })
    }
    return figures
  } finally {
    await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export function printPlanTable(title: string, figures: PlanFigure[]): void {
  const width = Math.max(...figures.map((f) => f.name.length), 4)
  console.log(`\n${title}`)
  console.log(`| ${'call'.padEnd(width)} | first ms | p50 ms | p95 ms |   KiB |`)
  console.log(`| ${'-'.repeat(width)} | -------: | -----: | -----: | ----: |`)
  for (const f of figures) {
    console.log(
      `| ${f.name.padEnd(width)} | ${f.first.toFixed(0).padStart(8)} | ${f.p50.toFixed(0).padStart(6)} | ${f.p95.toFixed(0).padStart(6)} | ${f.kib.toFixed(0).padStart(5)} |`,
    )
  }
}
