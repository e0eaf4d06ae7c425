import fs from 'node:fs'
import path from 'node:path'
import { importFileInBatches } from '../app/importer/staged.server'
import { firstProblems } from '../app/importer/limits.server'
import { formatImportError } from '../app/importer/messages'
import { translator } from '../app/i18n/i18n'
import { fail, withDatabase } from './cli'

// The same module as the browser's import (/import): the same checks, limits and messages, the
// file read, checked and planned a batch at a time (docs/decisions/0060).
const file = process.argv[2]
if (!file) fail('Usage: npm run import -- path/to/items.csv (or .xlsx)')
if (!fs.existsSync(file)) fail(`No such file: ${file}`)

const t = translator()
await withDatabase(async (db) => {
  const outcome = await importFileInBatches(db, path.basename(file), fs.readFileSync(file), null)
  if (!outcome.ok) {
    const { shown, more } = firstProblems(outcome.errors)
    for (const error of shown) console.error(formatImportError(t, error))
    if (more) console.error(t('import.page.moreErrors', { shown: shown.length, count: more }))
    fail(t('import.rejected', { count: outcome.errors.length, file }))
  }
  const { created, updated, unchanged, newTaxonomy } = outcome.summary
  console.log(
    t('import.done', { file, created: created.length, updated: updated.length, unchanged: unchanged.length }),
  )
  for (const name of newTaxonomy) console.log(`  + ${t(`import.newName.${name.kind}`, { name: name.name })}`)
})
