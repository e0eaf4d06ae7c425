// Strategy, pillar and area names in the reader's language (docs/decisions/0027-pdf-fonts-and-
// localized-outputs.md). The register keeps each name in English, which stays the name filters,
// sorting, imports and the API use; a translation, where one is stored, is only how it is shown.

export type TaxonomyKind = 'strategy' | 'pillar' | 'area'

/** For one language: English name -> that language's name, for the names that have one. */
export type TaxonomyNames = Record<TaxonomyKind, Record<string, string>>

export const NO_TAXONOMY_NAMES: TaxonomyNames = { strategy: {}, pillar: {}, area: {} }

/** The name to show: its translation where one is stored, else the English name. */
export function taxonomyName(names: TaxonomyNames, kind: TaxonomyKind, name: string): string {
  return Object.hasOwn(names[kind], name) ? names[kind][name]! : name
}
