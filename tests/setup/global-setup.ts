import fs from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { makeTemplate, makeTmpDir } from './sqlite-template'

declare module 'vitest' {
  export interface ProvidedContext {
    /** the folder holding the migrated template database and the tests' copies of it */
    testDbDir: string
  }
}

/** Migrates one template SQLite database for the whole run; removes it and every copy after. */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = makeTmpDir('run')
  await makeTemplate(path.join(dir, 'template.db'))
  project.provide('testDbDir', dir)
  return () => fs.rmSync(dir, { recursive: true, force: true })
}
