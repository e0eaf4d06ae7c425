import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { z } from 'zod'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { LANGUAGES } from '~/i18n/languages'
import { forbidden, guardItem, notFound } from '~/permissions/guard.server'
import { TRANSLATED_GROUPS } from '~/portfolio/fields'
import { confirmTranslation } from '~/portfolio/items.server'

// "Confirm translation" on the item page (docs/decisions/0034-translation-provenance.md): the
// translation in one language of the title or description still stands for its changed source.
const ConfirmForm = z.object({ group: z.enum(TRANSLATED_GROUPS), language: z.enum(LANGUAGES) })

export async function action({ request, params }: ActionFunctionArgs) {
  const form = ConfirmForm.safeParse(Object.fromEntries(await request.formData()))
  if (!form.success)
    throw new Response('The fields "group" (title, description) and "language" (en, ru, zh) are needed.', {
      status: 400,
    })
  const { user } = await guardItem(request, 'item:translate', params.ref)
  const { group, language } = form.data
  const db = await getDb()
  const field = `${group}_${language}` as const
  const outcome = await confirmTranslation(db, user, params.ref!, field)
  if (outcome.kind === 'forbidden') forbidden(outcome.action)
  if (outcome.kind === 'not_found') notFound()
  if (outcome.kind === 'confirmed')
    await setFlash(db, request, {
      key: 'feedback.translationConfirmed',
      values: { ref: params.ref!, field: { t: `field.${field}` } },
    })
  // confirmed, or someone confirmed or updated it meanwhile: either way the page shows it current
  throw redirect(`/items/${encodeURIComponent(params.ref!)}`)
}

export function loader({ params }: { params: { ref?: string } }) {
  throw redirect(`/items/${encodeURIComponent(params.ref ?? '')}`)
}
