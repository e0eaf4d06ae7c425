import type { TFunction } from 'i18next'
import { messageKey } from './keys'

// A validation message travels as one string (zod issues and conform's field errors are strings)
// yet must say its limit: "validation.tooLong|{"max":500,"count":512}". The key and its values
// are joined here and split where the message is shown, in the reader's language.

const SEPARATOR = '|'

/** A value of a placeholder; a list (allowed codes, unknown columns) is joined as the reader's language lists. */
export type MessageValue = string | number | readonly string[]
export type MessageValues = Record<string, MessageValue>

/**
 * The values with each list joined as the language writes one: "a, b, c" in English and
 * Russian, "a、b、c" in Chinese (punctuation.list), never a comma hard-coded where the message is made.
 */
export function listedValues(t: TFunction, values: MessageValues): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(values))
    out[name] = typeof value === 'object' ? value.join(t('punctuation.list')) : value
  return out
}

/** A translation key with the values of its placeholders, as one string. */
export function message(key: string, values?: MessageValues): string {
  return values && Object.keys(values).length ? `${key}${SEPARATOR}${JSON.stringify(values)}` : key
}

/** The key and values of a message made by `message` (a plain key has no values). */
export function parseMessage(text: string): { key: string; values: MessageValues } {
  const at = text.indexOf(SEPARATOR)
  if (at < 0) return { key: text, values: {} }
  try {
    return { key: text.slice(0, at), values: JSON.parse(text.slice(at + 1)) as MessageValues }
  } catch {
    return { key: text.slice(0, at), values: {} }
  }
}

/**
 * The values as a message shows them: lists joined (`listedValues`), and a value named `field`, a
 * field's label key (such as field.title_en), as that label, so a message can name the field it
 * is about in any language.
 */
export function shownValues(t: TFunction, values: MessageValues): Record<string, string | number> {
  const shown = listedValues(t, values)
  if (typeof shown.field === 'string') shown.field = t(messageKey(shown.field))
  return shown
}

/** A message in words, its values shown by `shownValues`. */
export function translateMessage(t: TFunction, text: string, extra: MessageValues = {}): string {
  const { key, values } = parseMessage(text)
  return t(messageKey(key), shownValues(t, { ...values, ...extra }))
}
