/** A case-insensitive LIKE pattern for text typed in a search: `%` and `_` are letters, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
