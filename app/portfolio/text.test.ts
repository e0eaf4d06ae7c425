import { describe, expect, it } from 'vitest'
import { controlCharacterIn, graphemeCount, normaliseLineBreaks, shorten } from './text'

describe('free text', () => {
  it('stores one kind of line break: CRLF (browsers, Windows files) and a lone CR become LF', () => {
    expect(normaliseLineBreaks('one\r\ntwo\rthree\nfour')).toBe('one\ntwo\nthree\nfour')
    expect(normaliseLineBreaks('\r\n\r\n')).toBe('\n\n')
  })

  it('finds C0 control characters other than tab and line feed, named as U+XXXX', () => {
    expect(controlCharacterIn('tab\tand\nline feed are fine')).toBeNull()
    expect(controlCharacterIn('a NUL \u0000 here')).toBe('U+0000')
    expect(controlCharacterIn('escape \u001b[31m')).toBe('U+001B')
    expect(controlCharacterIn('vertical tab \u000b')).toBe('U+000B')
    expect(controlCharacterIn('a bare CR \r')).toBe('U+000D')
    // not C0: DEL, C1 controls and ordinary text pass
    expect(controlCharacterIn('\u007f\u0085 Привет 你好')).toBeNull()
  })

  it('counts what a person sees: emoji, combining marks and CJK are one character each', () => {
    expect(graphemeCount('abc')).toBe(3)
    expect(graphemeCount('👍')).toBe(1) // two UTF-16 code units
    expect(graphemeCount('👨‍👩‍👧‍👦')).toBe(1) // a family: seven code points joined
    expect(graphemeCount('🇰🇿')).toBe(1) // a flag: two regional indicators
    expect(graphemeCount('é')).toBe(1) // e and a combining acute accent
    expect(graphemeCount('й')).toBe(1) // и and a combining breve
    expect(graphemeCount('丝绸之路')).toBe(4)
    expect(graphemeCount('𠀀')).toBe(1) // a CJK ideograph outside the BMP
    expect(graphemeCount('line\r\nbreak')).toBe(10) // CRLF is one character
  })

  it('shortens a value for a message without cutting a character in two', () => {
    expect(shorten('abcdef', 3)).toBe('abc…')
    expect(shorten('👍👍👍', 2)).toBe('👍👍…')
    expect(shorten('short', 40)).toBe('short')
  })
})
