// The client's address, for throttling sign-in by address. Only the HTTP server knows it (the
// Fetch API request Remix hands to loaders carries none): it puts it in the load context as
// `clientAddress`. Without one, sign-in is throttled per account only, never with everyone
// lumped under one "unknown" address.

export function clientAddress(context: unknown): string | null {
  const address = (context as { clientAddress?: unknown } | null | undefined)?.clientAddress
  return typeof address === 'string' && address.length > 0 && address.length <= 100 ? address : null
}
