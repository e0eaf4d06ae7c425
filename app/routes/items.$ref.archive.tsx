import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { z } from 'zod'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { forbidden, guardItem, notFound } from '~/permissions/guard.server'
import { setArchived } from '~/portfolio/items.server'

const ArchiveForm = z.object({ archived: z.enum(['true', 'false']) })

export async function action({ request, params }: ActionFunctionArgs) {
  const form = ArchiveForm.safeParse(Object.fromEntries(await request.formData()))
  if (!form.success) throw new Response('The field "archived" must be true or false.', { status: 400 })
  const archive = form.data.archived === 'true'
  const { user } = await guardItem(request, archive ? 'item:archive' : 'item:restore', params.ref)
  const db = await getDb()
  const outcome = await setArchived(db, user, params.ref!, archive)
  if (outcome.kind === 'forbidden') forbidden(outcome.action)
  if (outcome.kind === 'not_found') notFound()
  await setFlash(db, request, {
    key: archive ? 'feedback.archived' : 'feedback.restored',
    values: { ref: params.ref! },
  })
  throw redirect(`/items/${encodeURIComponent(params.ref!)}`)
}

export function loader({ params }: { params: { ref?: string } }) {
  throw redirect(`/items/${encodeURIComponent(params.ref ?? '')}`)
}
