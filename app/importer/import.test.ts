import type { CountryCode } from '../portfolio/codes'
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PLAN_FILE, toCsv } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { getItemByRef } from '../portfolio/items.server'
import { checkedRows, importCsv, importRows } from './import.server'
import { COLUMNS, readInterchangeCsv, type ImportError } from './interchange'
import { importErrorText } from './messages'
import { translator } from '../i18n/i18n'

const plan = fs.readFileSync(PLAN_FILE, 'utf8')

const good = (ref: string, over: Record<string, string> = {}): Record<string, string> => ({
  ref,
  strategy: 'Digital Strategy 2030',
  pillar: 'Pillar 1: Digital infrastructure',
  area: '1 Connectivity',
  title_en: `Item ${ref}`,
  proposers: 'KAZ',
  ...over,
})

describe('importing the interchange CSV', () => {
  const t = useTestDb()

  async function importOk(content: string | Buffer) {
    const outcome = await importCsv(t.db, content, null)
    if (!outcome.ok) throw new Error(`import refused: ${JSON.stringify(outcome.errors)}`)
    return outcome.summary
  }

  /** The errors of a file that must be refused, after checking nothing was written. */
  async function importErrors(content: string | Buffer): Promise<ImportError[]> {
    const before = await countItems()
    const outcome = await importCsv(t.db, content, null)
    expect(await countItems()).toBe(before)
    if (outcome.ok) throw new Error(`import accepted: ${JSON.stringify(outcome.summary)}`)
    return outcome.errors
  }

  async function countItems(): Promise<number> {
    const row = await t.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  describe('the real CITA 2030 plan file', () => {
    it('creates its 80 items with their taxonomy', async () => {
      const summary = await importOk(plan)
      expect(summary.created).toHaveLength(80)
      expect(summary.updated).toEqual([])
      expect(summary.unchanged).toEqual([])
      expect(await countItems()).toBe(80)
      const names = summary.newTaxonomy.map((n) => `${n.kind} ${n.name}`)
      expect(names).toContain('strategy CITA 2030')
      expect(names).toContain('pillar Pillar 1: Trade expansion through improved market access')
      expect(names).toContain('area 1 Trade policy and measures')
      // Each name is created once, however many rows use it.
      expect(new Set(names).size).toBe(names.length)
    })

    it('stores the fields of CITA-01-a as written', async () => {
      await importOk(plan)
      const item = await getItemByRef(t.db, 'CITA-01-a')
      expect(item).toMatchObject({
        ref: 'CITA-01-a',
        strategy: 'CITA 2030',
        pillar: 'Pillar 1: Trade expansion through improved market access',
        area: '1 Trade policy and measures',
        title_en:
          'Trade policy and facilitation transformation roadmap; customs and tax reform support program (Uzbekistan policy-based loan)',
        title_zh: '贸易政策与便利化转型路线图；海关与税收改革支持计划（乌兹别克斯坦政策贷款）',
        title_ru: null,
        proposers: ['TKM', 'UZB'],
        modalities: ['policy_dialogue', 'investment_project'],
        status: 'proposed',
        source: 'CITA 2030 MTR, Appendix 4',
        cost_usd_m: null,
        quadrant: 'unscored',
        archived: false,
        version: 1,
      })
      // Proposers keep the file's order, not the alphabet's.
      const stored = await t.db
        .selectFrom('items')
        .select(['proposers_key', 'modalities_key'])
        .where('ref', '=', 'CITA-01-a')
        .executeTakeFirstOrThrow()
      expect(stored).toEqual({
        proposers_key: 'TKM;UZB',
        modalities_key: 'policy_dialogue;investment_project',
      })
      const pak = await getItemByRef(t.db, 'CITA-01-c')
      expect(pak?.proposers).toEqual(['GEO', 'TAJ', 'TKM', 'PAK'])
    })

    it('changes nothing when imported again', async () => {
      await importOk(plan)
      const before = await t.db
        .selectFrom('items')
        .select(['ref', 'version', 'updated_at'])
        .orderBy('ref')
        .execute()
      const summary = await importOk(plan)
      expect(summary.unchanged).toHaveLength(80)
      expect(summary.created).toEqual([])
      expect(summary.updated).toEqual([])
      expect(summary.newTaxonomy).toEqual([])
      expect(
        await t.db.selectFrom('items').select(['ref', 'version', 'updated_at']).orderBy('ref').execute(),
      ).toEqual(before)
    })

    it('updates only the changed row and bumps its version', async () => {
      await importOk(plan)
      const lines = plan.split('\n')
      const index = lines.findIndex((line) => line.startsWith('CITA-01-a,'))
      lines[index] = lines[index]!.replace(',TKM;UZB,proposed,', ',UZB;TKM;KAZ,endorsed,')
      const summary = await importOk(lines.join('\n'))
      expect(summary.updated).toEqual(['CITA-01-a'])
      expect(summary.unchanged).toHaveLength(79)
      expect(summary.created).toEqual([])
      const item = await getItemByRef(t.db, 'CITA-01-a')
      expect(item).toMatchObject({ status: 'endorsed', proposers: ['UZB', 'TKM', 'KAZ'], version: 2 })
      expect((await getItemByRef(t.db, 'CITA-01-b'))?.version).toBe(1)
    })
  })

  it('reads every column of the format', async () => {
    const summary = await importOk(
      toCsv([
        good('DS-01', {
          title_zh: '宽带',
          title_ru: 'Широкополосный доступ',
          modalities: 'technical_assistance;knowledge_services',
          proposers: 'MON;PRC',
          status: 'under_implementation',
          start_year: '2025',
          end_year: '2028',
          cost_usd_m: '12.5',
          secured_usd_m: '2.25',
          partners: 'ADB; World Bank',
          strategic_importance: '4',
          ease_of_implementation: '2',
          description_en: 'Line one\nline two, with "quotes"',
          source: 'Digital Strategy 2030 MTR',
        }),
      ]),
    )
    expect(summary.created).toEqual(['DS-01'])
    expect(await getItemByRef(t.db, 'DS-01')).toMatchObject({
      strategy: 'Digital Strategy 2030',
      pillar: 'Pillar 1: Digital infrastructure',
      area: '1 Connectivity',
      title_zh: '宽带',
      title_ru: 'Широкополосный доступ',
      modalities: ['technical_assistance', 'knowledge_services'],
      proposers: ['MON', 'PRC'],
      status: 'under_implementation',
      start_year: 2025,
      end_year: 2028,
      cost_usd_m: 12.5,
      secured_usd_m: 2.25,
      gap_usd_m: 10.25,
      partners: ['ADB', 'World Bank'],
      strategic_importance: 4,
      ease_of_implementation: 2,
      quadrant: 'strategic_phased',
      description_en: 'Line one\nline two, with "quotes"',
      source: 'Digital Strategy 2030 MTR',
    })
    const stored = await t.db
      .selectFrom('items')
      .select(['cost_kusd', 'secured_kusd', 'gap_kusd'])
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ cost_kusd: 12500, secured_kusd: 2250, gap_kusd: 10250 })
  })

  it('defaults the status to proposed and leaves empty cells empty', async () => {
    await importOk(toCsv([{ ref: 'X-1', strategy: 'CITA 2030', title_en: 'Minimal' }]))
    expect(await getItemByRef(t.db, 'X-1')).toMatchObject({
      status: 'proposed',
      pillar: null,
      area: null,
      title_zh: null,
      proposers: [],
      modalities: [],
      partners: [],
      start_year: null,
      cost_usd_m: null,
      gap_usd_m: null,
      quadrant: 'unscored',
    })
  })

  it('accepts a file starting with a byte order mark, as text or bytes', async () => {
    const csv = toCsv([good('BOM-1')])
    expect((await importOk('\uFEFF' + csv)).created).toEqual(['BOM-1'])
    expect(
      (await importOk(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))).unchanged,
    ).toEqual(['BOM-1'])
  })

  it('accepts the columns in any order', async () => {
    const csv = toCsv([good('ORD-1')], ['title_en', 'proposers', 'ref', 'area', 'strategy', 'pillar'])
    expect((await importOk(csv)).created).toEqual(['ORD-1'])
  })

  it('creates new strategies, pillars and areas, once each', async () => {
    await importOk(plan)
    const summary = await importOk(
      toCsv([
        good('NEW-1'),
        good('NEW-2', { area: '2 Data' }),
        good('NEW-3', {
          strategy: 'CITA 2030',
          pillar: 'Pillar 1: Trade expansion through improved market access',
          area: '99 New area',
        }),
      ]),
    )
    expect(summary.created).toEqual(['NEW-1', 'NEW-2', 'NEW-3'])
    expect(summary.newTaxonomy).toEqual([
      { kind: 'strategy', name: 'Digital Strategy 2030', within: null },
      { kind: 'pillar', name: 'Pillar 1: Digital infrastructure', within: 'Digital Strategy 2030' },
      { kind: 'area', name: '1 Connectivity', within: 'Pillar 1: Digital infrastructure' },
      { kind: 'area', name: '2 Data', within: 'Pillar 1: Digital infrastructure' },
      {
        kind: 'area',
        name: '99 New area',
        within: 'Pillar 1: Trade expansion through improved market access',
      },
    ])
    const strategies = await t.db.selectFrom('strategies').select('name').orderBy('name').execute()
    expect(strategies.map((s) => s.name)).toEqual(['CITA 2030', 'Digital Strategy 2030'])
    const digitalAreas = await t.db
      .selectFrom('areas as a')
      .innerJoin('pillars as p', 'p.id', 'a.pillar_id')
      .innerJoin('strategies as s', 's.id', 'p.strategy_id')
      .where('s.name', '=', 'Digital Strategy 2030')
      .select('a.name')
      .orderBy('a.name')
      .execute()
    expect(digitalAreas.map((a) => a.name)).toEqual(['1 Connectivity', '2 Data'])
  })

  it('keeps a same-named pillar apart in another strategy', async () => {
    await importOk(toCsv([good('P-1', { strategy: 'A' }), good('P-2', { strategy: 'B' })]))
    const pillars = await t.db.selectFrom('pillars').select(['name', 'strategy_id']).execute()
    expect(pillars).toHaveLength(2)
    expect(new Set(pillars.map((p) => p.strategy_id)).size).toBe(2)
  })

  describe('refuses a bad file, naming row and column, and writes nothing', () => {
    // Header is row 1, so the n-th data row is row n + 1.
    const badRows: Array<[string, Record<string, string>, string, string]> = [
      ['an unknown country', { proposers: 'KAZ;XYZ' }, 'proposers', 'validation.country'],
      ['an unknown type', { modalities: 'policy_dialogue;lobbying' }, 'modalities', 'validation.modality'],
      ['an unknown status', { status: 'approved_maybe' }, 'status', 'validation.status'],
      ['a two-digit year', { start_year: '25' }, 'start_year', 'validation.year'],
      ['a year with text', { end_year: '2025a' }, 'end_year', 'validation.year'],
      [
        'an end year before the start year',
        { start_year: '2027', end_year: '2026' },
        'end_year',
        'validation.endBeforeStart',
      ],
      ['a bad amount', { cost_usd_m: '12,5' }, 'cost_usd_m', 'validation.amount'],
      ['a negative amount', { secured_usd_m: '-1' }, 'secured_usd_m', 'validation.amount'],
      ['an amount with 4 decimals', { cost_usd_m: '1.0001' }, 'cost_usd_m', 'validation.amount'],
      [
        'secured above cost',
        { cost_usd_m: '10', secured_usd_m: '10.5' },
        'secured_usd_m',
        'validation.securedOverCost',
      ],
      ['a score of 6', { strategic_importance: '6' }, 'strategic_importance', 'validation.score'],
      ['a score of 0', { ease_of_implementation: '0' }, 'ease_of_implementation', 'validation.score'],
      ['a decimal score', { ease_of_implementation: '2.5' }, 'ease_of_implementation', 'validation.score'],
      ['an area without a pillar', { pillar: '' }, 'pillar', 'validation.pillarForArea'],
      ['an empty ref', { ref: '' }, 'ref', 'validation.required'],
      ['a bad ref', { ref: 'has space' }, 'ref', 'validation.ref'],
      ['an empty English title', { title_en: '' }, 'title_en', 'validation.required'],
      ['an empty strategy', { strategy: '' }, 'strategy', 'validation.required'],
    ]

    for (const [what, over, column, key] of badRows) {
      it(`${what}: ${column} (${key})`, async () => {
        await importOk(toCsv([good('SEEN-1')]))
        const csv = toCsv(
          [good('OK-1'), good('OK-2'), { ...good('BAD-1'), ...over }, good('OK-3')],
          [
            'ref',
            'strategy',
            'pillar',
            'area',
            'title_en',
            'modalities',
            'proposers',
            'status',
            'start_year',
            'end_year',
            'cost_usd_m',
            'secured_usd_m',
            'strategic_importance',
            'ease_of_implementation',
          ],
        )
        const errors = await importErrors(csv)
        expect(errors).toEqual([expect.objectContaining({ row: 4, column, key })])
        expect(await getItemByRef(t.db, 'OK-1')).toBeNull()
      })
    }

    it('names the unknown value', async () => {
      const errors = await importErrors(toCsv([good('A-1', { proposers: 'KAZ;XYZ;ABC' })]))
      expect(errors).toEqual([
        {
          row: 2,
          column: 'proposers',
          key: 'validation.country',
          values: {
            value: ['XYZ', 'ABC'],
            allowed: ['AZE', 'PRC', 'GEO', 'KAZ', 'KGZ', 'MON', 'PAK', 'TAJ', 'TKM', 'UZB', 'REG'],
            text: 'KAZ;XYZ;ABC',
          },
        },
      ])
      // the lists are joined as the reader's language lists: with 、 in Chinese, not ", "
      expect(importErrorText(translator('en'), errors[0]!)).toContain('XYZ, ABC')
      expect(importErrorText(translator('ru'), errors[0]!)).toContain('AZE, PRC, GEO')
      const zh = importErrorText(translator('zh'), errors[0]!)
      expect(zh).toContain('XYZ、ABC')
      expect(zh).toContain('AZE、PRC、GEO、KAZ')
      expect(zh).not.toContain(', ')
    })

    it('reports every bad row, not only the first', async () => {
      const errors = await importErrors(
        toCsv([
          good('A-1', { status: 'nope' }),
          good('A-2'),
          good('A-3', { cost_usd_m: 'x', strategic_importance: '9' }),
        ]),
      )
      expect(errors.map((e) => [e.row, e.column, e.key])).toEqual([
        [2, 'status', 'validation.status'],
        [4, 'cost_usd_m', 'validation.amount'],
        [4, 'strategic_importance', 'validation.score'],
      ])
    })

    it('unknown columns, named once in one message of the header row', async () => {
      const errors = await importErrors(toCsv([{ ...good('A-1'), colour: 'red', size: 'L' }]))
      expect(errors).toEqual([
        {
          row: 1,
          column: null,
          key: 'unknownColumns',
          values: { columns: ['"colour"', '"size"'], allowed: [...COLUMNS] },
        },
      ])
    })

    it('a column the file leaves out keeps the stored values; a new item without one it needs is refused', async () => {
      await importOk(toCsv([good('A-1', { title_zh: '标题', cost_usd_m: '5' })]))
      const { title_en: _omitted, ...row } = good('A-1')
      // Updating A-1 without a title_en or title_zh column keeps both.
      expect((await importOk(toCsv([{ ...row, proposers: 'UZB' }]))).updated).toEqual(['A-1'])
      expect(await getItemByRef(t.db, 'A-1')).toMatchObject({
        title_en: 'Item A-1',
        title_zh: '标题',
        cost_usd_m: 5,
        proposers: ['UZB'],
      })
      const errors = await importErrors(toCsv([row, { ...row, ref: 'B-1' }]))
      expect(errors).toEqual([{ row: 3, column: 'title_en', key: 'newItemNeeds', values: { value: 'B-1' } }])
    })

    it('the rules between fields hold on the values as stored after the import', async () => {
      await importOk(toCsv([good('R-1', { cost_usd_m: '10', secured_usd_m: '8' })]))
      const errors = await importErrors(toCsv([{ ref: 'R-1', cost_usd_m: '5' }]))
      // the file has no secured column: the message goes on the cost it lowered
      expect(errors).toEqual([{ row: 2, column: 'cost_usd_m', key: 'validation.securedOverCost' }])
    })

    it('a column given twice', async () => {
      const errors = await importErrors('ref,strategy,title_en,ref\r\nA-1,CITA 2030,T,A-1\r\n')
      expect(errors).toEqual([{ row: 1, column: 'ref', key: 'duplicateColumn' }])
    })

    it('a duplicate ref, on the second row with it', async () => {
      const errors = await importErrors(toCsv([good('A-1'), good('A-2'), good('A-1', { title_en: 'Again' })]))
      expect(errors).toEqual([
        { row: 4, column: 'ref', key: 'duplicateRef', values: { value: 'A-1', first: 2 } },
      ])
    })

    it('a ref repeated in another case counts as the same ref', async () => {
      const errors = await importErrors(toCsv([good('A-1'), good('a-1')]))
      expect(errors).toEqual([
        { row: 3, column: 'ref', key: 'duplicateRef', values: { value: 'a-1', first: 2 } },
      ])
    })

    it('a repeated ref is reported together with the other problems of its rows, in one pass', async () => {
      const errors = await importErrors(
        toCsv([good('A-1', { cost_usd_m: 'ten' }), good('a-1', { proposers: 'XXX' })]),
      )
      expect(errors.map((e) => [e.row, e.column, e.key])).toEqual([
        [2, 'cost_usd_m', expect.any(String)],
        [3, 'ref', 'duplicateRef'],
        [3, 'proposers', expect.any(String)],
      ])
    })

    it('a ref that differs only in case from a stored item, naming the stored one', async () => {
      await importOk(toCsv([good('CASE-1')]))
      const errors = await importErrors(toCsv([good('OK-9'), good('case-1')]))
      expect(errors).toEqual([
        { row: 3, column: 'ref', key: 'refCase', values: { value: 'case-1', existing: 'CASE-1' } },
      ])
    })

    it('a ref that differs only in case is reported with the problems of the other rows', async () => {
      await importOk(toCsv([good('CASE-1')]))
      const errors = await importErrors(
        toCsv([good('OK-9', { cost_usd_m: 'lots' }), good('case-1'), good('OK-10', { start_year: '1989' })]),
      )
      expect(errors.map((e) => [e.row, e.column, e.key])).toEqual([
        [2, 'cost_usd_m', 'validation.amount'],
        [3, 'ref', 'refCase'],
        [4, 'start_year', 'validation.year'],
      ])
    })

    it('a ref that is the address of a page', async () => {
      const errors = await importErrors(toCsv([good('NEW')]))
      expect(errors).toEqual([
        expect.objectContaining({ row: 2, column: 'ref', key: 'validation.refReserved' }),
      ])
    })

    it('an empty file, or a header without rows', async () => {
      expect(await importErrors('')).toEqual([{ row: 0, column: null, key: 'empty' }])
      expect(await importErrors('\uFEFF')).toEqual([{ row: 0, column: null, key: 'empty' }])
      expect(await importErrors('ref,strategy,title_en\r\n')).toEqual([
        { row: 0, column: null, key: 'empty' },
      ])
    })

    it('a row with the wrong number of cells, as a CSV error', async () => {
      const errors = await importErrors('ref,strategy,title_en\r\nA-1,CITA 2030,T\r\nA-2,CITA 2030\r\n')
      expect(errors).toEqual([expect.objectContaining({ row: 3, column: null, key: 'csvCells' })])
    })

    it('rolls back rows already written when a later one fails in the database', async () => {
      const parsed = await checkedRows(
        t.db,
        readInterchangeCsv(toCsv([good('TX-1'), good('TX-2', { strategy: 'Brand new' }), good('TX-3')])),
      )
      if (!parsed.ok) throw new Error('fixture should parse')
      // Past the file checks, a country the database does not know breaks its foreign key.
      parsed.rows[2]!.values.proposers = ['ZZZ' as CountryCode]
      await expect(importRows(t.db, parsed.rows, null)).rejects.toThrow()
      expect(await countItems()).toBe(0)
      expect(await t.db.selectFrom('strategies').selectAll().execute()).toEqual([])
    })

    it('one bad row among the 80 good rows of the plan', async () => {
      const lines = plan.split('\n')
      const index = lines.findIndex((line) => line.startsWith('CITA-01-d,'))
      lines[index] = lines[index]!.replace(',UZB,proposed,', ',UZB;ATL,proposed,')
      const errors = await importErrors(lines.join('\n'))
      expect(errors).toEqual([
        expect.objectContaining({ row: index + 1, column: 'proposers', key: 'validation.country' }),
      ])
      expect(await countItems()).toBe(0)
      expect(await t.db.selectFrom('strategies').selectAll().execute()).toEqual([])
    })
  })
})
