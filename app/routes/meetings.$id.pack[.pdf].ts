import type { LoaderFunctionArgs } from '@remix-run/node'
import { Readable } from 'node:stream'
import { downloadResponse } from '~/api/responses.server'
import { requireUser } from '~/auth/session.server'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { getMeetingPack } from '~/meetings/pack.server'
import { writePackPdf } from '~/meetings/pdf.server'
import { requirePermission } from '~/permissions/guard.server'
import { nowIso } from '~/portfolio/items.server'

// GET /meetings/:id/pack.pdf: the meeting pack as a PDF download (docs/decisions/0014-meetings.md).
// Once the meeting is open it is made from the snapshot taken at opening, so it never changes.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'meeting:read')
  const pack = await getMeetingPack(await getDb(), params.id!)
  const t = translator(resolveLanguage(request, user))
  // A download route renders no error page: a thrown 404 would reach the browser as a bare
  // "Unexpected Server Error", so the answer is a plain 404 that says what is missing.
  if (!pack)
    return new Response(t('meetings.page.notFound'), {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  const doc = writePackPdf(pack, t, nowIso())
  const name = `meeting-pack-${pack.meeting.meeting_date}-${pack.meeting.id.slice(0, 8)}.pdf`
  return downloadResponse(
    Readable.toWeb(doc as unknown as Readable) as ReadableStream<Uint8Array>,
    'application/pdf',
    name,
  )
}
