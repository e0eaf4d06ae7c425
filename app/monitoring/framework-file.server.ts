import { parse } from 'csv-parse/sync'
import { FREQUENCIES, type Frequency } from './codes'

// Reading a monitoring framework file: one row per KPI (the Digital Strategy 2030 midterm review's
// framework, db/data/digital-kpis.csv, is the model). Required columns: recommendation_en, kpi_en,
// frequency; optional: strategy (default "Digital Strategy 2030"), code (default the file's prefix
// and the row's number, DS-01 ...), recommendation_zh/_ru, kpi_zh/_ru, responsible_en and
// supporting_en (bodies separated by ';'). Unknown columns are an error, as for the plan file.

export const DEFAULT_STRATEGY = 'Digital Strategy 2030'
export const DEFAULT_CODE_PREFIX = 'DS'

const REQUIRED = ['recommendation_en', 'kpi_en', 'frequency'] as const
const KNOWN = new Set<string>([
  ...REQUIRED,
  'strategy',
  'code',
  'recommendation_zh',
  'recommendation_ru',
  'kpi_zh',
  'kpi_ru',
  'responsible_en',
  'supporting_en',
])

export interface FrameworkRow {
  strategy: string
  code: string
  recommendation: { en: string; zh: string | null; ru: string | null }
  name: { en: string; zh: string | null; ru: string | null }
  responsible: string[]
  supporting: string[]
  frequency: Frequency
}

export type FrameworkFile =
  | { ok: true; rows: FrameworkRow[] }
  | { ok: false; errors: Array<{ line: number; message: string }> }

const text = (value: string | undefined) => {
  const trimmed = (value ?? '').trim()
  return trimmed === '' ? null : trimmed
}
const bodies = (value: string | undefined) =>
  (value ?? '')
    .split(';')
    .map((b) => b.trim())
    .filter(Boolean)

/** The rows of a framework file, or every problem found with its line (1 is the header). */
export function readFrameworkFile(content: string | Buffer): FrameworkFile {
  let records: Array<Record<string, string>>
  try {
    records = parse(content, { columns: true, bom: true, skip_empty_lines: true, trim: false })
  } catch (error) {
    return {
      ok: false,
      errors: [{ line: 1, message: error instanceof Error ? error.message : String(error) }],
    }
  }
  const header = records[0] ? Object.keys(records[0]) : []
  const errors: Array<{ line: number; message: string }> = []
  for (const column of header)
    if (!KNOWN.has(column)) errors.push({ line: 1, message: `unknown column "${column}"` })
  for (const column of REQUIRED)
    if (!header.includes(column)) errors.push({ line: 1, message: `missing column "${column}"` })
  if (errors.length > 0) return { ok: false, errors }

  const rows: FrameworkRow[] = []
  const codes = new Set<string>()
  records.forEach((record, index) => {
    const line = index + 2
    const recommendation = text(record.recommendation_en)
    const name = text(record.kpi_en)
    const frequency = text(record.frequency)?.toLowerCase()
    if (!recommendation) errors.push({ line, message: 'recommendation_en is empty' })
    if (!name) errors.push({ line, message: 'kpi_en is empty' })
    if (!FREQUENCIES.includes(frequency as Frequency))
      errors.push({ line, message: `frequency must be one of ${FREQUENCIES.join(', ')}` })
    const code = text(record.code) ?? `${DEFAULT_CODE_PREFIX}-${String(index + 1).padStart(2, '0')}`
    if (codes.has(code)) errors.push({ line, message: `code ${code} appears twice` })
    codes.add(code)
    if (!recommendation || !name || !FREQUENCIES.includes(frequency as Frequency)) return
    rows.push({
      strategy: text(record.strategy) ?? DEFAULT_STRATEGY,
      code,
      recommendation: {
        en: recommendation,
        zh: text(record.recommendation_zh),
        ru: text(record.recommendation_ru),
      },
      name: { en: name, zh: text(record.kpi_zh), ru: text(record.kpi_ru) },
      responsible: bodies(record.responsible_en),
      supporting: bodies(record.supporting_en),
      frequency: frequency as Frequency,
    })
  })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows }
}
