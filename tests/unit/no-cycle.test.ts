import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The lint configuration's import-x/no-cycle (eslint.config.js) must catch an import cycle that
// exists at run time and let a type-only one be: the fixtures (tests/fixtures/no-cycle, left out
// of `eslint .`) hold one of each, linted here with the project's own configuration.

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)))
const fixture = (name: string) => path.join(root, 'tests/fixtures/no-cycle', name)

async function cycleErrors(files: string[]): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, ignore: false })
  const results = await eslint.lintFiles(files)
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId === 'import-x/no-cycle')
      .map((m) => `${path.basename(r.filePath)}: ${m.message}`),
  )
}

describe('the no-cycle lint rule', () => {
  it('reports a value-import cycle, from both sides', async () => {
    const errors = await cycleErrors([fixture('value-a.ts'), fixture('value-b.ts')])
    expect(errors).toHaveLength(2)
    expect(errors.join('\n')).toMatch(/value-a\.ts: Dependency cycle detected/)
  }, 30_000)

  it('reports one through a .server module too', async () => {
    expect(await cycleErrors([fixture('server-a.server.ts'), fixture('server-b.ts')])).toHaveLength(2)
  }, 30_000)

  it('lets a cycle through a type-only import be: nothing runs in a circle', async () => {
    expect(await cycleErrors([fixture('type-a.ts'), fixture('type-b.ts')])).toEqual([])
  }, 30_000)
})

describe('the capabilities the item history sits between', () => {
  const app = path.join(root, 'app')
  /** The app modules a folder's modules import values from, as "folder/module" (type-only imports left out). */
  function valueImportsOf(folder: string): Set<string> {
    const found = new Set<string>()
    for (const name of fs.readdirSync(path.join(app, folder))) {
      if (!/\.tsx?$/.test(name) || name.endsWith('.test.ts')) continue
      const source = fs.readFileSync(path.join(app, folder, name), 'utf8')
      for (const m of source.matchAll(/^import (?!type )[^;]*? from '(?:\.\.\/|~\/)([a-z-]+\/[a-z.-]+)'/gm))
        found.add(m[1]!)
      for (const m of source.matchAll(/^import (?!type )[^;]*? from '\.\/([a-z.-]+)'/gm))
        found.add(`${folder}/${m[1]!}`)
    }
    return found
  }
  const folders = (modules: Set<string>) => new Set([...modules].map((m) => m.split('/')[0]))

  it('portfolio imports nothing from workflow: the workflow moves items, not the other way round', () => {
    expect(folders(valueImportsOf('portfolio'))).not.toContain('workflow')
  })

  it('the history writer belongs to neither portfolio nor workflow: it reads only the field registry', () => {
    const imports = valueImportsOf('history')
    expect(folders(imports)).not.toContain('workflow')
    expect([...imports].filter((m) => m.startsWith('portfolio/'))).toEqual(['portfolio/fields'])
    // and the registry is a leaf: it reads neither the history nor the workflow
    const registry = fs.readFileSync(path.join(app, 'portfolio/fields.ts'), 'utf8')
    expect(registry).not.toMatch(/from '(\.\.\/|~\/)(history|workflow)\//)
  })
})
