import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { KPI_FILE } from '../../db/seed'
import { addPerson, actorOf, insertUser, seedItems } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { parsePeriod } from './codes'
import {
  addKpi,
  getKpi,
  importFrameworkFile,
  kpisOfItem,
  listFramework,
  setItemLink,
  setTarget,
  updateKpi,
} from './framework.server'
import { approveReport, getReport, getRound, returnReport, saveReport, submitReport } from './reports.server'
import { getScorecard } from './scorecard.server'

const y2025 = parsePeriod('2025')!
const line = (value: number | null, source: string | null = null, note: string | null = null) => ({
  value,
  source,
  note,
})

describe('the framework importer over the real file', () => {
  const t = useTestDb()

  it('loads 27 KPIs under seven recommendations, eight of them semiannual, with their names and bodies', async () => {
    const outcome = await importFrameworkFile(t.db, fs.readFileSync(KPI_FILE))
    // the text says five recommendations and two semiannual KPIs; the file itself (the
    // midterm review's framework) has seven and eight, and the product reads the file as it is
    expect(outcome).toEqual({ kind: 'imported', recommendations: 7, created: 27, updated: 0 })
    const kpis = await listFramework(t.db)
    expect(kpis).toHaveLength(27)
    expect(new Set(kpis.map((k) => k.recommendation.en)).size).toBe(7)
    expect(kpis.filter((k) => k.frequency === 'semiannual').map((k) => k.code)).toEqual([
      'DS-06',
      'DS-07',
      'DS-08',
      'DS-23',
      'DS-24',
      'DS-25',
      'DS-26',
      'DS-27',
    ])
    const first = kpis[0]!
    expect(first).toMatchObject({
      code: 'DS-01',
      strategy: 'Digital Strategy 2030',
      name: {
        en: 'Institutional readiness index',
        zh: '机构就绪指数',
        ru: 'Индекс институциональной готовности',
      },
      recommendation: {
        en: 'Regional digital governance and institutional capacity',
        zh: '区域数字治理与机构能力',
        ru: 'Региональное цифровое управление и институциональный потенциал',
      },
      responsible: ['National ICT ministries', 'CAREC Secretariat'],
      supporting: ['National regulatory agencies', 'Regional training academy'],
      frequency: 'annual',
      direction: 'higher',
    })
    // a Russian reader sees no English name: the programme's file has en and zh, ours adds ru
    for (const kpi of kpis) {
      expect(kpi.name.ru, kpi.code).toMatch(/^[А-Я]/)
      expect(kpi.recommendation.ru, kpi.code).toMatch(/^[А-Я]/)
    }
    // a quoted name with a comma stays one name
    expect(kpis[4]!.name.en).toBe(
      'Secretariat coordination milestones achieved (e.g., scorecard published, platform meetings held)',
    )
  })

  it("imports again without duplicates and keeps the secretariat's unit, direction and targets", async () => {
    await importFrameworkFile(t.db, fs.readFileSync(KPI_FILE))
    const secretariat = await insertUser(t.db, 'secretariat')
    const kpi = (await getKpi(t.db, 'DS-10'))!
    await updateKpi(t.db, secretariat, 'DS-10', {
      name_en: kpi.name.en,
      name_zh: kpi.name.zh,
      name_ru: 'Сокращение сроков оформления трансграничных операций (%)',
      unit: '%',
      direction: 'higher',
      frequency: 'annual',
      responsible: kpi.responsible.join(';'),
      supporting: kpi.supporting.join(';'),
    })
    await setTarget(t.db, secretariat, 'DS-10', {
      scope: 'REG',
      baseline: 0,
      baseline_year: 2024,
      target: 30,
      target_year: 2030,
    })
    const again = await importFrameworkFile(t.db, fs.readFileSync(KPI_FILE))
    expect(again).toEqual({ kind: 'imported', recommendations: 0, created: 0, updated: 27 })
    const after = (await getKpi(t.db, 'DS-10'))!
    expect(after.unit).toBe('%')
    // names are the file's: its Russian name replaces the one set by hand
    expect(after.name.ru).toBe('Сокращение времени обработки трансграничных операций (%)')
    expect(after.targets).toEqual([
      { scope: 'REG', baseline: 0, baseline_year: 2024, target: 30, target_year: 2030 },
    ])
  })

  it('refuses a file with an unknown column or a wrong frequency, importing nothing', async () => {
    const bad = 'recommendation_en,kpi_en,frequency,colour\nR,K,annual,red\n'
    expect(await importFrameworkFile(t.db, bad)).toEqual({
      kind: 'invalid',
      errors: [{ line: 1, message: 'unknown column "colour"' }],
    })
    const wrong = 'recommendation_en,kpi_en,frequency\nR,K1,annual\nR,K2,monthly\n'
    const outcome = await importFrameworkFile(t.db, wrong)
    expect(outcome).toEqual({
      kind: 'invalid',
      errors: [{ line: 3, message: 'frequency must be one of annual, semiannual' }],
    })
    expect(await listFramework(t.db)).toEqual([])
  })
})

describe('keeping the framework', () => {
  const t = useTestDb()

  it('lets only the secretariat edit KPIs and add KPIs of other strategies', async () => {
    await importFrameworkFile(t.db, fs.readFileSync(KPI_FILE))
    const secretariat = await insertUser(t.db, 'secretariat')
    const wg = await insertUser(t.db, 'working_group', ['KAZ'])
    const input = {
      code: 'TS-01',
      strategy: 'Transport Strategy 2030',
      recommendation: 'Corridor performance',
      name_en: 'Average border crossing time (hours)',
      name_zh: null,
      name_ru: null,
      unit: 'hours',
      direction: 'lower' as const,
      frequency: 'annual' as const,
      responsible: 'CAREC Secretariat',
      supporting: null,
    }
    expect(await addKpi(t.db, wg, input)).toEqual({ kind: 'forbidden', action: 'kpi:manage' })
    expect(await addKpi(t.db, secretariat, input)).toEqual({ kind: 'saved', code: 'TS-01' })
    expect(await addKpi(t.db, secretariat, input)).toEqual({ kind: 'code_taken' })
    expect(await listFramework(t.db, { strategy: 'Transport Strategy 2030' })).toMatchObject([
      { code: 'TS-01', direction: 'lower', unit: 'hours', responsible: ['CAREC Secretariat'] },
    ])
    expect(
      await setTarget(t.db, wg, 'DS-01', {
        scope: 'KAZ',
        baseline: 1,
        baseline_year: null,
        target: 2,
        target_year: null,
      }),
    ).toEqual({ kind: 'forbidden', action: 'kpi:manage' })
  })

  it("links items to KPIs under the item's edit rule, both ways", async () => {
    await importFrameworkFile(t.db, fs.readFileSync(KPI_FILE))
    await seedItems(t.db, [
      { ref: 'K-1', strategy: 'Digital Strategy 2030', title_en: 'Fibre for Almaty', proposers: 'KAZ' },
      { ref: 'G-1', strategy: 'Digital Strategy 2030', title_en: 'Tbilisi data centre', proposers: 'GEO' },
    ])
    const wg = await insertUser(t.db, 'working_group', ['KAZ'])
    expect(await setItemLink(t.db, wg, 'DS-07', 'K-1', true)).toEqual({ kind: 'linked' })
    expect(await setItemLink(t.db, wg, 'DS-07', 'G-1', true)).toEqual({
      kind: 'forbidden',
      action: 'item:edit',
    })
    expect(await setItemLink(t.db, wg, 'DS-07', 'NOPE', true)).toEqual({ kind: 'not_found' })
    expect((await getKpi(t.db, 'DS-07'))!.items.map((i) => i.ref)).toEqual(['K-1'])
    expect((await kpisOfItem(t.db, 'K-1')).map((k) => k.code)).toEqual(['DS-07'])
    expect(await setItemLink(t.db, wg, 'DS-07', 'K-1', false)).toEqual({ kind: 'unlinked' })
    expect(await kpisOfItem(t.db, 'K-1')).toEqual([])
  })
})

describe('the reporting cycle', () => {
  const t = useTestDb()

  async function setUp() {
    await importFrameworkFile(t.db, fs.readFileSync(KPI_FILE))
    const secretariat = await addPerson(t.db, actorOf({ role: 'secretariat' }), 'Aigerim Sadykova')
    const kaz = await addPerson(t.db, actorOf({ role: 'working_group', countries: ['KAZ'] }), 'Nurlan Abenov')
    const uzb = await addPerson(
      t.db,
      actorOf({ role: 'working_group', countries: ['UZB'] }),
      'Dilnoza Karimova',
    )
    const viewer = await insertUser(t.db, 'viewer')
    return { secretariat, kaz, uzb, viewer }
  }
  const outbox = async () =>
    (
      await t.db
        .selectFrom('email_outbox')
        .select(['to_address', 'subject', 'body'])
        .orderBy('created_at')
        .execute()
    ).map((m) => ({ to: m.to_address, subject: m.subject, body: m.body }))

  it('goes draft -> submitted -> returned -> draft -> submitted -> approved, locked after, each step in the history and mailed', async () => {
    const { secretariat, kaz } = await setUp()
    expect((await getReport(t.db, y2025, 'KAZ')).state).toBe('not_started')

    expect(
      await saveReport(
        t.db,
        kaz,
        y2025,
        'KAZ',
        { 'DS-02': line(120, 'Ministry records') },
        '2026-01-10T09:00:00.000Z',
      ),
    ).toEqual({
      kind: 'done',
      state: 'draft',
    })
    expect(await submitReport(t.db, kaz, y2025, 'KAZ', '2026-01-11T09:00:00.000Z')).toEqual({
      kind: 'done',
      state: 'submitted',
    })
    // with the secretariat now: the working group cannot change it
    expect(await saveReport(t.db, kaz, y2025, 'KAZ', { 'DS-02': line(1) })).toEqual({
      kind: 'wrong_state',
      state: 'submitted',
    })
    expect(
      await returnReport(
        t.db,
        secretariat,
        y2025,
        'KAZ',
        'Give the source of the 120.',
        '2026-01-12T09:00:00.000Z',
      ),
    ).toEqual({
      kind: 'done',
      state: 'returned',
    })
    const returned = await getReport(t.db, y2025, 'KAZ')
    expect(returned.state).toBe('returned')
    expect(returned.returnReason).toBe('Give the source of the 120.')

    await saveReport(
      t.db,
      kaz,
      y2025,
      'KAZ',
      { 'DS-02': line(125, 'Civil service agency, 2025 report') },
      '2026-01-13T09:00:00.000Z',
    )
    await submitReport(t.db, kaz, y2025, 'KAZ', '2026-01-14T09:00:00.000Z')
    expect(await approveReport(t.db, secretariat, y2025, 'KAZ', '2026-01-15T09:00:00.000Z')).toEqual({
      kind: 'done',
      state: 'approved',
    })

    // locked
    expect(await saveReport(t.db, kaz, y2025, 'KAZ', { 'DS-02': line(1) })).toEqual({
      kind: 'wrong_state',
      state: 'approved',
    })
    expect(await returnReport(t.db, secretariat, y2025, 'KAZ', 'again')).toEqual({
      kind: 'wrong_state',
      state: 'approved',
    })
    expect(await submitReport(t.db, kaz, y2025, 'KAZ')).toEqual({ kind: 'wrong_state', state: 'approved' })

    const report = await getReport(t.db, y2025, 'KAZ')
    expect(report.lines['DS-02']).toEqual({
      value: 125,
      source: 'Civil service agency, 2025 report',
      note: null,
    })
    expect(report.history.map((e) => [e.kind, e.from, e.to, e.by, e.reason]).reverse()).toEqual([
      ['saved', null, 'draft', 'Nurlan Abenov', null],
      ['submitted', 'draft', 'submitted', 'Nurlan Abenov', null],
      ['returned', 'submitted', 'returned', 'Aigerim Sadykova', 'Give the source of the 120.'],
      ['saved', 'returned', 'draft', 'Nurlan Abenov', null],
      ['submitted', 'draft', 'submitted', 'Nurlan Abenov', null],
      ['approved', 'submitted', 'approved', 'Aigerim Sadykova', null],
    ])

    // submissions tell the secretariat; returns and approvals the country's working group; never the actor
    const mail = await outbox()
    expect(mail.map((m) => [m.to, m.subject])).toEqual([
      ['aigerim.sadykova@test.carec', 'CAREC Pipeline: KPI report 2025 of Kazakhstan submitted'],
      ['nurlan.abenov@test.carec', 'CAREC Pipeline: KPI report 2025 of Kazakhstan returned'],
      ['aigerim.sadykova@test.carec', 'CAREC Pipeline: KPI report 2025 of Kazakhstan submitted'],
      ['nurlan.abenov@test.carec', 'CAREC Pipeline: KPI report 2025 of Kazakhstan approved'],
    ])
    expect(mail[1]!.body).toContain('Reason: Give the source of the 120.')
    expect(mail[1]!.body).toContain('/reports/2025/KAZ')
  })

  it("lets a working group report only its own country's values, and only the secretariat review", async () => {
    const { secretariat, kaz, uzb, viewer } = await setUp()
    expect(await saveReport(t.db, uzb, y2025, 'KAZ', { 'DS-02': line(1) })).toEqual({
      kind: 'forbidden',
      action: 'kpi:report',
    })
    expect(await saveReport(t.db, secretariat, y2025, 'KAZ', { 'DS-02': line(1) })).toEqual({
      kind: 'forbidden',
      action: 'kpi:report',
    })
    expect(await saveReport(t.db, viewer, y2025, 'KAZ', { 'DS-02': line(1) })).toEqual({
      kind: 'forbidden',
      action: 'kpi:report',
    })
    await saveReport(t.db, kaz, y2025, 'KAZ', { 'DS-02': line(1) })
    await submitReport(t.db, kaz, y2025, 'KAZ')
    expect(await approveReport(t.db, kaz, y2025, 'KAZ')).toEqual({ kind: 'forbidden', action: 'kpi:review' })
    expect(await returnReport(t.db, uzb, y2025, 'KAZ', 'no')).toEqual({
      kind: 'forbidden',
      action: 'kpi:review',
    })
    expect(await submitReport(t.db, uzb, y2025, 'KAZ')).toEqual({ kind: 'forbidden', action: 'kpi:report' })
  })

  it("writes each report mail in its recipient's language", async () => {
    const { secretariat, kaz } = await setUp()
    await t.db.updateTable('users').set({ language: 'ru' }).where('id', '=', kaz.id).execute()
    await saveReport(t.db, kaz, y2025, 'KAZ', { 'DS-02': line(1) })
    await submitReport(t.db, kaz, y2025, 'KAZ')
    await approveReport(t.db, secretariat, y2025, 'KAZ')
    const [submitted, approved] = await outbox()
    // the secretariat keeps English; Kazakhstan's working group reads Russian
    expect(submitted!.subject).toBe('CAREC Pipeline: KPI report 2025 of Kazakhstan submitted')
    expect(approved!.subject).toBe('CAREC Pipeline: отчет по КПЭ за 2025 (Казахстан) утвержден')
    expect(approved!.body).toContain('Aigerim Sadykova утвердил(а) отчет по КПЭ за 2025 (Казахстан).')
  })

  it('refuses to submit a report without any value, and to approve one not submitted', async () => {
    const { secretariat, kaz } = await setUp()
    expect(await submitReport(t.db, kaz, y2025, 'KAZ')).toEqual({ kind: 'wrong_state', state: 'not_started' })
    await saveReport(t.db, kaz, y2025, 'KAZ', { 'DS-02': line(null, null, 'figures come in March') })
    expect(await submitReport(t.db, kaz, y2025, 'KAZ')).toEqual({ kind: 'empty' })
    expect(await approveReport(t.db, secretariat, y2025, 'KAZ')).toEqual({
      kind: 'wrong_state',
      state: 'draft',
    })
  })

  it('covers annual KPIs in a year and semiannual ones in a half-year, and flags overdue reports', async () => {
    const { kaz } = await setUp()
    expect((await getReport(t.db, y2025, 'KAZ')).kpis).toHaveLength(19)
    expect((await getReport(t.db, parsePeriod('2025-H1')!, 'KAZ')).kpis).toHaveLength(8)
    await saveReport(t.db, kaz, y2025, 'KAZ', { 'DS-02': line(1) })
    await submitReport(t.db, kaz, y2025, 'KAZ')
    const before = await getRound(t.db, y2025, '2026-03-31T12:00:00.000Z')
    expect(before.dueDate).toBe('2026-03-31')
    expect(before.reports.filter((r) => r.overdue)).toEqual([])
    const after = await getRound(t.db, y2025, '2026-04-01T00:00:00.000Z')
    expect(after.reports.find((r) => r.country === 'KAZ')).toMatchObject({
      state: 'submitted',
      overdue: false,
    })
    expect(after.reports.filter((r) => r.overdue).map((r) => r.country)).toEqual([
      'AZE',
      'PRC',
      'GEO',
      'KGZ',
      'MON',
      'PAK',
      'TAJ',
      'TKM',
      'UZB',
    ])
  })
})

describe('the scorecard', () => {
  const t = useTestDb()

  async function approved(
    period: string,
    country: 'KAZ' | 'UZB',
    lines: Record<string, ReturnType<typeof line>>,
  ) {
    const p = parsePeriod(period)!
    const wg = await insertUser(t.db, 'working_group', [country])
    const secretariat = await insertUser(t.db, 'secretariat')
    await saveReport(t.db, wg, p, country, lines)
    await submitReport(t.db, wg, p, country)
    await approveReport(t.db, secretariat, p, country)
  }

  it('shows approved values with progress to the target (own, else regional) and the trend', async () => {
    await importFrameworkFile(t.db, fs.readFileSync(KPI_FILE))
    const secretariat = await insertUser(t.db, 'secretariat')
    await setTarget(t.db, secretariat, 'DS-02', {
      scope: 'REG',
      baseline: 0,
      baseline_year: 2024,
      target: 1000,
      target_year: 2030,
    })
    await setTarget(t.db, secretariat, 'DS-02', {
      scope: 'KAZ',
      baseline: 100,
      baseline_year: 2024,
      target: 300,
      target_year: 2030,
    })
    await approved('2024', 'KAZ', { 'DS-02': line(150) })
    await approved('2025', 'KAZ', { 'DS-02': line(200) })
    await approved('2025', 'UZB', { 'DS-02': line(100) })
    const wg = await insertUser(t.db, 'working_group', ['TAJ'])
    await saveReport(t.db, wg, y2025, 'TAJ', { 'DS-02': line(999) })

    const card = await getScorecard(t.db, y2025)
    expect(card.previous).toBe('2024')
    const row = card.rows.find((r) => r.code === 'DS-02')!
    const cell = (c: string) => row.cells.find((x) => x.country === c)!
    expect(cell('KAZ')).toMatchObject({
      state: 'approved',
      value: 200,
      previous: 150,
      baseline: 100,
      target: 300,
      progress: { status: 'on_track', ratio: 0.5 },
      trend: 'improving',
    })
    // no target of its own: the regional one
    expect(cell('UZB')).toMatchObject({
      value: 100,
      target: 1000,
      progress: { status: 'behind', ratio: 0.1 },
      trend: null,
    })
    // a draft's value is not shown, only its state
    expect(cell('TAJ')).toMatchObject({ state: 'draft', value: null, progress: { status: 'no_value' } })
    expect(cell('GEO')).toMatchObject({ state: 'not_started', value: null })
  })

  it("takes a semiannual KPI's year value from the second half-year, else the first, and filters", async () => {
    await importFrameworkFile(t.db, fs.readFileSync(KPI_FILE))
    await approved('2025-H1', 'KAZ', { 'DS-07': line(400) })
    await approved('2025-H1', 'UZB', { 'DS-07': line(50) })
    await approved('2025-H2', 'KAZ', { 'DS-07': line(650) })
    const card = await getScorecard(t.db, y2025, { country: 'KAZ' })
    expect(card.countries).toEqual(['KAZ'])
    expect(card.rows).toHaveLength(27)
    expect(card.rows.find((r) => r.code === 'DS-07')!.cells[0]).toMatchObject({
      value: 650,
      source: '2025-H2',
    })
    const uzb = await getScorecard(t.db, y2025, { country: 'UZB' })
    expect(uzb.rows.find((r) => r.code === 'DS-07')!.cells[0]).toMatchObject({ value: 50, source: '2025-H1' })
    const half = await getScorecard(t.db, parsePeriod('2025-H2')!, { country: 'KAZ' })
    expect(half.previous).toBe('2025-H1')
    expect(half.rows).toHaveLength(8)
    expect(half.rows.find((r) => r.code === 'DS-07')!.cells[0]).toMatchObject({
      value: 650,
      previous: 400,
      trend: 'improving',
    })
    const recommendation = card.rows.find((r) => r.code === 'DS-07')!.recommendation.id
    const filtered = await getScorecard(t.db, y2025, { recommendation })
    expect(filtered.rows.map((r) => r.code)).toEqual(['DS-06', 'DS-07', 'DS-08'])
  })
})
