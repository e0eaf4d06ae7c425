import { z } from 'zod'
import { message, type MessageValues } from '../i18n/message'
import { FIELDS, type Field, type FieldKind, type FieldOn, type FieldValues } from './fields'
import { formatUsdMillion, kusdToMillion, millionToKusd, parseUsdMillion } from './money'
import { controlCharacterIn, graphemeCount, normaliseLineBreaks } from './text'

// What each kind of field does: how its text (from a form control or an interchange cell, the
// same rules for both) becomes a stored value, and how a value becomes text, a stored column or a
// spreadsheet cell again. The registry (fields.ts) says which kind each field is.

export const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/
/** Refs that would collide with the app's own addresses (/items/new). Refs are unique regardless of case. */
export const RESERVED_REFS = ['new']
export const isReservedRef = (ref: string) => RESERVED_REFS.includes(ref.toLowerCase())

export const YEAR_MIN = 1990
export const YEAR_MAX = 2100

/** ';'-separated entries, trimmed, empty ones dropped: the interchange format's lists. */
export function splitList(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
}

/** A stored value (amounts in USD thousands, taxonomy by name) of each kind. */
interface StoredOfKind {
  ref: string
  text: string | null
  taxonomy: string | null
  codes: string[]
  status: string
  year: number | null
  amount: number | null
  list: string[]
  score: number | null
  quadrant: string
  flag: boolean
  count: number
  timestamp: string
}

/** The fields a person sets, on the form or in a file. */
export type InputField = FieldOn<'form'> | FieldOn<'interchange'>
export type InputName = InputField['name']
type StoredOf<F extends Field> = F extends { required: true }
  ? NonNullable<StoredOfKind[F['kind']]>
  : StoredOfKind[F['kind']]
/** What a person set, as stored: amounts in USD thousands, taxonomy by name, lists as arrays. */
export type InputValues = { [F in InputField as F['name']]: StoredOf<F> }

/** The fields a person sets, in registry order. */
export const INPUT_FIELDS = FIELDS.filter(
  (f) => (f.on as readonly string[]).includes('form') || (f.on as readonly string[]).includes('interchange'),
) as InputField[]

type Read<T> = { ok: true; value: T } | { ok: false; message: string }
const fail = (key: string, values?: MessageValues): Read<never> => ({
  ok: false,
  message: message(key, values),
})

/** A form control's or a cell's value as text: numbers (a test, a spreadsheet) as they would be typed. */
function textOf(raw: unknown): string {
  if (typeof raw === 'string') return raw
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw)
  if (Array.isArray(raw)) return raw.map(textOf).join(';')
  return ''
}

/** What the text rule needs to know of a field: its label (for the message), its limit, whether it is required. */
interface TextSpec {
  label: string
  max?: number
  required?: boolean
}

/** Free text: one kind of line break, no control characters, trimmed, at most `max` graphemes. */
function readText(spec: TextSpec, raw: unknown): Read<string | null> {
  const text = normaliseLineBreaks(textOf(raw)).trim()
  const control = controlCharacterIn(text)
  if (control) return fail('validation.control', { field: spec.label, char: control })
  if (text === '') return spec.required ? fail('validation.required') : ok(null)
  // A text no longer in UTF-16 units than the limit has no more graphemes than that: segmenting
  // it (a third of an import's reading time) can be skipped.
  if (spec.max !== undefined && text.length > spec.max) {
    const count = graphemeCount(text)
    if (count > spec.max) return fail('validation.tooLongHas', { max: spec.max, length: count })
  }
  return ok(text)
}

/**
 * Text that is not an item field (a reason, a note) under the same rule as the item's text:
 * for any form or API body that takes free text. Empty is undefined.
 */
export function freeText(spec: TextSpec) {
  return z.unknown().transform((raw, ctx) => {
    const read = readText(spec, raw)
    if (read.ok) return read.value ?? undefined
    ctx.addIssue({ code: 'custom', message: read.message })
    return z.NEVER
  })
}

function ok<T>(value: T): Read<T> {
  return { ok: true, value }
}

const CODE_MESSAGES: Record<string, string> = {
  modalities: 'validation.modality',
  proposers: 'validation.country',
  status: 'validation.status',
}

/** Codes from checkboxes (an array) or a cell (';'-separated); each known, each once. */
function readCodes(field: Field & { codes: readonly string[] }, raw: unknown): Read<string[]> {
  const list = Array.isArray(raw) ? raw.map((v) => textOf(v).trim()).filter(Boolean) : splitList(textOf(raw))
  const unknown = list.filter((code) => !field.codes.includes(code))
  if (unknown.length)
    return fail(CODE_MESSAGES[field.name] ?? 'validation.status', {
      value: unknown,
      allowed: field.codes,
    })
  return ok([...new Set(list)])
}

/** Reads one field's text (form control or interchange cell alike) into its stored value. */
export function readField<F extends InputField>(field: F, raw: unknown): Read<InputValues[F['name']]>
export function readField(field: InputField, raw: unknown): Read<unknown> {
  const kind: FieldKind = field.kind
  if (kind === 'codes') return readCodes(field as Field & { codes: readonly string[] }, raw)
  const text = readText(
    {
      label: field.label,
      max: 'max' in field ? field.max : undefined,
      required: 'required' in field && field.required,
    },
    raw,
  )
  if (!text.ok || kind === 'ref' || kind === 'text' || kind === 'taxonomy') {
    if (kind === 'ref' && text.ok && text.value !== null) {
      if (!REF_PATTERN.test(text.value)) return fail('validation.ref')
      if (isReservedRef(text.value)) return fail('validation.refReserved')
    }
    if (text.ok && text.value !== null && 'pattern' in field && !field.pattern.regex.test(text.value))
      return fail(field.pattern.message)
    return text
  }
  const value = text.value
  switch (kind) {
    case 'list':
      return ok(splitList(value))
    case 'status': {
      // an empty status is a new item's: proposed
      if (value === null) return ok('proposed')
      return (field as { codes: readonly string[] }).codes.includes(value)
        ? ok(value)
        : fail('validation.status', {
            value,
            allowed: (field as { codes: readonly string[] }).codes,
          })
    }
    case 'year': {
      if (value === null) return ok(null)
      const year = /^\d{4}$/.test(value) ? Number(value) : NaN
      return year >= YEAR_MIN && year <= YEAR_MAX
        ? ok(year)
        : fail('validation.year', { min: YEAR_MIN, max: YEAR_MAX })
    }
    case 'score':
      if (value === null) return ok(null)
      return /^[1-5]$/.test(value) ? ok(Number(value)) : fail('validation.score')
    case 'amount': {
      if (value === null) return ok(null)
      const kusd = parseUsdMillion(value)
      return kusd === null ? fail('validation.amount') : ok(kusd)
    }
    default:
      // the derived kinds (gap, quadrant, ...) are no one's input
      throw new Error(`${field.name} is not read from input`)
  }
}

/** The field's rule as a zod schema, for the form (schema.ts) and anything else that validates with zod. */
export function fieldSchema<F extends InputField>(field: F) {
  return z.unknown().transform((raw, ctx): InputValues[F['name']] => {
    const read = readField(field, raw)
    if (read.ok) return read.value
    ctx.addIssue({ code: 'custom', message: read.message })
    return z.NEVER
  })
}

// ---------------------------------------------------------------------------------------------
// Values back to text, columns and cells

/** A view value (amounts USD million) as the interchange cell holds it. */
export function cellText(field: Field, value: unknown): string {
  if (value === null || value === undefined) return ''
  switch (field.kind) {
    case 'codes':
    case 'list':
      return (value as string[]).join(';')
    case 'amount':
      return formatUsdMillion(millionToKusd(value as number))
    case 'flag':
      return value ? '1' : '0'
    default:
      return String(value)
  }
}

/** Cells holding numbers only; the others are text, neutralised against formulas on export. */
export const isNumericKind = (kind: FieldKind) =>
  kind === 'year' || kind === 'score' || kind === 'amount' || kind === 'count'

/** A view value as stored: amounts in USD thousands, the rest as they are. */
export function storedValue(field: Field, value: unknown): unknown {
  return field.kind === 'amount' ? millionToKusd(value as number | null) : value
}

/** A stored field's value (StoredFields: amounts in USD thousands) as the view holds it. */
export function viewOfStored(field: Field, value: unknown): unknown {
  return field.kind === 'amount' ? kusdToMillion(value as number | null) : value
}

/** An items column's value (amounts in USD thousands, 0/1 flags, ';'-joined lists) as the view holds it. */
export function fromColumn(field: Field, value: unknown): unknown {
  if (field.kind === 'amount') return kusdToMillion(value == null ? null : Number(value))
  if (field.kind === 'flag') return Number(value) === 1
  if (field.kind === 'list') return splitList(value as string)
  return value
}

/** A code list from the ';'-joined key the item row carries for it (the field's `list.key`, written by itemColumns in the list's order). */
export const codesFromKey = (key: string | null | undefined): string[] => (key ? key.split(';') : [])

/** A field's value when nothing is said: a new item is proposed, lists are empty, the rest null. */
export const emptyValue = (field: InputField): unknown =>
  field.kind === 'status' ? 'proposed' : field.kind === 'codes' || field.kind === 'list' ? [] : null

/** The input fields of a view, as stored values: what an import leaves as it is. */
export function inputValuesOf(item: Pick<FieldValues, InputName>): InputValues {
  const values: Record<string, unknown> = {}
  for (const field of INPUT_FIELDS) values[field.name] = storedValue(field, item[field.name])
  return values as InputValues
}

type ColumnKey<F extends InputField> = F['column'] extends null ? F['name'] : NonNullable<F['column']>
type StoredColumn<F extends InputField> = F extends { kind: 'taxonomy' }
  ? F extends { required: true }
    ? string
    : string | null
  : InputValues[F['name']]
/**
 * What a write sets, by items column (the code lists by field name, their rows being in tables
 * of their own): amounts in USD thousands, the taxonomy by id, lists as arrays.
 */
export type StoredFields = { [F in InputField as ColumnKey<F>]: StoredColumn<F> }

/** A field's key in StoredFields. */
export const storedKey = (field: InputField): keyof StoredFields =>
  (field.column ?? field.name) as keyof StoredFields

/** StoredFields made field by field: `valueOf` answers each input field's stored value. */
export function storedFieldsOf(valueOf: (field: InputField) => unknown): StoredFields {
  const out: Record<string, unknown> = {}
  for (const field of INPUT_FIELDS) out[storedKey(field)] = valueOf(field)
  return out as StoredFields
}
