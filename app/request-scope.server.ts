import { AsyncLocalStorage } from 'node:async_hooks'

// What one HTTP request reads more than once, read once: the root loader and the page's loader
// both ask who is signed in (docs/decisions/0039-work-per-request.md). Remix gives each loader its
// own copy of the Request, so the request object cannot key a memo; the server runs each request
// inside a scope (server/app.ts) and its loaders share it. The store is found through a global
// symbol because the server (through tsx) and the built app bundle each load their own copy of
// this module. Outside a scope (tests, scripts) nothing is remembered.

type Scope = Map<string, Promise<unknown>>

const KEY = Symbol.for('carec.request-scope')
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<Scope> }
const storage = (holder[KEY] ??= new AsyncLocalStorage<Scope>())

/** Runs one request's handling; what it reads through `oncePerRequest` is read once. */
export function inRequestScope<T>(handle: () => T): T {
  return storage.run(new Map(), handle)
}

/** `read()` once per request and key; called again in the same request, the same promise. */
export function oncePerRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
  const scope = storage.getStore()
  if (!scope) return read()
  let found = scope.get(key) as Promise<T> | undefined
  if (!found) scope.set(key, (found = read()))
  return found
}
