import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { generatedCsv } from '../../scripts/bench-import-data'
import { csvBytes, importRow } from '../../tests/setup/fixtures'
import { csvProblem } from './csv-problem'
import { HAND_OVER, PlainCsvReader } from './csv-records'
import { FileProblem, openImportFile } from './files.server'

// The import reads a CSV's records from its bytes where it can and hands the rest to csv-parse
// (decision 0063): whatever the file, the records, their numbers and the problem told must be
// what csv-parse alone gives with the same options.

const OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: false, trim: false } as const

type Read = { records: Array<{ row: number; cells: string[] }> } | { problem: unknown }

/** csv-parse alone: the records, numbered from 1, or the problem as the import tells it. */
function byCsvParse(bytes: Buffer): Read {
  try {
    const records = parse(bytes, OPTIONS) as string[][]
    return { records: records.map((cells, i) => ({ row: i + 1, cells })) }
  } catch (error) {
    return { problem: csvProblem(error) }
  }
}

/** The import's reading, batches of `size` joined. */
async function byImport(bytes: Buffer, size: number): Promise<Read> {
  const opened = await openImportFile('plan.csv', bytes, size)
  if (!opened.ok) throw new Error(`refused: ${opened.error.key}`)
  const records: Array<{ row: number; cells: string[] }> = []
  try {
    for await (const batch of opened.source.batches) {
      expect(batch.length).toBeLessThanOrEqual(size)
      records.push(...batch.map((r) => ({ row: r.row, cells: r.cells })))
    }
  } catch (error) {
    if (error instanceof FileProblem) return { problem: error.errors[0] }
    throw error
  }
  return { records }
}

/** The records the plain reader gives before it ends or hands over, and whether it handed over. */
function plainRead(bytes: Buffer): { records: string[][]; handedOver: boolean } {
  const reader = new PlainCsvReader(bytes)
  const records: string[][] = []
  for (let cells = reader.next(); cells !== null; cells = reader.next()) {
    if (cells === HAND_OVER) return { records, handedOver: true }
    records.push(cells)
  }
  return { records, handedOver: false }
}

/** A pseudo-random generator, seeded, so a failure can be run again. */
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PIECES = [
  'a',
  'bc',
  'é',
  '中文',
  ' ',
  ',',
  ',',
  ',',
  '"',
  '""',
  '\n',
  '\n',
  '\r\n',
  '\r\n',
  '\r',
  '"x,y"',
  '"a\nb"',
]

/** A short text of the pieces a CSV is made of, plain files more likely than broken ones. */
function randomCsv(next: () => number): string {
  const plain = next() < 0.5
  if (plain) {
    const width = 1 + Math.floor(next() * 4)
    const eol = next() < 0.5 ? '\n' : '\r\n'
    const cell = () => {
      const text = Array.from(
        { length: Math.floor(next() * 3) },
        () => ['a', 'é', '中', ' ', ','][Math.floor(next() * 5)],
      ).join('')
      return next() < 0.4 || text.includes(',')
        ? `"${text.replace(/"/g, '""')}${next() < 0.2 ? '""\r\n' : ''}"`
        : text
    }
    const lines = Array.from({ length: 1 + Math.floor(next() * 5) }, () =>
      next() < 0.1 ? '' : Array.from({ length: next() < 0.05 ? width + 1 : width }, cell).join(','),
    )
    return (next() < 0.2 ? '\uFEFF' : '') + lines.join(eol) + (next() < 0.5 ? eol : '')
  }
  return (
    (next() < 0.2 ? '\uFEFF' : '') +
    Array.from({ length: Math.floor(next() * 14) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('')
  )
}

describe("an import CSV's records", () => {
  it('are the ones csv-parse gives, or its problem, whatever the text (5,000 random texts)', async () => {
    const next = random(63)
    let plainWhole = 0
    for (let n = 0; n < 5000; n++) {
      const text = randomCsv(next)
      const bytes = Buffer.from(text, 'utf8')
      if (bytes.length === 0) continue
      const expected = byCsvParse(bytes)
      const size = 1 + Math.floor(next() * 3)
      expect({ text, read: await byImport(bytes, size) }).toEqual({ text, read: expected })
      // what the plain reader returns before it hands over is csv-parse's first records
      const plain = plainRead(bytes)
      if (!plain.handedOver) {
        plainWhole++
        expect({ text, records: plain.records }).toEqual({
          text,
          records: 'records' in expected ? expected.records.map((r) => r.cells) : 'a problem',
        })
      } else if ('records' in expected)
        expect(plain.records).toEqual(expected.records.slice(0, plain.records.length).map((r) => r.cells))
    }
    // the plain reader took a good share of them whole, not only the trivial ones
    expect(plainWhole).toBeGreaterThan(1500)
  })

  it('are numbered on after the plain reader hands over, in batches of the size asked', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `r${i},"x,${i}"`)
    rows[9] = 'r9,x"9' // a quote inside a bare field: csv-parse reads from here (and refuses it)
    const broken = Buffer.from(['ref,title', ...rows].join('\n') + '\n')
    expect(await byImport(broken, 4)).toEqual(byCsvParse(broken))
    expect(plainRead(broken).records).toHaveLength(10)
    rows[9] = 'r9,x\r9' // a lone CR in a "\n" file: data to csv-parse
    const carriage = Buffer.from(['ref,title', ...rows].join('\n') + '\n')
    const read = await byImport(carriage, 4)
    expect(read).toEqual(byCsvParse(carriage))
    expect('records' in read && read.records.map((r) => r.row)).toEqual(
      Array.from({ length: 13 }, (_, i) => i + 1),
    )
    expect('records' in read && read.records[10]!.cells).toEqual(['r9', 'x\r9'])
  })

  it('of an export or the bench file are read without csv-parse', () => {
    const exported = Buffer.from(
      csvBytes([
        importRow('A-1', { title_en: 'Roads, "north" section\nphase 2', title_ru: 'Дороги' }),
        importRow('A-2', { title_zh: '公路' }),
      ]),
    )
    expect(plainRead(exported)).toMatchObject({ handedOver: false })
    expect(plainRead(exported).records).toEqual(parse(exported, OPTIONS))
    const bench = Buffer.from(generatedCsv(300))
    expect(plainRead(bench)).toEqual({ records: parse(bench, OPTIONS), handedOver: false })
  })
})
