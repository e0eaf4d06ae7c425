import type ExcelJS from 'exceljs'
import { onFirstUse } from '../load-package.server'
import { neutraliseFormula } from '../exports/formula'
import { HEADER_STYLE } from '../exports/xlsx.server'
import { translator } from '../i18n/i18n'
import { messageKey } from '../i18n/keys'
import type { Language } from '../i18n/languages'
import { nameIn } from './names'
import type { Scorecard } from './scorecard.server'

const excel = onFirstUse<typeof ExcelJS>('exceljs')

// The scorecard as a spreadsheet: one row per KPI and country (a long table a reader can filter
// and pivot), in the reader's language, with the progress as a label and a percentage, never as a
// colour alone. The scorecard is small (KPIs x ten countries), so the workbook is made in memory.

const cell = (value: string | number | null): ExcelJS.CellValue =>
  typeof value === 'string' ? neutraliseFormula(value) : value

export async function scorecardXlsx(card: Scorecard, language: Language): Promise<Buffer> {
  const t = translator(language)
  const workbook = new (excel().Workbook)()
  workbook.creator = t('app.name')
  const sheet = workbook.addWorksheet(t('kpi.scorecard.sheet'), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }],
  })
  const headers = [
    t('kpi.field.code'),
    t('kpi.field.name'),
    t('kpi.field.recommendation'),
    t('kpi.field.unit'),
    t('kpi.field.country'),
    t('kpi.field.period'),
    t('kpi.field.state'),
    t('kpi.field.value'),
    t('kpi.field.baseline'),
    t('kpi.field.target'),
    t('kpi.scorecard.progressLabel'),
    t('kpi.scorecard.progressPercent'),
    t('kpi.scorecard.trendLabel'),
  ]
  sheet.columns = [10, 50, 40, 10, 20, 10, 14, 14, 14, 14, 18, 12, 16].map((width) => ({ width }))
  const header = sheet.addRow(headers.map(cell))
  header.eachCell((c) => (c.style = HEADER_STYLE))
  for (const row of card.rows)
    for (const c of row.cells)
      sheet.addRow(
        [
          row.code,
          nameIn(row.name, language),
          nameIn(row.recommendation, language),
          row.unit,
          t(messageKey(`country.${c.country}`)),
          c.source,
          t(`kpi.state.${c.state}`),
          c.value,
          c.baseline,
          c.target,
          t(`kpi.progress.${c.progress.status}`),
          c.progress.ratio,
          c.trend ? t(`kpi.trend.${c.trend}`) : t('kpi.trend.none'),
        ].map(cell),
      )
  sheet.getColumn(12).numFmt = '0%'
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: sheet.rowCount, column: headers.length } }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
