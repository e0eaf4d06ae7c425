import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto'

// The small cryptographic helpers every secret in app/auth shares: random tokens for clients,
// SHA-256 for what the database keeps of them, AES-256-GCM for the one secret the server must
// read back (an authenticator's key).

/** `bytes` random bytes as base64url: 32 bytes (256 bits) unless told. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** Compares two hex digests in constant time (different lengths are simply unequal). */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y)
}

/** A key of 32 bytes from any configured text of at least 32 characters. */
export function encryptionKey(configured: string): Buffer {
  return createHash('sha256').update(configured, 'utf8').digest()
}

/** "v1:<iv>:<tag>:<ciphertext>" (base64url parts); with no key, "plain:<text>". */
export function sealSecret(text: string, key: Buffer | null): string {
  if (!key) return `plain:${text}`
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':')
}

export type OpenedSecret = { kind: 'opened'; text: string } | { kind: 'no_key' } | { kind: 'unreadable' }

/** Reads back what sealSecret wrote; a sealed secret needs the key it was sealed with. */
export function openSecret(sealed: string, key: Buffer | null): OpenedSecret {
  if (sealed.startsWith('plain:')) return { kind: 'opened', text: sealed.slice('plain:'.length) }
  const [version, iv, tag, body] = sealed.split(':')
  if (version !== 'v1' || !iv || !tag || body === undefined) return { kind: 'unreadable' }
  if (!key) return { kind: 'no_key' }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()])
    return { kind: 'opened', text: text.toString('utf8') }
  } catch {
    return { kind: 'unreadable' }
  }
}
