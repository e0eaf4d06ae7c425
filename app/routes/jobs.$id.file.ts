import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadResponse } from '~/api/responses.server'
import { requireUser } from '~/auth/session.server'
import { getDb } from '~/db.server'
import { getJobFile } from '~/jobs/jobs.server'
import { nowIso } from '~/portfolio/items.server'

// GET /jobs/:id/file: the file a background job made, for the person who started it, while kept.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const outcome = await getJobFile(await getDb(), user, params.id ?? '', nowIso())
  if (outcome.kind === 'not_found') return new Response('Not found', { status: 404 })
  return downloadResponse(new Uint8Array(outcome.bytes), outcome.type, outcome.name)
}
