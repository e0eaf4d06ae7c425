import type { ActionFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { getDb } from '~/db.server'
import { setFlash } from '~/feedback/flash.server'
import { followItem } from '~/notifications/follows.server'
import { forbidden, guard, notFound } from '~/permissions/guard.server'

// Follow or unfollow an item (app/notifications). Posted by the item page's Follow button; with
// JavaScript through a fetcher, without it as a form that comes back to the item.

const FollowForm = z.object({ following: z.enum(['true', 'false']).transform((value) => value === 'true') })

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await guard(request, 'item:follow')
  const parsed = FollowForm.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ error: 'following must be true or false' }, { status: 400 })
  const ref = params.ref ?? ''
  const db = await getDb()
  const outcome = await followItem(db, user, ref, parsed.data.following)
  if (outcome.kind === 'forbidden') forbidden(outcome.action)
  if (outcome.kind === 'not_found') notFound()
  await setFlash(db, request, {
    key: parsed.data.following ? 'feedback.followed' : 'feedback.unfollowed',
    values: { ref },
  })
  return redirect(`/items/${encodeURIComponent(ref)}`)
}

export function loader() {
  throw data({ notFound: true }, { status: 404 })
}
