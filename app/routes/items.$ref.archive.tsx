import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '~/auth/session.server'
import { getDb } from '~/db.server'
import { notFound, requirePermission } from '~/permissions/guard.server'
import { getItemScope, setArchived } from '~/portfolio/items.server'

const ArchiveForm = z.object({ archived: z.enum(['true', 'false']) })

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = ArchiveForm.safeParse(Object.fromEntries(await request.formData()))
  if (!form.success) throw new Response('The field "archived" must be true or false.', { status: 400 })
  const archive = form.data.archived === 'true'
  const db = await getDb()
  const item = await getItemScope(db, params.ref ?? '')
  if (!item) notFound()
  requirePermission(user, archive ? 'item:archive' : 'item:restore', item)
  await setArchived(db, user, params.ref!, archive)
  throw redirect(`/items/${encodeURIComponent(params.ref!)}`)
}

export function loader({ params }: { params: { ref?: string } }) {
  throw redirect(`/items/${encodeURIComponent(params.ref ?? '')}`)
}
