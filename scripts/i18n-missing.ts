import { CATALOGUES, LANGUAGES } from '../app/i18n/i18n'
import { extraIn, missingFrom } from '../app/i18n/catalogue-keys'

// Lists, per language, the English strings its catalogue still lacks (and keys English no longer
// has), in the catalogue's order, for the next round of translation:
//   npx tsx scripts/i18n-missing.ts
// Russian needs _one, _few and _many for a key English counts (see docs/glossary.md).
let gaps = 0
for (const language of LANGUAGES.filter((l) => l !== 'en')) {
  const missing = missingFrom(CATALOGUES.en, CATALOGUES[language])
  const extra = extraIn(CATALOGUES.en, CATALOGUES[language])
  gaps += missing.length + extra.length
  console.log(`${language}: ${missing.length} to translate, ${extra.length} no longer in English`)
  for (const [key, text] of missing) console.log(`  ${key}: ${JSON.stringify(text)}`)
  for (const key of extra) console.log(`  - ${key}`)
}
process.exitCode = gaps > 0 ? 1 : 0
