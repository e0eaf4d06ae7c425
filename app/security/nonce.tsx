import { createContext, useContext, type ReactNode } from 'react'

// The per-request nonce of the Content-Security-Policy, for the scripts Remix writes into the page
// (app/entry.server.tsx makes it; app/root.tsx hands it to <Scripts> and <ScrollRestoration>).
// In the browser it is '': browsers hide nonce attributes from script, and after hydration no
// inline script is added.

const NonceContext = createContext('')

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>
}

export function useNonce(): string {
  return useContext(NonceContext)
}
