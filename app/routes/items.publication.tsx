import type { ActionFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { assertSameOrigin, requireUser } from '~/auth/session.server'
import { safeRedirect } from '~/auth/schema'
import { getDb } from '~/db.server'
import { notFound, requirePermission } from '~/permissions/guard.server'
import { setPublished } from '~/publication/publication.server'
import { PublicationForm } from '~/publication/schema'

// POST /items/publication: publish or unpublish the items ticked in the table (or the one item of
// an item page), then back to where the form was. A plain form: works without JavaScript.

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const user = await requireUser(request)
  requirePermission(user, 'item:publish')
  const form = await request.formData()
  const parsed = PublicationForm.safeParse({
    ref: form.getAll('ref'),
    published: form.get('published'),
    back: form.get('back') ?? undefined,
  })
  if (!parsed.success) throw data({ message: 'publication.badForm' }, { status: 400 })
  const outcome = await setPublished(await getDb(), user, parsed.data.ref, parsed.data.published === 'yes')
  if (outcome.kind === 'not_found') notFound()
  if (outcome.kind === 'forbidden') requirePermission(user, 'item:publish')
  throw redirect(safeRedirect(parsed.data.back, '/items'))
}

export function loader() {
  throw redirect('/items')
}
