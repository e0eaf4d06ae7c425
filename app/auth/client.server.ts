// The client's address, for throttling sign-in by address. Only the HTTP server knows it (the
// Fetch API request Remix hands to loaders carries none): it puts it in the load context as
// `clientAddress`. Without one, sign-in is throttled per account only, never with everyone
// lumped under one "unknown" address.

export function clientAddress(context: unknown): string | null {
  const address = (context as { clientAddress?: unknown } | null | undefined)?.clientAddress
  return typeof address === 'string' && address.length > 0 && address.length <= 100 ? address : null
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/

/**
 * The address to put in the load context, from what the HTTP server saw (Express's req.ip, which
 * follows TRUST_PROXY). Without trusted proxies a loopback address is most likely a proxy on this
 * machine speaking for everyone: then it names nobody, rather than throttling all sign-ins as one.
 */
export function addressForThrottling(ip: string | undefined, trustsProxies: boolean): string | null {
  if (!ip) return null
  if (!trustsProxies && LOOPBACK.test(ip)) return null
  return ip
}
