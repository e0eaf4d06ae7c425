import type { ParseKeys } from 'i18next'

/** A key of the catalogue (app/i18n/en.ts), as `t` accepts it; a misspelt one fails the typecheck. */
export type TranslationKey = ParseKeys

/**
 * A key that reaches `t` as data: a zod issue's message, a refusal's reason, a notice kept in the
 * session. The compiler cannot follow a key through a `string`, so this is where that is said;
 * the tests of the module that makes such a key assert it.
 */
export function messageKey(key: string): TranslationKey {
  return key as TranslationKey
}
