import { createContext, useCallback, useContext, type ReactNode } from 'react'
import { NO_TAXONOMY_NAMES, taxonomyName, type TaxonomyKind, type TaxonomyNames } from '~/i18n/taxonomy'

// The page's language's strategy, pillar and area names, from the root loader, for any component
// that shows one (docs/decisions/0027-pdf-fonts-and-localized-outputs.md).

const Names = createContext<TaxonomyNames>(NO_TAXONOMY_NAMES)

export function TaxonomyNamesProvider({ names, children }: { names: TaxonomyNames; children: ReactNode }) {
  return <Names.Provider value={names}>{children}</Names.Provider>
}

/** A function showing a stored (English) name in the page's language, English where untranslated. */
export function useTaxonomyName(): (kind: TaxonomyKind, name: string) => string {
  const names = useContext(Names)
  return useCallback((kind, name) => taxonomyName(names, kind, name), [names])
}
