import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadResponse } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { meetingPackPdf, packRendererOf } from '~/meetings/pdf.server'
import { guard } from '~/permissions/guard.server'
import { nowIso } from '~/portfolio/items.server'

// GET /meetings/:id/pack.pdf: the meeting pack as a PDF download (docs/decisions/0014-meetings.md),
// in the reader's language or the one a "PDF in ..." link names with ?lng= (0027).
// Once the meeting is open it is made from the snapshot taken at opening, so it never changes.
// Laid out in the server's PDF thread, so other requests are answered meanwhile (decision 0058).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await guard(request, 'meeting:read')
  const language = resolveLanguage(request, user)
  const outcome = await meetingPackPdf(await getDb(), params.id!, language, nowIso(), packRendererOf(context))
  // A download route renders no error page: a thrown 404 would reach the browser as a bare
  // "Unexpected Server Error", so the answer is a plain 404 that says what is missing.
  if (outcome.kind === 'not_found')
    return new Response(translator(language)('meetings.page.notFound'), {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  return downloadResponse(new Uint8Array(outcome.bytes), 'application/pdf', outcome.fileName)
}
