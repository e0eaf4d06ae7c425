/** "2026-11-25 09:12 UTC": stored times are UTC, and the reader is told so (users span six time zones). */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`
}
