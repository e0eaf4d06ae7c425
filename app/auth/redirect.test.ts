import { describe, expect, it } from 'vitest'
import { safeRedirect } from './schema'

// After signing in, the browser goes to `redirectTo`: only ever a path on this site, judged as the
// browser will read the address, not as the text looks.

describe('the address to return to after signing in', () => {
  it('keeps paths on this site, with their query', () => {
    expect(safeRedirect('/items/CITA-01-a')).toBe('/items/CITA-01-a')
    expect(safeRedirect('/items?proposers=KAZ&sort=-cost_usd_m#top')).toBe(
      '/items?proposers=KAZ&sort=-cost_usd_m#top',
    )
    expect(safeRedirect('/items?q=铁路')).toBe('/items?q=%E9%93%81%E8%B7%AF')
  })

  it.each([
    ['a tab the browser drops', '/\t/evil.example'],
    ['a line break the browser drops', '/\n/evil.example'],
    ['a carriage return', '/\r\n/evil.example/x'],
    ['a protocol-relative address', '//evil.example'],
    ['a backslash the browser reads as a slash', '/\\evil.example'],
    ['a tab before the backslash', '/\t\\evil.example'],
    ['leading spaces and controls', ' \u0000//evil.example'],
    ['a scheme', 'https://evil.example'],
    ['javascript', 'javascript:alert(1)'],
    ['a scheme hidden by a tab', 'java\tscript:alert(1)'],
    ['a relative path', 'evil.example'],
    ['nothing', ''],
  ])('goes to the home page (the dashboard) instead of %s', (_what, to) => {
    expect(safeRedirect(to)).toBe('/')
  })

  it('turns control characters inside a path into a valid address rather than an error', () => {
    const to = safeRedirect('/items\u0000x\u0007y?q=a\u0001b')
    expect(to).toBe('/items%00x%07y?q=a%01b')
    expect(() => new Headers({ Location: to })).not.toThrow()
  })
})
