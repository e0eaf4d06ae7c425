import { describe, expect, it } from 'vitest'
import { parseMessage } from '../i18n/message'
import { ItemForm, parseItemForm, REF_PATTERN, splitList, type ItemFormInput } from './schema'

// The form's fields read their own text (field-kinds.ts): these tests give the values as a form
// posts them (text, arrays for checkboxes) or as numbers, which stand for their text.

const valid: ItemFormInput = {
  ref: 'CITA-99-a',
  title_en: 'Single window for agricultural exports',
  strategy_id: 'strategy-1',
  proposers: ['KAZ'],
}

/** The message keys by field (a message carries its values after the key: app/i18n/message.ts). */
function errorsOf(input: Record<string, unknown>): Record<string, string[]> {
  const result = ItemForm.safeParse(input)
  if (result.success) return {}
  const errors = result.error.flatten().fieldErrors as Record<string, string[]>
  return Object.fromEntries(
    Object.entries(errors).map(([field, list]) => [field, list.map((m) => parseMessage(m).key)]),
  )
}

describe('ItemForm', () => {
  it('accepts the minimal item and fills the defaults', () => {
    const result = ItemForm.parse(valid)
    expect(result).toMatchObject({ ref: 'CITA-99-a', modalities: [], proposers: ['KAZ'] })
    expect(result.cost_usd_m).toBeNull()
    expect(result.title_zh).toBeNull()
  })

  it('requires ref, a title in some language and strategy; proposers may be none, as in the published plan (CITA-04-b)', () => {
    const errors = errorsOf({})
    expect(errors.ref).toEqual(['validation.required'])
    expect(errors.title_en).toEqual(['validation.titleAny'])
    expect(errors.strategy_id).toEqual(['validation.required'])
    expect(errors.proposers).toBeUndefined()
  })

  it('refuses blank titles in every language and an empty strategy', () => {
    const errors = errorsOf({ ...valid, title_en: '   ', title_ru: ' ', title_zh: '', strategy_id: '' })
    expect(errors.title_en).toEqual(['validation.titleAny'])
    expect(errors.strategy_id).toEqual(['validation.required'])
  })

  it('takes a Russian or a Chinese title alone, keeping the English one empty', () => {
    for (const other of [{ title_ru: 'Сухой порт' }, { title_zh: '旱港' }]) {
      const result = ItemForm.safeParse({ ...valid, title_en: '', ...other })
      expect(result.success).toBe(true)
      expect(result.data).toMatchObject({ title_en: '', ...other })
    }
  })

  it('checks the ref pattern', () => {
    for (const ref of ['CITA-01-a', 'A', 'x.1_2-3', 'A'.repeat(40)]) {
      expect(REF_PATTERN.test(ref), ref).toBe(true)
      expect(errorsOf({ ...valid, ref }).ref, ref).toBeUndefined()
    }
    for (const ref of ['-CITA', '.a', 'has space', 'CITA/01', 'A'.repeat(41), 'ССС-01']) {
      expect(errorsOf({ ...valid, ref }).ref, ref).toEqual(['validation.ref'])
    }
    expect(errorsOf({ ...valid, ref: '  ' }).ref).toEqual(['validation.required'])
  })

  it('trims the ref before checking it', () => {
    expect(ItemForm.parse({ ...valid, ref: '  CITA-99-b ' }).ref).toBe('CITA-99-b')
  })

  it('takes known proposers only, each once', () => {
    expect(errorsOf({ ...valid, proposers: ['XYZ'] }).proposers).toEqual(['validation.country'])
    expect(ItemForm.parse({ ...valid, proposers: ['KAZ', 'KAZ'] }).proposers).toEqual(['KAZ'])
    // one checkbox ticked arrives as a plain value, not a list
    expect(ItemForm.parse({ ...valid, proposers: 'UZB' }).proposers).toEqual(['UZB'])
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
    for (const amount of ['-1', '1.2345', 'abc', '1,5', '1e3', '1000000.001']) {
      expect(errorsOf({ ...valid, cost_usd_m: amount }).cost_usd_m, amount).toEqual(['validation.amount'])
    }
    expect(ItemForm.parse({ ...valid, cost_usd_m: '' }).cost_usd_m).toBeNull()
    expect(ItemForm.parse({ ...valid, cost_usd_m: '1000000' }).cost_usd_m).toBe(1_000_000_000)
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
    for (const year of [1989, 2101, 2025.5, '25', '2025a'])
      expect(errorsOf({ ...valid, start_year: year }).start_year, String(year)).toEqual(['validation.year'])
    expect(ItemForm.parse({ ...valid, start_year: '2025' }).start_year).toBe(2025)
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

  it('limits text lengths, saying the limit', () => {
    const result = ItemForm.safeParse({ ...valid, title_en: 'x'.repeat(501) })
    expect(result.success).toBe(false)
    expect(parseMessage(result.error!.issues[0]!.message)).toEqual({
      key: 'validation.tooLongHas',
      values: { max: 500, length: 501 },
    })
    expect(errorsOf({ ...valid, title_en: 'x'.repeat(501) }).title_en).toEqual(['validation.tooLongHas'])
    expect(errorsOf({ ...valid, title_zh: '字'.repeat(501) }).title_zh).toEqual(['validation.tooLongHas'])
    expect(errorsOf({ ...valid, description_en: 'x'.repeat(10001) }).description_en).toEqual([
      'validation.tooLongHas',
    ])
  })

  it('is parsed from posted form data as it arrives: text, repeated names for checkboxes', () => {
    const form = new FormData()
    for (const [name, value] of Object.entries({
      ref: ' CITA-99-c ',
      title_en: 'Title',
      strategy_id: 'strategy-1',
      start_year: '2026',
      cost_usd_m: '12.5',
      strategic_importance: '',
    }))
      form.append(name, value)
    form.append('proposers', 'KAZ')
    form.append('proposers', 'UZB')
    const submission = parseItemForm(form)
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(submission.value).toMatchObject({
      ref: 'CITA-99-c',
      proposers: ['KAZ', 'UZB'],
      modalities: [],
      start_year: 2026,
      cost_usd_m: 12500,
      strategic_importance: null,
      pillar_id: null,
    })
  })

  it('keeps a 10,000-character description with line breaks as a browser without JavaScript posts it (CRLF)', () => {
    // 1,000 lines of nine letters and a line break: 10,000 characters, 10,999 once posted with CRLF
    const description = Array.from({ length: 1000 }, () => 'ninechars').join('\n') + 'x'
    expect([...description].length).toBe(10_000)
    const form = new FormData()
    for (const [name, value] of Object.entries({ ...valid, proposers: 'KAZ' }))
      form.append(name, String(value))
    form.append('description_en', description.replace(/\n/g, '\r\n'))
    const submission = parseItemForm(form)
    expect(submission.status).toBe('success')
    if (submission.status === 'success') expect(submission.value.description_en).toBe(description)
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
