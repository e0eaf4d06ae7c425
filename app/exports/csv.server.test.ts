import { stringify } from 'csv-stringify/sync'
import { describe, expect, it } from 'vitest'
import { csvRecords } from './csv.server'
import { neutraliseCsvText } from './formula'

// The CSV writer and the formula neutraliser were rewritten for speed (docs/decisions/0047): the
// files they write must stay byte for byte what they wrote before, so exports made before and
// after compare equal and every reader of the old files reads the new ones.

/** Seeded text from the characters that matter to quoting and neutralising, and some that do not. */
function randomTexts(seed: number, count: number): string[] {
  let state = seed
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31), state / 2 ** 31)
  const pieces = [
    ',',
    ';',
    '"',
    "'",
    '\r',
    '\n',
    '\r\n',
    '\t',
    '=',
    '+',
    '-',
    '@',
    ' ',
    'a',
    'Zz',
    '铁路',
    'Ж',
    '1.5',
    '',
  ]
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join(
      '',
    ),
  )
}

/** The neutraliser as it was, a character at a time (the reference). */
function neutraliseBefore(text: string): string {
  if (!/[=+\-@\t\r]/.test(text)) return text
  let out = ''
  for (let at = 0; at < text.length; at++) {
    const starts = at === 0 || [',', ';', '\t', '\r', '\n'].includes(text[at - 1]!)
    const sticky = /['"]*[=+\-@\t\r]/y
    sticky.lastIndex = at
    if (starts && sticky.test(text)) out += "'"
    out += text[at]
  }
  return out
}

describe('the CSV writer', () => {
  it('writes exactly what csv-stringify wrote with the export options', () => {
    const texts = randomTexts(20261203, 4000)
    const records = Array.from({ length: 400 }, (_, r) => texts.slice(r * 10, r * 10 + 10))
    const options = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ } as const
    expect(csvRecords(records)).toBe(stringify(records, options))
    expect(csvRecords([['a', '', 'b"c', 'x,y', 'line\nbreak', 'cr\ronly']])).toBe(
      'a,,"b""c","x,y","line\nbreak","cr\ronly"\r\n',
    )
  })

  it('neutralises formulas exactly as before', () => {
    for (const text of randomTexts(42, 5000)) expect(neutraliseCsvText(text)).toBe(neutraliseBefore(text))
    expect(neutraliseCsvText('a-b;=c,\t\td')).toBe("a-b;'=c,'\t'\td")
  })
})
