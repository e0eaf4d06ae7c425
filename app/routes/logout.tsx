import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { assertSameOrigin, signOut } from '~/auth/session.server'

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  throw redirect('/login', { headers: { 'Set-Cookie': await signOut(request) } })
}

export function loader() {
  throw redirect('/items')
}
