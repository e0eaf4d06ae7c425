import { createRequire } from 'node:module'

// Packages only some requests or jobs need (spreadsheets, PDFs, the password dictionaries, mail,
// the PostgreSQL driver) are loaded the first time one does, not when the server starts. Once
// loaded, each keeps megabytes of source text and compiled code in every V8 heap that imported
// it: the request thread's and the job runner's (docs/decisions/0046-server-memory.md).

const require = createRequire(import.meta.url)

/** The package `name` (its CommonJS build, as `import x from 'name'` gives it), loaded on the first call. */
export function onFirstUse<T>(name: string): () => T {
  let loaded: T | undefined
  return () => (loaded ??= require(name) as T)
}
