import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { z } from 'zod'
import { safeRedirect } from '~/auth/schema'
import { assertSameOrigin, getUser } from '~/auth/session.server'
import { getDb } from '~/db.server'
import { LANGUAGES } from '~/i18n/languages'
import { languageCookie, withoutLanguageParam } from '~/i18n/language.server'
import { rememberLanguageInAccount } from '~/i18n/preference.server'

// POST /language {lng, redirectTo}: the header's language switcher (a plain form, so it works
// without JavaScript). Remembered in this browser's cookie and, when signed in, in the account.

const LanguageChoice = z.object({ lng: z.enum(LANGUAGES), redirectTo: z.string().optional() })

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  const form = Object.fromEntries(await request.formData())
  const requested = typeof form.redirectTo === 'string' ? form.redirectTo : null
  // Checked again once ?lng= is taken out: parsing the address normalises it (a tab disappears).
  const back = safeRedirect(withoutLanguageParam(safeRedirect(requested, '/')), '/')
  const choice = LanguageChoice.safeParse(form)
  // Only a hand-made post names another language: nothing to remember, so back to the page.
  if (!choice.success) throw redirect(back)
  const user = await getUser(request)
  if (user) await rememberLanguageInAccount(await getDb(), user.id, choice.data.lng)
  throw redirect(back, { headers: { 'Set-Cookie': languageCookie(choice.data.lng) } })
}

export function loader() {
  throw redirect('/')
}
