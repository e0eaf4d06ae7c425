// The root loader and the page's loader of one request both ask who is signed in; Remix gives each
// its own copy of the Request, so the request cannot key a memo. Both start in the same turn of
// the event loop, so a look-up is shared by the calls made before the loop's next turn and then
// forgotten (docs/decisions/0039-work-per-request.md). Node's AsyncLocalStorage would scope it to
// the request exactly, but on Node 20 it turns on promise hooks, which every promise of every
// request then pays for. Two requests of the same session that arrive in the same turn share the
// look-up too: the same session at the same moment. A session ended is refused from the next turn.

const pending = new Map<string, Promise<unknown>>()
let clearing = false

/** `read()` once for `key` among the calls of this turn of the event loop. */
export function onceThisTurn<T>(key: string, read: () => Promise<T>): Promise<T> {
  let found = pending.get(key) as Promise<T> | undefined
  if (!found) {
    pending.set(key, (found = read()))
    if (!clearing) {
      clearing = true
      setImmediate(() => {
        pending.clear()
        clearing = false
      })
    }
  }
  return found
}
