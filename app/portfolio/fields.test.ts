import { beforeAll, describe, expect, it } from 'vitest'
import { insertUser, toCsv } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { interchangeCsv } from '../exports/csv.server'
import { sheetColumns } from '../exports/sheet-columns'
import { en } from '../i18n/en'
import { translator } from '../i18n/i18n'
import { parseMessage, translateMessage } from '../i18n/message'
import { importCsv } from '../importer/import.server'
import { COLUMNS as INTERCHANGE_COLUMNS, readInterchangeCsv } from '../importer/interchange'
import type { Actor } from '../permissions/permissions'
import { getSnapshotItems, takeSnapshot } from '../snapshots/snapshots.server'
import { HISTORY_FIELDS } from '../history/events'
import { fieldChanges, valuesOfView } from './changes.server'
import { COLUMN_IDS, COLUMNS as TABLE_COLUMNS } from './columns'
import { INPUT_FIELDS, type InputField } from './field-kinds'
import { FIELDS, SURFACES, type Field, type Surface } from './fields'
import { EDITABLE_FIELDS, toApiItem, type ItemView } from './item-view'
import { createItem, getItemByRef, updateItem } from './items.server'
import { MAX_USD_MILLION } from './money'
import { controlName, formValuesOf, parseItemForm } from './schema'

// The rule of docs/decisions/0015-field-registry.md: a field is its registry entry (fields.ts),
// and every surface carries exactly the fields the registry puts on it. This file walks the
// registry through each surface, and checks that the form and the importer, which share each
// field's rule, accept and refuse the same values, which the API then shows alike.

const t = translator('en')
const on = (field: Field, surface: Surface) => (field.on as readonly Surface[]).includes(surface)

/** A translation key exists in the English catalogue. */
function hasKey(key: string): boolean {
  let node: unknown = en
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  return typeof node === 'string'
}

/** An item with a value in every field, through the importer (and the form for the financing sources). */
const FULL = {
  ref: 'FULL-1',
  strategy: 'CITA 2030',
  pillar: 'Pillar 1',
  area: 'Area 1',
  title_en: 'Full item',
  title_zh: '全',
  title_ru: 'Полный',
  modalities: 'investment_project;policy_dialogue',
  proposers: 'UZB;KAZ',
  status: 'endorsed',
  start_year: '2025',
  end_year: '2028',
  cost_usd_m: '20',
  secured_usd_m: '5',
  partners: 'ADB;World Bank',
  strategic_importance: '4',
  ease_of_implementation: '2',
  description_en: 'Line one\nline two',
  source: 'Test',
}

describe('the field registry', () => {
  it('names each field once, with a label in the catalogue and a place on at least one surface', () => {
    const names = FIELDS.map((f) => f.name)
    expect(new Set(names).size).toBe(names.length)
    for (const field of FIELDS) {
      expect(hasKey(field.label), field.label).toBe(true)
      expect(field.on.length, field.name).toBeGreaterThan(0)
      if ('sheet' in field) expect(hasKey(field.sheet.header), field.sheet.header).toBe(true)
      if ('codeLabels' in field && 'codes' in field)
        for (const code of field.codes) expect(hasKey(`${field.codeLabels}.${code}`), code).toBe(true)
    }
    expect([...SURFACES].sort()).toEqual([
      'api',
      'conflict',
      'form',
      'history',
      'interchange',
      'snapshot',
      'table',
    ])
  })

  it('puts on the table only fields the XLSX export can write', () => {
    for (const field of FIELDS.filter((f) => on(f, 'table'))) expect('sheet' in field, field.name).toBe(true)
  })

  describe('every surface carries exactly the fields the registry puts on it', () => {
    const d = useTestDb('all')
    let item: ItemView
    let secretariat: Actor

    beforeAll(async () => {
      secretariat = await insertUser(d.db, 'secretariat')
      const outcome = await importCsv(d.db, toCsv([FULL]), null)
      expect(outcome.ok).toBe(true)
      item = (await getItemByRef(d.db, 'FULL-1'))!
    })

    const expectExactly = (surface: Surface, present: (field: Field) => boolean) => {
      for (const field of FIELDS)
        expect(present(field), `${field.name} on ${surface}`).toBe(on(field, surface))
    }

    it('the form: a control per field, filled from the item and parsed back', () => {
      const values = formValuesOf(item) as Record<string, unknown>
      const form = new FormData()
      for (const [name, value] of Object.entries(values))
        for (const one of Array.isArray(value) ? value : [value])
          if (one !== undefined) form.append(name, String(one))
      const submission = parseItemForm(form)
      expect(submission.status).toBe('success')
      const parsed = (submission.status === 'success' ? submission.value : {}) as Record<string, unknown>
      expectExactly(
        'form',
        // The form also carries the version it was opened at (for conflicts), not as a field one edits.
        (f) =>
          f.name !== 'version' &&
          controlName(f.name as never) in parsed &&
          controlName(f.name as never) in values,
      )
    })

    it('the interchange format: the importer reads the column, the CSV export writes it', async () => {
      let csv = ''
      for await (const chunk of interchangeCsv(
        (async function* () {
          yield [item]
        })(),
      ))
        csv += chunk
      const header = csv.replace('\uFEFF', '').split('\r\n')[0]!.split(',')
      expectExactly(
        'interchange',
        (f) => header.includes(f.name) && INTERCHANGE_COLUMNS.includes(f.name as never),
      )
      for (const name of header) {
        const read = readInterchangeCsv(toCsv([{ ref: 'X-1', [name]: '' }]))
        expect(
          read.errors.filter((e) => e.key.startsWith('unknownColumn')),
          name,
        ).toEqual([])
      }
    })

    it('the API', () => {
      const api = toApiItem(item) as Record<string, unknown>
      expectExactly('api', (f) => f.name in api)
      expect(Object.keys(api).filter((k) => !FIELDS.some((f) => f.name === k))).toEqual(['iati_status'])
    })

    it('the history and the conflict notice', () => {
      expectExactly('history', (f) => (HISTORY_FIELDS as readonly string[]).includes(f.name))
      expectExactly('conflict', (f) => (EDITABLE_FIELDS as readonly string[]).includes(f.name))
      // a change to any history field is recorded, old -> new
      const before = valuesOfView(item)
      for (const name of HISTORY_FIELDS) {
        const old = before[name]
        const empty = old === null || (Array.isArray(old) && old.length === 0)
        const after = { ...before, [name]: empty ? ['x'] : Array.isArray(old) ? [] : null }
        expect(
          fieldChanges(before, after).map((c) => c.field),
          name,
        ).toEqual([name])
      }
    })

    it('the snapshot', async () => {
      const taken = await takeSnapshot(d.db, secretariat, 'Registry walk')
      if (taken.kind !== 'taken') throw new Error(taken.kind)
      const { id } = taken
      const [kept] = await getSnapshotItems(d.db, id)
      expectExactly('snapshot', (f) => f.name in kept!)
      for (const field of FIELDS.filter((f) => on(f, 'snapshot')))
        expect(kept![field.name as keyof typeof kept], field.name).toEqual(item[field.name])
    })

    it('the portfolio table and the XLSX export', () => {
      const tableFields = TABLE_COLUMNS.flatMap((c) => c.fields as readonly string[])
      const sheet = sheetColumns(COLUMN_IDS, false, t)
      expectExactly('table', (f) => tableFields.includes(f.name) && sheet.some((c) => c.field === f.name))
    })
  })
})

// ---------------------------------------------------------------------------------------------
// One rule per field: the form and the importer accept and refuse the same values

type Case =
  | { text: string | string[]; ok: true; value: unknown }
  | { text: string | string[]; ok: false; key: string }
const accept = (text: Case['text'], value: unknown): Case => ({ text, ok: true, value })
const refuse = (text: Case['text'], key: string): Case => ({ text, ok: false, key })

/** The values to try for a field, by its kind. */
function casesFor(field: InputField): Case[] {
  const max = 'max' in field ? (field.max as number) : 0
  const required = 'required' in field && field.required
  const text: Case[] = [
    accept('  Silk Road  ', 'Silk Road'),
    accept('one\r\ntwo\rthree', 'one\ntwo\nthree'),
    accept('tab\there', 'tab\there'),
    refuse('NUL \u0000 inside', 'validation.control'),
    refuse('escape \u001b[0m', 'validation.control'),
    accept('x'.repeat(max), 'x'.repeat(max)),
    refuse('x'.repeat(max + 1), 'validation.tooLongHas'),
    accept('👍'.repeat(max), '👍'.repeat(max)),
    accept('é'.repeat(max), 'é'.repeat(max)),
    accept('丝'.repeat(max), '丝'.repeat(max)),
    refuse('丝'.repeat(max + 1), 'validation.tooLongHas'),
    required ? refuse('', 'validation.required') : accept('', null),
  ]
  switch (field.kind) {
    case 'ref':
      return [
        accept(' CITA-99-z ', 'CITA-99-z'),
        refuse('has space', 'validation.ref'),
        refuse('New', 'validation.refReserved'),
        refuse('A\u0000', 'validation.control'),
        refuse('', 'validation.required'),
      ]
    case 'text':
      if ('pattern' in field)
        // a code of fixed form (dac_code: 5 digits)
        return [
          accept(' 33120 ', '33120'),
          refuse('3312', field.pattern.message),
          refuse('3312a', field.pattern.message),
          refuse('331200', 'validation.tooLongHas'),
          refuse('3\u00001', 'validation.control'),
          accept('', null),
        ]
      return text
    case 'list':
      return [
        ...text.filter((c) => !c.ok),
        accept(' ADB ; World Bank;;', ['ADB', 'World Bank']),
        accept('Korea, Republic of', ['Korea, Republic of']),
        accept('', []),
      ]
    case 'codes': {
      const [a, b] = field.codes as readonly string[]
      const key = field.name === 'proposers' ? 'validation.country' : 'validation.modality'
      return [accept([b!, a!], [b, a]), accept([a!, a!], [a]), accept([], []), refuse([a!, 'XYZ'], key)]
    }
    case 'year':
      return [
        accept('1990', 1990),
        accept('2100', 2100),
        accept(' 2026 ', 2026),
        refuse('1989', 'validation.year'),
        refuse('2101', 'validation.year'),
        refuse('25', 'validation.year'),
        refuse('2025.5', 'validation.year'),
        refuse('2025a', 'validation.year'),
        accept('', null),
      ]
    case 'score':
      return [
        accept('1', 1),
        accept('5', 5),
        refuse('0', 'validation.score'),
        refuse('6', 'validation.score'),
        refuse('2.5', 'validation.score'),
        accept('', null),
      ]
    case 'amount':
      return [
        accept('12.345', 12_345),
        accept('0', 0),
        accept(String(MAX_USD_MILLION), 1_000_000_000),
        refuse('1000000.001', 'validation.amount'),
        refuse('2147483.648', 'validation.amount'),
        refuse('1.2345', 'validation.amount'),
        refuse('-1', 'validation.amount'),
        refuse('1,5', 'validation.amount'),
        refuse('1e3', 'validation.amount'),
        accept('', null),
      ]
    default:
      return []
  }
}

/** The fields on both the form and the interchange format; the taxonomy is picked by id on the form. */
const SHARED = INPUT_FIELDS.filter(
  (f) => on(f as Field, 'form') && on(f as Field, 'interchange') && f.kind !== 'taxonomy',
)

type Outcome = { ok: true; value: unknown } | { ok: false; key: string }

function throughForm(field: InputField, text: Case['text']): Outcome {
  const form = new FormData()
  const base: Record<string, string> = { ref: 'FORM-1', title_en: 'Title', strategy_id: 'strategy-1' }
  for (const [name, value] of Object.entries(base)) if (name !== field.name) form.append(name, value)
  for (const one of Array.isArray(text) ? text : [text]) form.append(field.name, one)
  const submission = parseItemForm(form)
  if (submission.status === 'success')
    return { ok: true, value: (submission.value as Record<string, unknown>)[field.name] }
  const errors = submission.reply().error?.[field.name] ?? []
  return { ok: false, key: parseMessage(errors[0] ?? '').key }
}

function throughImport(field: InputField, text: Case['text']): Outcome {
  const row: Record<string, string> = { ref: 'FILE-1', strategy: 'CITA 2030', title_en: 'Title' }
  row[field.name] = Array.isArray(text) ? text.join(';') : text
  const read = readInterchangeCsv(toCsv([row]))
  const error = read.errors.find((e) => e.column === field.name)
  if (error) return { ok: false, key: error.key }
  expect(read.errors).toEqual([])
  return { ok: true, value: read.rows[0]!.given[field.name] }
}

describe('the form and the importer accept and refuse the same values', () => {
  for (const field of SHARED) {
    it(`${field.name} (${field.kind})`, () => {
      const cases = casesFor(field)
      expect(cases.length, 'cases for this kind').toBeGreaterThan(0)
      for (const c of cases) {
        const label = `${field.name} ${JSON.stringify(c.text).slice(0, 40)}`
        const expected: Outcome = c.ok ? { ok: true, value: c.value } : { ok: false, key: c.key }
        // One difference by design: the form takes a title in any one language (issue 9), so an
        // empty English title alone is refused as "no title at all"; the interchange keeps title_en required.
        const formExpected: Outcome =
          field.name === 'title_en' && c.text === '' ? { ok: false, key: 'validation.titleAny' } : expected
        expect(throughForm(field, c.text), `form: ${label}`).toEqual(formExpected)
        expect(throughImport(field, c.text), `import: ${label}`).toEqual(expected)
      }
    })
  }

  it('covers every field a person sets on both', () => {
    expect(SHARED.map((f) => f.name).sort()).toEqual(
      [
        'cost_usd_m',
        'dac_code',
        'description_en',
        'ease_of_implementation',
        'end_year',
        'modalities',
        'partners',
        'proposers',
        'ref',
        'secured_usd_m',
        'start_year',
        'strategic_importance',
        'title_en',
        'title_ru',
        'title_zh',
      ].sort(),
    )
  })

  it('names the field in the control-character message, in words', () => {
    const form = new FormData()
    form.append('title_ru', 'Шёлковый\u0000путь')
    const submission = parseItemForm(form)
    const message = submission.reply().error?.title_ru?.[0] ?? ''
    expect(translateMessage(t, message)).toBe(
      'Title (Russian) holds a control character (U+0000); only tabs and line breaks are allowed. Remove it, or paste the text again as plain text.',
    )
  })
})

describe('what the form and the importer store, the API shows alike', () => {
  const d = useTestDb('all')
  let secretariat: Actor
  let strategyId: string

  beforeAll(async () => {
    secretariat = await insertUser(d.db, 'secretariat')
    await importCsv(d.db, toCsv([{ ref: 'SEED-1', strategy: 'CITA 2030', title_en: 'Seed' }]), null)
    strategyId = (await d.db.selectFrom('strategies').select('id').executeTakeFirstOrThrow()).id
  })

  for (const field of SHARED.filter((f) => f.kind !== 'ref')) {
    it(field.name, async () => {
      const accepted = casesFor(field).filter(
        (c) => c.ok && c.value !== null && !(Array.isArray(c.value) && !c.value.length),
      )
      for (const [n, c] of accepted.entries()) {
        const cell = Array.isArray(c.text) ? c.text.join(';') : c.text
        const fileRef = `F-${field.name}-${n}`
        const formRef = `W-${field.name}-${n}`
        const imported = await importCsv(
          d.db,
          toCsv([{ ref: fileRef, strategy: 'CITA 2030', title_en: 'Title', [field.name]: cell }]),
          null,
        )
        expect(imported.ok, `${field.name} ${cell}`).toBe(true)
        const form = new FormData()
        for (const [name, value] of Object.entries({
          ref: formRef,
          title_en: 'Title',
          strategy_id: strategyId,
        }))
          if (name !== field.name) form.append(name, value)
        for (const one of Array.isArray(c.text) ? c.text : [c.text]) form.append(field.name, one)
        const submission = parseItemForm(form)
        if (submission.status !== 'success') throw new Error(JSON.stringify(submission.reply()))
        expect(await createItem(d.db, secretariat, submission.value)).toMatchObject({ kind: 'saved' })
        const viaFile = toApiItem((await getItemByRef(d.db, fileRef))!) as Record<string, unknown>
        const viaForm = toApiItem((await getItemByRef(d.db, formRef))!) as Record<string, unknown>
        expect(viaForm[field.name], `${field.name} ${cell}`).toEqual(viaFile[field.name])
      }
    })
  }
})

describe('a form saved unchanged changes nothing', () => {
  const d = useTestDb('all')

  it('even when the browser sends its line breaks as CRLF', async () => {
    const secretariat = await insertUser(d.db, 'secretariat')
    await importCsv(d.db, toCsv([FULL]), null)
    const item = (await getItemByRef(d.db, 'FULL-1'))!
    const form = new FormData()
    for (const [name, value] of Object.entries(formValuesOf(item) as Record<string, unknown>))
      for (const one of Array.isArray(value) ? value : [value])
        if (one !== undefined) form.append(name, String(one).replace(/\n/g, '\r\n'))
    const submission = parseItemForm(form)
    if (submission.status !== 'success') throw new Error(JSON.stringify(submission.reply()))
    expect(await updateItem(d.db, secretariat, 'FULL-1', submission.value, null)).toEqual({
      kind: 'saved',
      ref: 'FULL-1',
    })
    expect((await getItemByRef(d.db, 'FULL-1'))!.version).toBe(item.version)
  })
})
