import { parseWithZod } from '@conform-to/zod'
import { z } from 'zod'
import { withLocalAmounts } from '../i18n/amount-input'
import { message } from '../i18n/message'
import { cellText, fieldSchema, INPUT_FIELDS, type InputName, type InputValues } from './field-kinds'
import { fieldsOn, type FieldOn } from './fields'
import type { ItemView } from './item-view'
import { itemRules } from './rules'

export { isReservedRef, REF_PATTERN, RESERVED_REFS, splitList } from './field-kinds'
export { SOURCE_FIELDS } from './rules'

// The create/edit form, derived from the field registry (fields.ts): each field on the form is
// checked by the same rule as its interchange column (field-kinds.ts readField), and the rules
// between fields are the importer's too (rules.ts). Messages are translation keys with their
// values (app/i18n/message.ts); the form translates them where it shows them.

type FormField = FieldOn<'form'>
/** The form's control for a field: the taxonomy is chosen by id. */
type ControlName<F extends FormField> = F extends { kind: 'taxonomy' } ? `${F['name']}_id` : F['name']
type ControlOutput<F extends FormField> = F extends { kind: 'taxonomy' }
  ? F extends { required: true }
    ? string
    : string | null
  : InputValues[F['name']]
type ControlInput<F extends FormField> = F extends { kind: 'codes' } ? string[] | string : string | number

/** What the server works with: amounts in thousands of USD, the taxonomy by id. */
export type ItemInput = { [F in FormField as ControlName<F>]: ControlOutput<F> } & {
  /** the version the user started from: a stale one is a conflict, never an overwrite */
  version: number | null
  /** set by "save my version over theirs" after a conflict: the version the user has now seen */
  overwrite_version: number | null
}
/** What the form sends (text, lists from checkboxes); numbers stand for their text. */
export type ItemFormInput = { [F in FormField as ControlName<F>]?: ControlInput<F> } & {
  version?: string | number
  overwrite_version?: string | number
}

const FORM_FIELDS = fieldsOn('form')

/** The control's name for a field on the form. */
export function controlName(name: InputName): string {
  const field = INPUT_FIELDS.find((f) => f.name === name)
  return field?.kind === 'taxonomy' ? `${name}_id` : name
}

/** An id chosen in a select: required or not, like the field. */
const idSchema = (required: boolean) =>
  z.unknown().transform((raw, ctx) => {
    const id = typeof raw === 'string' ? raw.trim() : ''
    if (id === '' && required) ctx.addIssue({ code: 'custom', message: 'validation.required' })
    return id === '' ? null : id
  })

const versionSchema = z.unknown().transform((raw, ctx) => {
  if (raw === undefined || raw === '' || raw === null) return null
  const version = Number(raw)
  if (Number.isInteger(version) && version >= 1) return version
  ctx.addIssue({ code: 'custom', message: 'validation.required' })
  return z.NEVER
})

const shape: Record<string, z.ZodTypeAny> = {
  version: versionSchema,
  overwrite_version: versionSchema,
}
/**
 * The titles on the form: any one language is enough (issue 9), so none is required alone; the
 * rule below asks for one. The interchange format keeps title_en required (field registry).
 */
const TITLES = ['title_en', 'title_ru', 'title_zh'] as const
for (const field of FORM_FIELDS)
  shape[controlName(field.name)] =
    field.kind === 'taxonomy'
      ? idSchema('required' in field && field.required)
      : fieldSchema(
          field.name === 'title_en' ? ({ ...field, required: false } as unknown as typeof field) : field,
        )

/**
 * The create/edit form, shared by the browser (as the user types) and the action (always).
 * Status is not on it: it changes only through workflow transitions (app/workflow/transitions.ts);
 * a status posted anyway is dropped by the parse, like any other unknown field.
 */
export const ItemForm = z
  .object(shape)
  .superRefine((value, ctx) => {
    const item = value as unknown as ItemInput
    const issues = itemRules({ ...item, pillar: item.pillar_id, area: item.area_id })
    for (const issue of issues)
      ctx.addIssue({ code: 'custom', path: [controlName(issue.field)], message: message(issue.message) })
    if (TITLES.every((name) => !value[name]))
      ctx.addIssue({ code: 'custom', path: ['title_en'], message: 'validation.titleAny' })
  })
  // title_en is a required column: an item titled only in Russian or Chinese keeps '' there, which
  // every reader of titles takes as "no English title" (app/portfolio/item-text.ts)
  .transform((value) => ({ ...value, title_en: value.title_en ?? '' })) as unknown as z.ZodType<
  ItemInput,
  z.ZodTypeDef,
  ItemFormInput
>

/**
 * Parses a posted item form: the browser's check as the user types and the action's, alike.
 * Amounts typed the reader's way ("1 234,5" in Russian) become the plain form first
 * (docs/decisions/0024-languages.md); then each field reads its own text (field-kinds.ts), so
 * conform's coercion stays out of the way.
 */
export function parseItemForm(formData: FormData | URLSearchParams, language?: string) {
  return parseWithZod(formData, { schema: withLocalAmounts(ItemForm, language), disableAutoCoercion: true })
}

/** The form filled from a stored item, as the edit page opens it. */
export function formValuesOf(item: ItemView): ItemFormInput {
  const values: Record<string, unknown> = { version: String(item.version) }
  for (const field of FORM_FIELDS) {
    const value = item[field.name]
    if (field.kind === 'taxonomy') values[controlName(field.name)] = item[`${field.name}_id`] ?? undefined
    else if (field.kind === 'codes') values[field.name] = value
    // '; ' between partners reads better in a text box; the list is ';'-separated either way
    else if (field.kind === 'list') values[field.name] = (value as string[]).join('; ') || undefined
    else values[field.name] = cellText(field, value) || undefined
  }
  return values as ItemFormInput
}
