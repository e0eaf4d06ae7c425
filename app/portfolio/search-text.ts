// The text a search compares, made the same way in app code for the stored search_text and for
// the words searched, so SQL does a plain LIKE on both databases (no collation, no extension):
// lower case (JavaScript's, for every script: LOWER() in SQLite knows only ASCII), and Russian ё
// as е, since Russian writing mostly leaves the dots off. Chinese needs nothing: LIKE '%…%'
// finds any run of characters, and Chinese has no case. See docs/decisions/0028-item-text.md.

export function foldForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е')
}
