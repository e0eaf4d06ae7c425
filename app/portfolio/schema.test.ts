import { describe, expect, it } from 'vitest'
import { ItemForm, REF_PATTERN, splitList, type ItemFormInput } from './schema'

// Conform coerces the form's strings before zod sees them; these tests give the values as they
// arrive after that: numbers for years and scores, text for amounts, arrays for multi-selects.

const valid: ItemFormInput = {
  ref: 'CITA-99-a',
  title_en: 'Single window for agricultural exports',
  strategy_id: 'strategy-1',
  proposers: ['KAZ'],
}

function errorsOf(input: Record<string, unknown>): Record<string, string[]> {
  const result = ItemForm.safeParse(input)
  if (result.success) return {}
  return result.error.flatten().fieldErrors as Record<string, string[]>
}

describe('ItemForm', () => {
  it('accepts the minimal item and fills the defaults', () => {
    const result = ItemForm.parse(valid)
    expect(result).toMatchObject({ ref: 'CITA-99-a', modalities: [], proposers: ['KAZ'] })
    expect(result.cost_usd_m).toBeUndefined()
  })

  it('requires ref, English title, strategy and proposers', () => {
    const errors = errorsOf({})
    expect(errors.ref).toEqual(['validation.required'])
    expect(errors.title_en).toEqual(['validation.required'])
    expect(errors.strategy_id).toEqual(['validation.required'])
    expect(errors.proposers).toEqual(['validation.proposers'])
  })

  it('refuses a blank English title and an empty strategy', () => {
    const errors = errorsOf({ ...valid, title_en: '   ', strategy_id: '' })
    expect(errors.title_en).toEqual(['validation.required'])
    expect(errors.strategy_id).toEqual(['validation.required'])
  })

  it('checks the ref pattern', () => {
    for (const ref of ['CITA-01-a', 'A', 'x.1_2-3', 'A'.repeat(40)]) {
      expect(REF_PATTERN.test(ref), ref).toBe(true)
      expect(errorsOf({ ...valid, ref }).ref, ref).toBeUndefined()
    }
    for (const ref of ['', '-CITA', '.a', 'has space', 'CITA/01', 'A'.repeat(41), 'ССС-01']) {
      expect(errorsOf({ ...valid, ref }).ref, ref).toEqual(['validation.ref'])
    }
  })

  it('trims the ref before checking it', () => {
    expect(ItemForm.parse({ ...valid, ref: '  CITA-99-b ' }).ref).toBe('CITA-99-b')
  })

  it('needs at least one known proposer', () => {
    expect(errorsOf({ ...valid, proposers: [] }).proposers).toEqual(['validation.proposers'])
    expect(errorsOf({ ...valid, proposers: ['XYZ'] }).proposers).toBeDefined()
    expect(ItemForm.parse({ ...valid, proposers: ['TKM', 'UZB'] }).proposers).toEqual(['TKM', 'UZB'])
  })

  it('refuses unknown modalities', () => {
    expect(errorsOf({ ...valid, modalities: ['lobbying'] }).modalities).toBeDefined()
    expect(ItemForm.parse({ ...valid, modalities: ['policy_dialogue'] })).toMatchObject({
      modalities: ['policy_dialogue'],
    })
  })

  it('has no status: a status posted with the form is dropped, never saved', () => {
    // Status changes only through workflow transitions (app/workflow/transitions.ts).
    expect(ItemForm.parse({ ...valid, status: 'approved' })).not.toHaveProperty('status')
    expect(errorsOf({ ...valid, status: 'maybe' })).toEqual({})
  })

  it('parses amounts into integer thousands of USD', () => {
    const result = ItemForm.parse({ ...valid, cost_usd_m: '12.5', secured_usd_m: '0.001' })
    expect(result.cost_usd_m).toBe(12500)
    expect(result.secured_usd_m).toBe(1)
    expect(Number.isInteger(result.cost_usd_m)).toBe(true)
    expect(ItemForm.parse({ ...valid, cost_usd_m: '300' }).cost_usd_m).toBe(300000)
    expect(ItemForm.parse({ ...valid, cost_usd_m: '0.1' }).cost_usd_m).toBe(100)
  })

  it('refuses amounts that are not non-negative decimals with up to 3 places', () => {
    for (const amount of ['-1', '1.2345', 'abc', '1,5', '1e3', '']) {
      expect(errorsOf({ ...valid, cost_usd_m: amount }).cost_usd_m, amount).toEqual(['validation.amount'])
    }
  })

  it('refuses secured funding above the cost, on the secured field', () => {
    expect(errorsOf({ ...valid, cost_usd_m: '10', secured_usd_m: '10.001' }).secured_usd_m).toEqual([
      'validation.securedOverCost',
    ])
    expect(errorsOf({ ...valid, cost_usd_m: '10', secured_usd_m: '10' })).toEqual({})
    // Secured without a cost cannot be compared, so it passes.
    expect(errorsOf({ ...valid, secured_usd_m: '5' })).toEqual({})
  })

  it('refuses an end year before the start year, on the end year', () => {
    expect(errorsOf({ ...valid, start_year: 2026, end_year: 2025 }).end_year).toEqual([
      'validation.endBeforeStart',
    ])
    expect(errorsOf({ ...valid, start_year: 2026, end_year: 2026 })).toEqual({})
    expect(errorsOf({ ...valid, end_year: 2025 })).toEqual({})
  })

  it('checks years are whole and between 1990 and 2100', () => {
    for (const year of [1989, 2101, 2025.5])
      expect(errorsOf({ ...valid, start_year: year }).start_year, String(year)).toEqual(['validation.year'])
    expect(errorsOf({ ...valid, start_year: '2025' }).start_year).toEqual(['validation.year'])
    expect(ItemForm.parse({ ...valid, start_year: 1990, end_year: 2100 })).toMatchObject({
      start_year: 1990,
      end_year: 2100,
    })
  })

  it('checks scores are whole numbers from 1 to 5', () => {
    for (const score of [0, 6, 2.5])
      expect(errorsOf({ ...valid, strategic_importance: score }).strategic_importance, String(score)).toEqual(
        ['validation.score'],
      )
    expect(errorsOf({ ...valid, ease_of_implementation: 0 }).ease_of_implementation).toEqual([
      'validation.score',
    ])
    expect(ItemForm.parse({ ...valid, strategic_importance: 1, ease_of_implementation: 5 })).toMatchObject({
      strategic_importance: 1,
      ease_of_implementation: 5,
    })
  })

  it('needs a pillar when an area is chosen', () => {
    expect(errorsOf({ ...valid, area_id: 'area-1' }).pillar_id).toEqual(['validation.pillarForArea'])
    expect(errorsOf({ ...valid, area_id: 'area-1', pillar_id: 'pillar-1' })).toEqual({})
    expect(errorsOf({ ...valid, pillar_id: 'pillar-1' })).toEqual({})
  })

  it('limits text lengths', () => {
    expect(errorsOf({ ...valid, title_en: 'x'.repeat(501) }).title_en).toEqual(['validation.tooLong'])
    expect(errorsOf({ ...valid, title_zh: '字'.repeat(501) }).title_zh).toEqual(['validation.tooLong'])
    expect(errorsOf({ ...valid, description_en: 'x'.repeat(10001) }).description_en).toEqual([
      'validation.tooLong',
    ])
  })

  it('takes a positive whole version', () => {
    expect(ItemForm.parse({ ...valid, version: 3 }).version).toBe(3)
    expect(errorsOf({ ...valid, version: 0 }).version).toBeDefined()
  })
})

describe('splitList', () => {
  it('splits on semicolons, trims and drops empty parts', () => {
    expect(splitList(' ADB ; World Bank;;')).toEqual(['ADB', 'World Bank'])
    expect(splitList('')).toEqual([])
    expect(splitList(undefined)).toEqual([])
  })
})
