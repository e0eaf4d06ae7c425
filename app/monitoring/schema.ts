import { z } from 'zod'
import { message } from '../i18n/message'
import { COUNTRY_CODES } from '../portfolio/codes'
import { DIRECTIONS, FREQUENCIES } from './codes'

// The monitoring framework's forms (zod, shared by the pages and their actions). Messages are
// translation keys (kpi.validation.*) that name the field and its limit.

export const KPI_NAME_MAX = 300
export const KPI_TEXT_MAX = 2000
export const KPI_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/
export const KPI_VALUE_LIMIT = 1e12

const text = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, message('kpi.validation.tooLong', { field, max }))
    .optional()
    .transform((v) => (v ? v : null))

const required = (field: string, max: number) =>
  z
    .string({ required_error: message('kpi.validation.required', { field }) })
    .trim()
    .min(1, message('kpi.validation.required', { field }))
    .max(max, message('kpi.validation.tooLong', { field, max }))

/** A number typed in a form: empty is null; a comma as decimal separator is read as a point. */
export const optionalNumber = (field: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const trimmed = (raw ?? '').trim().replace(/\s/g, '').replace(',', '.')
      if (trimmed === '') return null
      const value = Number(trimmed)
      if (!Number.isFinite(value) || Math.abs(value) > KPI_VALUE_LIMIT) {
        ctx.addIssue({ code: 'custom', message: message('kpi.validation.number', { field }) })
        return z.NEVER
      }
      return value
    })

const optionalYear = (field: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const trimmed = (raw ?? '').trim()
      if (trimmed === '') return null
      const year = Number(trimmed)
      if (!/^\d{4}$/.test(trimmed) || year < 1990 || year > 2100) {
        ctx.addIssue({
          code: 'custom',
          message: message('kpi.validation.year', { field, min: 1990, max: 2100 }),
        })
        return z.NEVER
      }
      return year
    })

/** A KPI's own description, as the secretariat edits it (names, bodies, frequency, unit, direction). */
export const KpiForm = z.object({
  name_en: required('kpi.field.name_en', KPI_NAME_MAX),
  name_zh: text('kpi.field.name_zh', KPI_NAME_MAX),
  name_ru: text('kpi.field.name_ru', KPI_NAME_MAX),
  unit: text('kpi.field.unit', 50),
  direction: z.enum(DIRECTIONS, { errorMap: () => ({ message: 'kpi.validation.direction' }) }),
  frequency: z.enum(FREQUENCIES, { errorMap: () => ({ message: 'kpi.validation.frequency' }) }),
  responsible: text('kpi.field.responsible', KPI_TEXT_MAX),
  supporting: text('kpi.field.supporting', KPI_TEXT_MAX),
})
export type KpiInput = z.output<typeof KpiForm>

/** A new KPI: its code, strategy and recommendation besides the description. */
export const NewKpiForm = KpiForm.extend({
  code: required('kpi.field.code', 20).regex(KPI_CODE_PATTERN, 'kpi.validation.code'),
  strategy: required('kpi.field.strategy', KPI_NAME_MAX),
  recommendation: required('kpi.field.recommendation', KPI_NAME_MAX),
})
export type NewKpiInput = z.output<typeof NewKpiForm>

/** One scope's baseline and target (a country or REG, the regional one). */
export const TargetForm = z.object({
  scope: z.enum(COUNTRY_CODES, { errorMap: () => ({ message: 'kpi.validation.scope' }) }),
  baseline: optionalNumber('kpi.field.baseline'),
  baseline_year: optionalYear('kpi.field.baseline_year'),
  target: optionalNumber('kpi.field.target'),
  target_year: optionalYear('kpi.field.target_year'),
})
export type TargetInput = z.output<typeof TargetForm>

export const ReturnForm = z.object({
  reason: required('kpi.field.reason', KPI_TEXT_MAX),
})

/** One KPI's line of a country report. */
export const ReportLine = z.object({
  value: optionalNumber('kpi.field.value'),
  source: text('kpi.field.source', 500),
  note: text('kpi.field.note', KPI_TEXT_MAX),
})
export type ReportLineInput = z.output<typeof ReportLine>

/**
 * A report form's lines from its fields, named value.CODE, source.CODE and note.CODE: the lines of
 * the given KPI codes, or the first problem (its message and the field it is about).
 */
export function readReportLines(
  form: FormData,
  codes: readonly string[],
): { ok: true; lines: Record<string, ReportLineInput> } | { ok: false; errors: Record<string, string> } {
  const lines: Record<string, ReportLineInput> = {}
  const errors: Record<string, string> = {}
  for (const code of codes) {
    const field = (name: string) => {
      const raw = form.get(`${name}.${code}`)
      return typeof raw === 'string' ? raw : undefined
    }
    const parsed = ReportLine.safeParse({
      value: field('value'),
      source: field('source'),
      note: field('note'),
    })
    if (parsed.success) lines[code] = parsed.data
    else for (const issue of parsed.error.issues) errors[`${String(issue.path[0])}.${code}`] = issue.message
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, lines }
}
