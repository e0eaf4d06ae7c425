import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { TaxonomyNamesProvider } from '~/components/i18n/TaxonomyNames'
import { getDb } from '~/db.server'
import { resolveLanguage } from '~/i18n/language.server'
import { getTaxonomyNames } from '~/portfolio/taxonomy-names.server'
import type { loader as rootLoader } from '~/root'

// The public portfolio's pages (/public, /public/items, /public/items/:ref) share this layout for
// one thing: strategy, pillar and area names in the visitor's language. The root loader sends
// them to signed-in readers only (docs/decisions/0027), so a visitor reading in Russian or Chinese
// saw them in English. A signed-in reader keeps the root's, made for their own language choice.

export async function loader({ request }: LoaderFunctionArgs) {
  return { taxonomyNames: await getTaxonomyNames(await getDb(), resolveLanguage(request, null)) }
}

export default function PublicLayout() {
  const root = useRouteLoaderData<typeof rootLoader>('root')
  const { taxonomyNames } = useLoaderData<typeof loader>()
  return (
    <TaxonomyNamesProvider names={root?.user ? root.taxonomyNames : taxonomyNames}>
      <Outlet />
    </TaxonomyNamesProvider>
  )
}
