import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { clearCookie, readCookie, SESSION_COOKIE } from '~/auth/cookies.server'
import { assertSameOrigin } from '~/auth/session.server'
import { signOut } from '~/auth/sign-in.server'
import { getDb } from '~/db.server'

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  await signOut(await getDb(), readCookie(request, SESSION_COOKIE))
  throw redirect('/login', { headers: { 'Set-Cookie': clearCookie(request, SESSION_COOKIE) } })
}

export function loader() {
  throw redirect('/items')
}
