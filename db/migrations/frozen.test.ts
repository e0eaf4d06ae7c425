import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import frozen from './frozen.json'
import { migrations } from './index'

// Landed migrations are frozen: a database migrated by one version of a file is never migrated by
// another, so a change to the schema is always a new migration. frozen.json holds the SHA-256 of
// every migration file; this compares them byte for byte. (The first migration was edited three
// times after it landed before this test existed.)

const DIR = fileURLToPath(new URL('.', import.meta.url))
const MIGRATION_FILE = /^\d{4}_\d{2}_\d{2}_\d{4}_\w+\.ts$/

const files = fs
  .readdirSync(DIR)
  .filter((name) => MIGRATION_FILE.test(name))
  .sort()
const sha256 = (name: string) =>
  createHash('sha256')
    .update(fs.readFileSync(DIR + name))
    .digest('hex')
const recorded: Record<string, string> = frozen.migrations

describe('landed migrations', () => {
  it('are unchanged, byte for byte', () => {
    const changed = Object.entries(recorded)
      .filter(([name, hash]) => !fs.existsSync(DIR + name) || sha256(name) !== hash)
      .map(([name]) => name)
    expect(
      changed,
      `Landed migrations were changed or removed: ${changed.join(', ')}. Migrations are frozen once they ` +
        'land on main (db/migrations/frozen.json); restore the file (git checkout main -- db/migrations/<file>) ' +
        'and make the change in a new migration.',
    ).toEqual([])
  })

  it('are all recorded in frozen.json, a new one with its hash', () => {
    const unrecorded = files.filter((name) => !(name in recorded))
    const entries = unrecorded.map((name) => `    "${name}": "${sha256(name)}"`).join(',\n')
    expect(
      unrecorded,
      `New migration file(s) not in db/migrations/frozen.json. Add under "migrations":\n${entries}\n` +
        'From the moment it lands on main, its entry never changes.',
    ).toEqual([])
  })

  it('are all registered in db/migrations/index.ts under their file names, in order', () => {
    expect(Object.keys(migrations)).toEqual(files.map((name) => name.replace(/\.ts$/, '')))
  })
})
