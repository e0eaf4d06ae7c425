import { describe, expect, it } from 'vitest'
import { LANGUAGES, translator } from './i18n'

// The catalogues' parity (every key in every language) is catalogues.test.ts; this is the other
// half of "a missing key fails": the typecheck refuses a key the English catalogue lacks.

describe('translation keys', () => {
  it('are typed: an unknown key fails the typecheck, and at run time shows as itself', () => {
    const t = translator()
    // @ts-expect-error: not a key of the catalogue. Were it accepted, `npm run typecheck` would
    // fail on this line ("unused @ts-expect-error"): keys would no longer be checked.
    expect(t('no.such.key')).toBe('no.such.key')
    for (const language of LANGUAGES) expect(translator(language)('app.name')).toBe('CAREC Pipeline')
  })
})
