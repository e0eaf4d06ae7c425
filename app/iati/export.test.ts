import { beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../db/seed'
import { insertUser, listQuery, seedItems } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { validateIati } from '../../tests/setup/xmllint'
import { fillItems } from '../../scripts/bench-data'
import { EXPORT_DIRECT_ROWS } from '../jobs/limits'
import { STATUSES } from '../portfolio/codes'
import { CHECK_LISTED, checkIati, exportIati, exportIatiTo } from './export.server'
import { getPublisher, listAreaCodes, saveAreaCodes, savePublisher } from './publisher.server'

// The file over the real plan and over generated items, validated by xmllint against the official
// IATI 2.03 schema (db/data/iati), and the settings it needs.

const CONFIG = {
  IATI_REPORTING_ORG_REF: 'XM-DAC-46004',
  IATI_REPORTING_ORG_NAME: 'Asian Development Bank',
  IATI_REPORTING_ORG_TYPE: '40',
  IATI_ACTIVITY_PREFIX: undefined,
}
const NOW = '2026-12-01T09:00:00.000Z'

async function fileOf(db: Parameters<typeof exportIati>[0], query = listQuery(), cfg = CONFIG) {
  const outcome = await exportIati(db, cfg, query, NOW)
  if (outcome.kind !== 'file') throw new Error(`no file: ${JSON.stringify(outcome)}`)
  return outcome
}

describe('the real plan', () => {
  const d = useTestDb('all')
  beforeAll(async () => {
    await seedDemo(d.db)
  })

  it('exports whole (80 activities) and validates against the IATI 2.03 schema', async () => {
    const file = await fileOf(d.db)
    expect(file.leftOut).toEqual([])
    expect(file.written).toBe(80)
    expect(file.xml.match(/<iati-activity /g)).toHaveLength(80)
    expect(validateIati(file.xml)).toEqual({ valid: true, errors: '' })
  })

  it('identifies activities uniquely, starting with the reporting organisation', async () => {
    const { xml } = await fileOf(d.db)
    const ids = [...xml.matchAll(/<iati-identifier>([^<]+)<\/iati-identifier>/g)].map((m) => m[1]!)
    expect(new Set(ids).size).toBe(80)
    for (const id of ids) expect(id.startsWith('XM-DAC-46004-')).toBe(true)
  })

  it('gives every area of the plan a DAC purpose code, and the check blocks nothing', async () => {
    const areas = await listAreaCodes(d.db)
    expect(areas).toHaveLength(22)
    expect(areas.filter((a) => !a.dac_code)).toEqual([])
    const check = await checkIati(d.db, CONFIG, listQuery())
    expect(check).toMatchObject({ total: 80, exportable: 80, missingSettings: [] })
    expect(check.items.every((i) => i.indicativeDates)).toBe(true)
  })

  it("follows the portfolio table's filters", async () => {
    const file = await fileOf(d.db, listQuery({ proposers: ['KAZ'] }))
    expect(file.written).toBeGreaterThan(0)
    expect(file.written).toBeLessThan(80)
    expect(file.xml).toContain('<recipient-country code="KZ"')
  })
})

describe('generated items with every status and missing field', () => {
  const d = useTestDb('all')
  beforeAll(async () => {
    const rows = STATUSES.map((status, n) => ({
      ref: `GEN-${n}`,
      strategy: 'Plan',
      pillar: 'P',
      area: 'A',
      title_en: `Item ${n} <&>`,
      title_ru: n % 2 ? `Позиция ${n}` : '',
      status,
      proposers: ['PRC', 'MON;TAJ', 'REG', ''][n % 4]!,
      start_year: n % 3 ? '2026' : '',
      end_year: n % 3 ? '2029' : '',
      cost_usd_m: n % 2 ? '3.5' : '',
      partners: n % 2 ? 'ADB;Korea Eximbank' : '',
      description_en: n % 3 === 1 ? 'Described' : '',
      dac_code: n === 4 ? '99999' : '',
    }))
    rows.push({ ...rows[1]!, ref: 'GEN-NO-SECTOR', area: '', pillar: '', strategy: 'Plan' })
    await seedItems(d.db, rows)
    const secretariat = await insertUser(d.db, 'secretariat')
    const [area] = await listAreaCodes(d.db)
    expect(await saveAreaCodes(d.db, secretariat, { [area!.id]: '33120' })).toMatchObject({ kind: 'saved' })
  })

  it('writes the items that pass, leaves out and names those that cannot, and the file validates', async () => {
    const file = await fileOf(d.db)
    // no years and no plan period: GEN-0, 3, 6; a code off the list: GEN-4; no area code: GEN-NO-SECTOR
    expect(file.leftOut.sort()).toEqual(['GEN-0', 'GEN-3', 'GEN-4', 'GEN-6', 'GEN-NO-SECTOR'])
    expect(file.written).toBe(STATUSES.length + 1 - 5)
    expect(file.xml).toContain('<!-- Left out, as they lack what IATI needs (see the check page): ')
    expect(validateIati(file.xml)).toEqual({ valid: true, errors: '' })
    for (const code of ['1', '2', '5', '6']) expect(file.xml).toContain(`<activity-status code="${code}"/>`)
  })

  it('lists the blocked items first on the check page, with what they lack', async () => {
    const check = await checkIati(d.db, CONFIG, listQuery())
    expect(check.items.slice(0, 5).every((i) => i.blocked)).toBe(true)
    const gen4 = check.items.find((i) => i.ref === 'GEN-4')!
    expect(gen4.lacks.map((l) => l.code)).toContain('sectorCode')
    const gen0 = check.items.find((i) => i.ref === 'GEN-0')!
    expect(gen0.lacks[0]).toMatchObject({ code: 'dates', severity: 'blocks', group: 'core' })
    // every language's title, so a Russian or Chinese reader sees theirs (it listed title_en only)
    expect(check.items.find((i) => i.ref === 'GEN-1')!.titles).toMatchObject({
      en: 'Item 1 <&>',
      ru: 'Позиция 1',
    })
  })

  it('gives no file, rather than an invalid one, when nothing of the view can be written', async () => {
    expect(await exportIati(d.db, CONFIG, listQuery({ q: 'nothing-matches-this' }), NOW)).toEqual({
      kind: 'empty',
      leftOut: [],
    })
    expect(await exportIati(d.db, CONFIG, listQuery({ q: 'gen-4' }), NOW)).toEqual({
      kind: 'empty',
      leftOut: ['GEN-4'],
    })
  })
})

describe('a view larger than a request holds', () => {
  const d = useTestDb('all')
  let live = 0
  beforeAll(async () => {
    // generated items: some archived (the view hides them), some without years or a plan period
    // (blocked); every area gets a purpose code
    await fillItems(d.db, EXPORT_DIRECT_ROWS + 300, null)
    const secretariat = await insertUser(d.db, 'secretariat')
    const codes = Object.fromEntries((await listAreaCodes(d.db)).map((a) => [a.id, '33120']))
    expect(await saveAreaCodes(d.db, secretariat, codes)).toMatchObject({ kind: 'saved' })
    const counted = await d.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('archived', '=', 0)
      .executeTakeFirstOrThrow()
    live = Number(counted.n)
    expect(live).toBeGreaterThan(EXPORT_DIRECT_ROWS)
  })

  it('is refused as one download, saying how many items and the limit', async () => {
    expect(await exportIati(d.db, CONFIG, listQuery(), NOW)).toEqual({
      kind: 'too_large',
      count: live,
      limit: EXPORT_DIRECT_ROWS,
    })
  })

  it('is checked whole, its page listing at most its limit, the blocked items first, and written as checked', async () => {
    const check = await checkIati(d.db, CONFIG, listQuery())
    expect(check).toMatchObject({ total: live, missingSettings: [] })
    const blocked = check.total - check.exportable
    expect(blocked).toBeGreaterThan(CHECK_LISTED)
    expect(check.lacking).toBeGreaterThanOrEqual(blocked)
    expect(check.items).toHaveLength(CHECK_LISTED)
    expect(check.items.every((i) => i.blocked)).toBe(true)

    const pieces: string[] = []
    const outcome = await exportIatiTo(d.db, CONFIG, listQuery(), NOW, (text) => pieces.push(text))
    if (outcome.kind !== 'written') throw new Error(`no file: ${outcome.kind}`)
    expect(outcome.written).toBe(check.exportable)
    expect(outcome.leftOut).toHaveLength(blocked)
    expect(check.items.map((i) => i.ref).filter((ref) => !outcome.leftOut.includes(ref))).toEqual([])
    // written a batch at a time: the header, a piece per batch, the left-out comment and the end
    expect(pieces.length).toBeGreaterThan(4)
    const xml = pieces.join('')
    expect(xml.match(/<iati-activity /g)).toHaveLength(check.exportable)
    expect(validateIati(xml)).toEqual({ valid: true, errors: '' })
  })
})

describe('the publisher settings', () => {
  const d = useTestDb('each')

  it('say what is missing until set, and start from configuration', async () => {
    const none = { ...CONFIG, IATI_REPORTING_ORG_REF: undefined, IATI_REPORTING_ORG_TYPE: undefined }
    expect(await exportIati(d.db, none, listQuery(), NOW)).toEqual({
      kind: 'unconfigured',
      missing: ['org_ref', 'org_type', 'activity_prefix'],
    })
    expect(await getPublisher(d.db, CONFIG)).toMatchObject({
      stored: false,
      publisher: { org_ref: 'XM-DAC-46004', activity_prefix: 'XM-DAC-46004-' },
    })
  })

  it('once saved by the secretariat, win over configuration; others are refused', async () => {
    const secretariat = await insertUser(d.db, 'secretariat')
    const viewer = await insertUser(d.db, 'viewer')
    const input = {
      org_ref: 'XM-DAC-46004',
      org_name_en: 'CAREC Secretariat',
      org_name_ru: 'Секретариат ЦАРЭС',
      org_name_zh: null,
      org_type: '40' as const,
      activity_prefix: 'XM-DAC-46004-CAREC-',
      default_currency: 'USD' as const,
      default_language: 'ru' as const,
    }
    expect(await savePublisher(d.db, viewer, input, NOW)).toEqual({
      kind: 'forbidden',
      action: 'iati:manage',
    })
    expect(await savePublisher(d.db, secretariat, input, NOW)).toEqual({ kind: 'saved' })
    expect(await getPublisher(d.db, {})).toMatchObject({
      stored: true,
      publisher: {
        org_name: { en: 'CAREC Secretariat', ru: 'Секретариат ЦАРЭС', zh: null },
        default_language: 'ru',
      },
    })
    expect(await saveAreaCodes(d.db, viewer, {})).toEqual({ kind: 'forbidden', action: 'iati:manage' })
    expect(await saveAreaCodes(d.db, secretariat, { x: '123', y: '99999' })).toEqual({
      kind: 'invalid',
      errors: { x: 'validation.dacCode', y: 'iatiExport.validation.unknownCode' },
    })
  })
})
