import ExcelJS from 'exceljs'
import { COUNTRY_CODES, MODALITIES, STATUSES } from '../app/portfolio/codes'
import { COLUMNS } from '../app/importer/interchange'

// A generated interchange CSV for the import bench (scripts/bench-import.ts): every column the
// format has, a taxonomy of a few strategies, pillars and areas (as a plan has), titles in three
// languages, deterministic from the row number so two runs import the same file.

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)

/** Row `n` of the generated file, by column; `prefix` makes the refs of one file. */
export function generatedRow(n: number, prefix = 'GEN'): Record<string, string> {
  const strategy = n % 3
  const pillar = (n >> 2) % 4
  const area = (n >> 4) % 3
  const countries = COUNTRY_CODES.length
  const start = 2020 + (n % 10)
  const cost = ((n * 37) % 5000) / 10 + 1
  return {
    ref: `${prefix}-${String(n).padStart(6, '0')}`,
    strategy: `Generated strategy ${strategy + 1}`,
    pillar: `Pillar ${pillar + 1}: generated pillar ${strategy + 1}.${pillar + 1}`,
    area: `${area + 1} Generated area ${strategy + 1}.${pillar + 1}.${area + 1}`,
    title_en: `Regional corridor improvement project number ${n}, phase ${(n % 4) + 1}`,
    title_zh: `区域走廊改善项目 第${n}号，第${(n % 4) + 1}期`,
    title_ru: `Проект улучшения регионального коридора № ${n}, этап ${(n % 4) + 1}`,
    modalities: [MODALITIES[n % 4], MODALITIES[(n + 1) % 4]].join(';'),
    proposers: [COUNTRY_CODES[n % countries], COUNTRY_CODES[(n + 3) % countries]].join(';'),
    status: STATUSES[n % STATUSES.length]!,
    start_year: String(start),
    end_year: String(start + 1 + (n % 5)),
    cost_usd_m: cost.toFixed(1),
    secured_usd_m: (cost / 2).toFixed(1),
    partners: n % 2 ? 'ADB;World Bank' : 'AIIB',
    strategic_importance: String((n % 5) + 1),
    ease_of_implementation: String(((n >> 1) % 5) + 1),
    description_en: `A generated item for the import bench. It improves the corridor's road and rail links, border crossings and logistics services (row ${n}).`,
    source: 'Generated for npm run bench',
    dac_code: '21020',
  }
}

/** An interchange CSV of `rows` generated rows, numbered from `first`. */
export function generatedCsv(rows: number, first = 1, prefix = 'GEN'): string {
  const lines = [COLUMNS.join(',')]
  for (let n = first; n < first + rows; n++) {
    const row = generatedRow(n, prefix)
    lines.push(COLUMNS.map((c) => quote(row[c] ?? '')).join(','))
  }
  return lines.join('\r\n') + '\r\n'
}

/** The same rows as an XLSX workbook exceljs writes (text cells, as the CSV's; shared strings after the sheet, as exceljs and Excel order them). */
export async function generatedXlsx(rows: number, first = 1, prefix = 'GEN'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Items')
  sheet.addRow([...COLUMNS])
  for (let n = first; n < first + rows; n++) {
    const row = generatedRow(n, prefix)
    sheet.addRow(COLUMNS.map((c) => row[c] ?? ''))
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
