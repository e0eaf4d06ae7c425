import { parse } from 'csv-parse/sync'
import { DAC_CODE } from './publisher'

/** The rows of an area codes file (area,dac_code[,purpose]; UTF-8) as area name -> code. */
export function parseAreaCodes(csv: string | Buffer): Map<string, string> {
  const rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Array<
    Record<string, string | undefined>
  >
  return new Map(
    rows.map((row, index) => {
      if (!row.area || !row.dac_code || !DAC_CODE.test(row.dac_code))
        throw new Error(`row ${index + 2}: area and a 5-digit dac_code are required`)
      return [row.area, row.dac_code] as const
    }),
  )
}
