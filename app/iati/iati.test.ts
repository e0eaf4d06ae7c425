import { describe, expect, it } from 'vitest'
import { STATUSES } from '../portfolio/codes'
import {
  activityElement,
  blocks,
  descriptionOf,
  lacksOf,
  resolve,
  type IatiContext,
  type IatiItem,
} from './activity'
import { splitBudget, splitPercent } from './budget'
import type { Publisher } from './publisher'
import { missingSettings, PublisherForm } from './publisher'
import { comment, el, render } from './xml'

// The mapping of one item to an IATI activity, field by field, without a database.

const PUBLISHER: Publisher = {
  org_ref: 'XM-DAC-46004',
  org_name: { en: 'Asian Development Bank', ru: 'Азиатский банк развития', zh: '亚洲开发银行' },
  org_type: '40',
  activity_prefix: 'XM-DAC-46004-CAREC-',
  default_currency: 'USD',
  default_language: 'en',
}

const ctx = (over: Partial<IatiContext> = {}): IatiContext => ({
  areaCodes: new Map([['area-1', '33120']]),
  planPeriods: new Map([['s-1', { start: 2025, end: 2028 }]]),
  committed: new Map(),
  organisations: new Map([['ADB', { name: 'Asian Development Bank', type: 'multilateral' }]]),
  countryName: (language, code) => `${code}:${language}`,
  ...over,
})

const ITEM: IatiItem = {
  id: 'i-1',
  ref: 'CITA-01-a',
  title_en: 'Border & <trade>',
  title_ru: 'Граница',
  title_zh: null,
  description_en: 'One "two"',
  description_ru: null,
  description_zh: null,
  status: 'under_implementation',
  start_year: 2026,
  end_year: 2027,
  cost_usd_m: 1.000001,
  proposers: ['PRC', 'MON', 'TAJ'],
  partners: ['ADB'],
  area_id: 'area-1',
  strategy_id: 's-1',
  dac_code: null,
  updated_at: '2026-11-30T10:00:00.000Z',
  strategy: 'CITA 2030',
  pillar: 'Pillar 1',
  area: '2 Border',
  source: 'RSAP',
}

const xmlOf = (item: IatiItem, c = ctx()) => render(activityElement(item, PUBLISHER, c))

describe('an item as an IATI activity', () => {
  it('identifies it by prefix and ref, reported by the publisher in its languages', () => {
    const xml = xmlOf(ITEM)
    expect(xml).toContain('<iati-identifier>XM-DAC-46004-CAREC-CITA-01-a</iati-identifier>')
    expect(xml).toContain('<reporting-org ref="XM-DAC-46004" type="40">')
    expect(xml).toContain('<narrative xml:lang="zh">亚洲开发银行</narrative>')
  })

  it('writes title and description narratives for each language the item has, escaped', () => {
    const xml = xmlOf(ITEM)
    expect(xml).toContain('<narrative xml:lang="en">Border &amp; &lt;trade&gt;</narrative>')
    expect(xml).toContain('<narrative xml:lang="ru">Граница</narrative>')
    expect(xml).not.toMatch(/<title>[\s\S]*xml:lang="zh"[\s\S]*<\/title>/)
    expect(xml).toContain('<description type="1">')
    expect(xml).toContain('One "two"')
  })

  it("maps every status to its activity-status code (the README's mapping)", () => {
    const want = {
      proposed: 1,
      under_review: 1,
      endorsed: 1,
      in_preparation: 1,
      approved: 1,
      under_implementation: 2,
      completed: 3,
      dropped: 5,
      on_hold: 6,
    }
    for (const status of STATUSES)
      expect(xmlOf({ ...ITEM, status })).toContain(`<activity-status code="${want[status]}"/>`)
  })

  it("plans the dates from the years, else from the plan's period as indicative", () => {
    expect(xmlOf(ITEM)).toContain('<activity-date type="1" iso-date="2026-01-01"/>')
    expect(xmlOf(ITEM)).toContain('<activity-date type="3" iso-date="2027-12-31"/>')
    const noYears = { ...ITEM, start_year: null, end_year: null }
    expect(resolve(noYears, ctx()).dates).toEqual({ start: 2025, end: 2028, indicative: true })
    expect(xmlOf(noYears)).toContain('<activity-date type="3" iso-date="2028-12-31"/>')
  })

  it('names proposing governments as implementing and partners as funding, with known identifiers', () => {
    const xml = xmlOf(ITEM)
    expect(xml).toContain('<participating-org ref="XM-DAC-46004" role="1" type="40">')
    expect(xml).toContain('<participating-org role="4" type="10">')
    expect(xml).toContain('<narrative xml:lang="ru">MON:ru</narrative>')
    // each of the programme's multilateral partners by its CRS channel code; EFSD has none
    const funders = xmlOf({ ...ITEM, partners: ['AIIB', 'IsDB', 'EFSD'] })
    expect(funders).toContain('<participating-org ref="XM-DAC-46026" role="1">')
    expect(funders).toContain('<participating-org ref="XM-DAC-46025" role="1">')
    expect(funders).toContain('<participating-org role="1">')
  })

  it('gives ISO country codes with percentages summing to 100, or the region for regional items', () => {
    const xml = xmlOf(ITEM)
    expect(xml).toContain('<recipient-country code="CN" percentage="33.33"/>')
    expect(xml).toContain('<recipient-country code="MN" percentage="33.33"/>')
    expect(xml).toContain('<recipient-country code="TJ" percentage="33.34"/>')
    const regional = xmlOf({ ...ITEM, proposers: ['REG'] })
    expect(regional).toContain('<recipient-region code="798" vocabulary="1" percentage="100"/>')
    expect(regional).not.toContain('recipient-country')
  })

  it('takes the sector from the area, unless the item sets its own', () => {
    expect(xmlOf(ITEM)).toContain('<sector vocabulary="1" code="33120" percentage="100"/>')
    expect(xmlOf({ ...ITEM, dac_code: '21020' })).toContain('code="21020"')
  })

  it('splits the cost into yearly indicative budgets in USD, not millions', () => {
    const xml = xmlOf({ ...ITEM, cost_usd_m: 12.5 })
    expect(xml.match(/<budget /g)).toHaveLength(2)
    expect(xml).toContain('<budget type="1" status="1">')
    expect(xml).toContain('<value currency="USD" value-date="2026-01-01">6250000</value>')
    expect(xml).toContain('<period-end iso-date="2027-12-31"/>')
  })

  it('writes committed co-financing as incoming commitments', () => {
    const c = ctx({
      committed: new Map([['i-1', [{ organisation: 'ADB', amount_kusd: 2500, date: '2026-05-02' }]]]),
    })
    const xml = xmlOf(ITEM, c)
    expect(xml).toContain('<transaction-type code="11"/>')
    expect(xml).toContain('<value currency="USD" value-date="2026-05-02">2500000</value>')
    expect(xml).toContain('<provider-org ref="XM-DAC-46004" type="40">')
  })

  it('makes a description from the plan when the item has none (IATI requires one)', () => {
    expect(descriptionOf({ ...ITEM, description_en: null })).toEqual({
      en: '2 Border; Pillar 1; CITA 2030. Source: RSAP',
      ru: null,
      zh: null,
    })
  })
})

describe('what an item lacks', () => {
  const codes = (item: IatiItem, c = ctx()) => lacksOf(item, c).map((l) => l.code)

  it('nothing blocks a complete item', () => {
    expect(blocks(lacksOf(ITEM, ctx()))).toBe(false)
    expect(codes(ITEM)).toEqual(['translations'])
  })

  it('blocks an item without dates, sector or with a code off the list, core fields first', () => {
    const item = {
      ...ITEM,
      start_year: null,
      end_year: null,
      strategy_id: 'other',
      area_id: null,
      description_en: null,
    }
    expect(codes(item)).toEqual(['dates', 'sector', 'description', 'budget', 'translations'])
    expect(blocks(lacksOf(item, ctx()))).toBe(true)
    expect(codes({ ...ITEM, dac_code: '99999' })).toEqual(['sectorCode', 'translations'])
    // any active code of the OECD list (disaster risk reduction, infectious disease control) is
    // known; a withdrawn one (15120, public sector financial management) is not
    expect(codes({ ...ITEM, dac_code: '43060' })).toEqual(['translations'])
    expect(codes({ ...ITEM, dac_code: '12250' })).toEqual(['translations'])
    expect(codes({ ...ITEM, dac_code: '15120' })).toEqual(['sectorCode', 'translations'])
    expect(codes({ ...ITEM, start_year: 2028, end_year: 2026 })).toContain('datesOrder')
  })

  it('advises on a missing budget, funder and proposer without blocking', () => {
    const lacks = lacksOf({ ...ITEM, cost_usd_m: null, partners: [], proposers: [] }, ctx())
    expect(lacks.map((l) => l.code)).toEqual(['recipient', 'budget', 'funding', 'translations'])
    expect(blocks(lacks)).toBe(false)
  })
})

describe('budget splitting', () => {
  it('gives calendar years of at most a year whose values add up to the total exactly', () => {
    const periods = splitBudget(10_000_001, 2025, 2028)
    expect(periods.map((p) => [p.start, p.end])).toEqual([
      ['2025-01-01', '2025-12-31'],
      ['2026-01-01', '2026-12-31'],
      ['2027-01-01', '2027-12-31'],
      ['2028-01-01', '2028-12-31'],
    ])
    expect(periods.map((p) => p.value)).toEqual([2_500_000, 2_500_000, 2_500_000, 2_500_001])
    expect(splitBudget(5, 2026, 2026)).toEqual([{ start: '2026-01-01', end: '2026-12-31', value: 5 }])
    expect(splitBudget(5, 2027, 2026)).toEqual([])
  })

  it('splits 100 per cent with two decimals summing to 100', () => {
    expect(splitPercent(1)).toEqual(['100'])
    expect(splitPercent(3)).toEqual(['33.33', '33.33', '33.34'])
    expect(splitPercent(7).reduce((sum, p) => sum + Math.round(Number(p) * 100), 0)).toBe(10000)
  })
})

describe('the publisher settings', () => {
  it('names what is missing', () => {
    expect(
      missingSettings({ ...PUBLISHER, org_ref: '', org_name: { en: null, ru: null, zh: null } }),
    ).toEqual(['org_ref', 'org_name_en'])
    expect(missingSettings(PUBLISHER)).toEqual([])
  })

  it('refuses a prefix that does not start with the organisation identifier, and identifiers with spaces', () => {
    const base = {
      org_ref: 'XM-DAC-46004',
      org_name_en: 'ADB',
      org_type: '40',
      activity_prefix: 'XM-DAC-46004-',
      default_currency: 'USD',
      default_language: 'en',
    }
    expect(PublisherForm.safeParse(base).success).toBe(true)
    const prefix = PublisherForm.safeParse({ ...base, activity_prefix: 'CAREC-' })
    expect(prefix.error?.issues.map((i) => i.message)).toEqual(['iatiExport.validation.prefixStart'])
    const spaced = PublisherForm.safeParse({ ...base, org_ref: 'XM DAC' })
    expect(spaced.error?.issues[0]?.message).toBe('iatiExport.validation.identifier')
  })
})

describe('the XML writer', () => {
  it('escapes text and attributes, drops characters XML cannot hold, and keeps comments closed', () => {
    expect(render(el('a', { b: 'x"<&\n' }, 'p & q <r>\u0001'))).toBe(
      '<a b="x&quot;&lt;&amp;&#10;">p &amp; q &lt;r&gt;</a>',
    )
    expect(comment('a -- b')).toBe('<!-- a - b -->')
  })
})
