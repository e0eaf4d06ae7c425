import { parse } from 'csv-parse/sync'
import { z } from 'zod'
import { restoreNeutralised } from '../exports/formula'
import {
  COUNTRY_CODES,
  MODALITIES,
  STATUSES,
  type CountryCode,
  type Modality,
  type Status,
} from '../portfolio/codes'
import { parseUsdMillion } from '../portfolio/money'
import { isReservedRef, REF_PATTERN, splitList } from '../portfolio/schema'

// The item interchange format (../shared/data/README.md): reading and checking a file, row by row,
// before anything is written. Shared by the command-line importer and the browser one
// (files.server.ts decides CSV or XLSX and reads a workbook into the same records).

export const COLUMNS = [
  'ref',
  'strategy',
  'pillar',
  'area',
  'title_en',
  'title_zh',
  'title_ru',
  'modalities',
  'proposers',
  'status',
  'start_year',
  'end_year',
  'cost_usd_m',
  'secured_usd_m',
  'partners',
  'strategic_importance',
  'ease_of_implementation',
  'description_en',
  'source',
] as const
export type Column = (typeof COLUMNS)[number]
const REQUIRED: Column[] = ['ref', 'strategy', 'title_en']

/** A problem with the file: `row` counts like a spreadsheet (the header is row 1), 0 for the file as a whole. */
export interface ImportError {
  row: number
  column: string | null
  /** a translation key under import.error, with `values` for its placeholders */
  key: string
  values?: Record<string, string | number>
}

export interface ImportRow {
  row: number
  ref: string
  strategy: string
  pillar: string | null
  area: string | null
  title_en: string
  title_zh: string | null
  title_ru: string | null
  modalities: Modality[]
  proposers: CountryCode[]
  status: Status
  start_year: number | null
  end_year: number | null
  cost_kusd: number | null
  secured_kusd: number | null
  partners: string[]
  strategic_importance: number | null
  ease_of_implementation: number | null
  description_en: string | null
  source: string | null
}

type Cells = Partial<Record<Column, string>>

const text = (max: number) =>
  z
    .string()
    .max(max, 'tooLong')
    .transform((v) => v || null)
const year = z.string().transform((v, ctx) => {
  if (v === '') return null
  if (!/^\d{4}$/.test(v)) {
    ctx.addIssue({ code: 'custom', message: 'year' })
    return z.NEVER
  }
  return Number(v)
})
const amount = z.string().transform((v, ctx) => {
  if (v === '') return null
  const kusd = parseUsdMillion(v)
  if (kusd === null) {
    ctx.addIssue({ code: 'custom', message: 'amount' })
    return z.NEVER
  }
  return kusd
})
const score = z.string().transform((v, ctx) => {
  if (v === '') return null
  if (!/^[1-5]$/.test(v)) {
    ctx.addIssue({ code: 'custom', message: 'score' })
    return z.NEVER
  }
  return Number(v)
})
const codes = <Code extends string>(allowed: readonly Code[], message: string) =>
  z.string().transform((v, ctx) => {
    const list = splitList(v)
    const unknown = list.filter((code) => !(allowed as readonly string[]).includes(code))
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', message, params: { value: unknown.join(', ') } })
      return z.NEVER
    }
    return [...new Set(list)] as Code[]
  })

const RowSchema = z
  .object({
    // piped so an empty ref reports only that it is required, not also that it is malformed
    ref: z
      .string()
      .min(1, 'required')
      .pipe(
        z
          .string()
          .regex(REF_PATTERN, 'ref')
          .refine((ref) => !isReservedRef(ref), 'refReserved'),
      ),
    strategy: z.string().min(1, 'required').max(300, 'tooLong'),
    pillar: text(300),
    area: text(300),
    title_en: z.string().min(1, 'required').max(500, 'tooLong'),
    title_zh: text(500),
    title_ru: text(500),
    modalities: codes(MODALITIES, 'modality'),
    proposers: codes(COUNTRY_CODES, 'country'),
    status: z.string().transform((v, ctx): Status => {
      if (v === '') return 'proposed'
      if (!(STATUSES as readonly string[]).includes(v)) {
        ctx.addIssue({ code: 'custom', message: 'status', params: { value: v } })
        return z.NEVER
      }
      return v as Status
    }),
    start_year: year,
    end_year: year,
    cost_usd_m: amount,
    secured_usd_m: amount,
    partners: z.string().transform((v) => splitList(v)),
    strategic_importance: score,
    ease_of_implementation: score,
    description_en: text(10000),
    source: text(1000),
  })
  .superRefine((r, ctx) => {
    if (r.area && !r.pillar) ctx.addIssue({ code: 'custom', path: ['area'], message: 'areaWithoutPillar' })
    if (r.start_year != null && r.end_year != null && r.end_year < r.start_year)
      ctx.addIssue({ code: 'custom', path: ['end_year'], message: 'endBeforeStart' })
    if (r.cost_usd_m != null && r.secured_usd_m != null && r.secured_usd_m > r.cost_usd_m)
      ctx.addIssue({ code: 'custom', path: ['secured_usd_m'], message: 'securedOverCost' })
  })

export type ParseResult = { ok: true; rows: ImportRow[] } | { ok: false; errors: ImportError[] }

/** One line of a spreadsheet: its row number as the user sees it (the header is row 1) and its cells as text. */
export interface SheetRecord {
  row: number
  cells: string[]
}

/** Reads a whole interchange CSV and checks every row; any error means no rows are returned. */
export function readInterchangeCsv(content: string | Buffer): ParseResult {
  let records: string[][]
  try {
    records = parse(content, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: false,
    }) as string[][]
  } catch (error) {
    const info = error as { lines?: number; message?: string }
    return {
      ok: false,
      errors: [
        { row: info.lines ?? 0, column: null, key: 'csv', values: { detail: String(info.message ?? error) } },
      ],
    }
  }
  // A record is a spreadsheet row, even when a quoted cell spans several lines of the file.
  return checkRecords(records.map((cells, index) => ({ row: index + 1, cells })))
}

/**
 * Checks the header (the first record) and every row after it, from CSV or a workbook alike;
 * any error means no rows are returned.
 */
export function checkRecords(records: SheetRecord[]): ParseResult {
  const [header, ...body] = records
  if (!header || body.length === 0) return { ok: false, errors: [{ row: 0, column: null, key: 'empty' }] }

  const errors: ImportError[] = []
  const names = header.cells.map((h) => h.trim())
  names.forEach((name) => {
    if (!(COLUMNS as readonly string[]).includes(name))
      errors.push({ row: header.row, column: name, key: 'unknownColumn' })
  })
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i)))
    errors.push({ row: header.row, column: name, key: 'duplicateColumn' })
  for (const name of REQUIRED)
    if (!names.includes(name)) errors.push({ row: header.row, column: name, key: 'missingColumn' })
  if (errors.length) return { ok: false, errors }

  const rows: ImportRow[] = []
  const seen = new Map<string, number>()
  body.forEach(({ row, cells: record }) => {
    const cells: Cells = {}
    // An export put an apostrophe before text that starts like a formula (exports/formula.ts): take it off.
    names.forEach((name, i) => (cells[name as Column] = restoreNeutralised((record[i] ?? '').trim())))
    const raw = Object.fromEntries(COLUMNS.map((c) => [c, cells[c] ?? '']))
    // A repeated ref is found whatever else is wrong with either row, so one pass lists every problem.
    const ref = (cells.ref ?? '').trim()
    const first = ref ? seen.get(ref.toLowerCase()) : undefined
    if (first) errors.push({ row, column: 'ref', key: 'duplicateRef', values: { value: ref, first } })
    else if (ref) seen.set(ref.toLowerCase(), row)
    const parsed = RowSchema.safeParse(raw)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '')
        const params = 'params' in issue ? (issue.params as Record<string, string> | undefined) : undefined
        errors.push({
          row,
          column,
          key: issue.message,
          values: { value: params?.value ?? cells[column as Column] ?? '' },
        })
      }
      return
    }
    const { cost_usd_m, secured_usd_m, ...r } = parsed.data
    if (first) return
    rows.push({ row, ...r, cost_kusd: cost_usd_m, secured_kusd: secured_usd_m })
  })
  if (errors.length) return { ok: false, errors }
  return { ok: true, rows }
}
