// Who an @mention being typed may mean (issue 11: "@mentions match any part of a name"): "@lee"
// finds "Ann Lee" as well as "Lee Chen". Names that start with what was typed come first, then
// names with a word starting with it, then names containing it anywhere; alphabetical within each.

export function suggestMentions(names: readonly string[], query: string, limit = 6): string[] {
  const wanted = query.trim().toLocaleLowerCase()
  const rank = (name: string): number => {
    const lower = name.toLocaleLowerCase()
    if (lower.startsWith(wanted)) return 0
    if (lower.split(/[\s\-'.]+/u).some((word) => word.startsWith(wanted))) return 1
    return lower.includes(wanted) ? 2 : -1
  }
  return names
    .map((name) => ({ name, rank: rank(name) }))
    .filter((n) => n.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((n) => n.name)
}
