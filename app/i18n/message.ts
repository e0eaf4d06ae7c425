import type { TFunction } from 'i18next'
import { messageKey } from './keys'

// A validation message travels as one string (zod issues and conform's field errors are strings)
// yet must say its limit: "validation.tooLong|{"max":500,"count":512}". The key and its values
// are joined here and split where the message is shown, in the reader's language.

const SEPARATOR = '|'

export type MessageValues = Record<string, string | number>

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
 * A message in words. A value named `field` is a field's label key (such as field.title_en) and
 * is shown as that label, so a message can name the field it is about in any language.
 */
export function translateMessage(t: TFunction, text: string, extra: MessageValues = {}): string {
  const { key, values } = parseMessage(text)
  const all: MessageValues = { ...values, ...extra }
  if (typeof all.field === 'string') all.field = t(messageKey(all.field))
  return t(messageKey(key), all)
}
