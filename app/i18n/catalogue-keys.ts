// The catalogues as flat lists of dotted keys, for the parity test and for
// scripts/i18n-missing.ts, which lists what a translator has to add after new English keys.

export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/

/** A plural form's key without its suffix ('app.inboxUnread_one' -> 'app.inboxUnread'). */
export const baseKey = (key: string) => key.replace(PLURAL_SUFFIX, '')

/** Every entry of a catalogue by its dotted key, in the catalogue's order. */
export function flatten(catalogue: object, prefix = ''): Array<[string, unknown]> {
  return Object.entries(catalogue).flatMap(([key, value]): Array<[string, unknown]> => {
    const path = prefix ? `${prefix}.${key}` : key
    return value !== null && typeof value === 'object' ? flatten(value, path) : [[path, value]]
  })
}

/** The English entries (plural forms included) whose key the other catalogue lacks, in English's order. */
export function missingFrom(english: object, other: object): Array<[string, unknown]> {
  const own = new Set(flatten(other).map(([key]) => baseKey(key)))
  return flatten(english).filter(([key]) => !own.has(baseKey(key)))
}

/** Keys of the other catalogue that English no longer has (renamed or removed there). */
export function extraIn(english: object, other: object): string[] {
  const known = new Set(flatten(english).map(([key]) => baseKey(key)))
  return flatten(other)
    .map(([key]) => key)
    .filter((key) => !known.has(baseKey(key)))
}
