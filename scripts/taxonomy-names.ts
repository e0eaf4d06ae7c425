import fs from 'node:fs'
import { parseTaxonomyNames, setTaxonomyNames } from '../app/portfolio/taxonomy-names.server'
import { TAXONOMY_NAMES_FILE } from '../db/seed'
import { fail, withDatabase } from './cli'

// npm run taxonomy:names [-- FILE]: stores the Russian and Chinese names of strategies, pillars
// and areas from a names file (kind,name,name_ru,name_zh; default: the plan's,
// db/data/taxonomy-names.csv) in DATABASE_URL. Safe to run again; an empty cell clears a name.
const file = process.argv[2] ?? TAXONOMY_NAMES_FILE
if (!fs.existsSync(file)) fail(`No such file: ${file}`)

let rows
try {
  rows = parseTaxonomyNames(fs.readFileSync(file))
} catch (error) {
  fail(`${file}: ${error instanceof Error ? error.message : String(error)}`)
}
await withDatabase(async (db) => {
  const { updated, unmatched } = await setTaxonomyNames(db, rows)
  console.log(`Names stored on ${updated} strategies, pillars and areas from ${file}.`)
  for (const entry of unmatched) console.log(`  no ${entry.kind} is named "${entry.name}": left out`)
})
