import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { getDb } from '~/db.server'
import { openNotification } from '~/notifications/inbox.server'
import { notificationHref } from '~/notifications/messages'
import { guard, notFound } from '~/permissions/guard.server'
import { nowIso } from '~/portfolio/items.server'

// An inbox entry's link: marks the notification read and goes on to what it is about (issue 11). Only the
// signed-in person's own notifications open; any other id is not found.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guard(request, 'inbox:read')
  const opened = await openNotification(await getDb(), user.id, params.id ?? '', nowIso())
  if (!opened) notFound()
  throw redirect(notificationHref(opened))
}
