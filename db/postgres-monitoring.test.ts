import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePeriod } from '../app/monitoring/codes'
import { getKpi, importFrameworkFile, setTarget } from '../app/monitoring/framework.server'
import { getReport, runReportStep } from '../app/monitoring/reports.server'
import { getScorecard } from '../app/monitoring/scorecard.server'
import { insertUser } from '../tests/setup/fixtures'
import { createPgTestDb, type PgTestDb } from '../tests/setup/pg-db'
import { databaseKind } from './connect'
import { KPI_FILE } from './seed'

// The monitoring framework's server functions on PostgreSQL (included by vite.config.ts only when
// TEST_DATABASE_URL_PG names a server, like db/postgres.test.ts).

const serverUrl = process.env.TEST_DATABASE_URL_PG
if (!serverUrl || databaseKind(serverUrl) !== 'postgres')
  throw new Error('needs TEST_DATABASE_URL_PG=postgres://...')

describe('monitoring on PostgreSQL', () => {
  let pg: PgTestDb
  beforeAll(async () => {
    pg = await createPgTestDb(serverUrl)
  }, 30_000)
  afterAll(async () => {
    await pg.close()
  })

  it('imports the framework, runs a report through return and approval, and scores it', async () => {
    const db = pg.db
    expect(await importFrameworkFile(db, fs.readFileSync(KPI_FILE))).toEqual({
      kind: 'imported',
      recommendations: 7,
      created: 27,
      updated: 0,
    })
    const secretariat = await insertUser(db, 'secretariat')
    const kaz = await insertUser(db, 'working_group', ['KAZ'])
    const year = parsePeriod('2025')!
    await setTarget(db, secretariat, 'DS-02', {
      scope: 'KAZ',
      baseline: 100,
      baseline_year: 2024,
      target: 300,
      target_year: 2030,
    })
    expect((await getKpi(db, 'DS-02'))!.targets[0]).toMatchObject({ baseline: 100, target: 300 })
    const lines = { 'DS-02': { value: 150.5, source: 'agency', note: null } }
    expect(await runReportStep(db, kaz, year, 'KAZ', { kind: 'submit', lines })).toEqual({
      kind: 'done',
      state: 'submitted',
    })
    expect(await runReportStep(db, secretariat, year, 'KAZ', { kind: 'return', reason: 'why?' })).toEqual({
      kind: 'done',
      state: 'returned',
    })
    await runReportStep(db, kaz, year, 'KAZ', {
      kind: 'submit',
      lines: { 'DS-02': { ...lines['DS-02'], value: 200 } },
    })
    expect(await runReportStep(db, secretariat, year, 'KAZ', { kind: 'approve' })).toEqual({
      kind: 'done',
      state: 'approved',
    })
    const report = await getReport(db, year, 'KAZ')
    expect(report.history.map((e) => e.kind).reverse()).toEqual([
      'saved',
      'submitted',
      'returned',
      'saved',
      'submitted',
      'approved',
    ])
    const card = await getScorecard(db, year, { country: 'KAZ' })
    expect(card.rows.find((r) => r.code === 'DS-02')!.cells[0]).toMatchObject({
      value: 200,
      state: 'approved',
      progress: { status: 'on_track', ratio: 0.5 },
    })
  })
})
