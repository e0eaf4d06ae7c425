// npx tsx scripts/bench-pack.ts [--runs N]
//
// Times the meeting pack PDF of the real 80-item plan (db/data/rsap-cita-2025-2028.csv) on a
// scratch SQLite database: the first PDF of the process (fonts loaded and parsed) and then
// --runs more (default 10) per language. The database is a temp file deleted at the end.

import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { connect, migrateToLatest } from '../db/connect'
import { LANGUAGES, type Language } from '../app/i18n/languages'
import { importCsv } from '../app/importer/import.server'
import { addFromView, createMeeting, openMeeting } from '../app/meetings/meetings.server'
import { getMeetingPack } from '../app/meetings/pack.server'
import { packPdfBytes } from '../app/meetings/pdf.server'
import type { Actor } from '../app/permissions/permissions'

const PLAN = fileURLToPath(new URL('../db/data/rsap-cita-2025-2028.csv', import.meta.url))
const runsArg = process.argv.indexOf('--runs')
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pack-'))
const db = connect(path.join(dir, 'bench.db'))
try {
  await migrateToLatest(db)
  const imported = await importCsv(db, fs.readFileSync(PLAN), null)
  if (!imported.ok) throw new Error('the plan did not import')
  const secretariat: Actor = { id: randomUUID(), role: 'secretariat', countries: [], organisation: null }
  await db
    .insertInto('users')
    .values({
      id: secretariat.id,
      email: 'bench@bench.carec',
      name: 'Bench',
      role: 'secretariat',
      organisation: null,
      password_hash: 'x',
      created_at: new Date().toISOString(),
    })
    .execute()
  const created = await createMeeting(db, secretariat, {
    title: 'RTG bench',
    body: 'regional_trade_group',
    meeting_date: '2026-03-10',
    place: 'Tbilisi',
  })
  if (created.kind !== 'created') throw new Error('no meeting')
  const meeting = created.id
  await addFromView(db, secretariat, meeting, '?sort=ref')
  await openMeeting(db, secretariat, meeting)
  const pack = (await getMeetingPack(db, meeting))!

  const time = async (language: Language) => {
    const cpu = process.cpuUsage()
    const started = performance.now()
    const pdf = await packPdfBytes(pack, { language, generatedAt: '2026-03-10T08:00:00.000Z' })
    const used = process.cpuUsage(cpu)
    return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, bytes: pdf.length }
  }
  const first = await time('en')
  console.log(
    `first PDF of the process (en): ${first.ms.toFixed(0)} ms (CPU ${first.cpuMs.toFixed(0)} ms), ${(first.bytes / 1024).toFixed(0)} KiB`,
  )
  for (const language of LANGUAGES) {
    const runs: number[] = []
    const cpu: number[] = []
    let bytes = 0
    for (let i = 0; i < RUNS; i++) {
      const run = await time(language)
      runs.push(run.ms)
      cpu.push(run.cpuMs)
      bytes = run.bytes
    }
    const at = (list: number[], p: number) =>
      [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.ceil((p / 100) * list.length) - 1)]!
    console.log(
      `${language}: p50 ${at(runs, 50).toFixed(0)} ms, p95 ${at(runs, 95).toFixed(0)} ms; CPU p50 ${at(cpu, 50).toFixed(0)} ms over ${RUNS} runs, ${(bytes / 1024).toFixed(0)} KiB`,
    )
  }
} finally {
  await db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
}
