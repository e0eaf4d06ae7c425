import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '~/auth/session.server'
import { getDb } from '~/db.server'
import { resolveLanguage } from '~/i18n/language.server'
import { startJob } from '~/jobs/start.server'
import { forbidden } from '~/permissions/guard.server'

// POST /jobs: starts a big export or a meeting pack as a background job, then shows its page
// (/jobs/:id). The import and snapshot pages start theirs in their own actions.

const StartForm = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['export_csv', 'export_xlsx', 'export_iati']),
    search: z.string().max(4_000).default(''),
  }),
  z.object({ kind: z.literal('meeting_pack'), meeting: z.string().uuid() }),
])

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = StartForm.safeParse(Object.fromEntries(await request.formData()))
  if (!form.success) throw new Response('Expected a kind of job and its input.', { status: 400 })
  const language = resolveLanguage(request, user)
  const db = await getDb()
  const origin = new URL(request.url).origin
  const search = form.data.kind === 'meeting_pack' ? '' : form.data.search.replace(/^\?/, '')
  const started =
    form.data.kind === 'meeting_pack'
      ? await startJob(db, user, 'meeting_pack', { meeting: form.data.meeting, language })
      : form.data.kind === 'export_csv' || form.data.kind === 'export_iati'
        ? await startJob(db, user, form.data.kind, { search })
        : await startJob(db, user, 'export_xlsx', {
            search,
            language,
            exportedBy: user.name,
            viewUrl: `${origin}/items${search ? `?${search}` : ''}`,
          })
  if (started.kind === 'forbidden') forbidden(started.action)
  throw redirect(`/jobs/${started.id}`)
}
