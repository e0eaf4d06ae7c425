import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { apiError, methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { translateMessage } from '~/i18n/message'
import { guardApi } from '~/permissions/guard.server'
import { STATUSES } from '~/portfolio/codes'
import { toApiItem } from '~/portfolio/item-view'
import { refusalMessage } from '~/workflow/messages'
import { TransitionRequest } from '~/workflow/schema'
import { transition } from '~/workflow/workflow.server'

// POST /api/v1/items/:ref/transitions {"to", "reason"}: the same rules as the item page's buttons.

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== 'POST') return methodNotAllowed(request, 'POST')
  const user = await guardApi(request, 'item:read')
  const t = translator(resolveLanguage(request, user))
  const body: unknown = await request.json().catch(() => undefined)
  const parsed = TransitionRequest.safeParse(body)
  if (!parsed.success) {
    if (body === undefined) return apiError(400, 'bad_request', t('api.badJson'))
    const issue = parsed.error.issues[0]!
    const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || 'body'
    const detail =
      issue.code === 'unrecognized_keys'
        ? t('api.unknownField')
        : field === 'to'
          ? t('api.statuses', { list: STATUSES.join(t('punctuation.list')) })
          : translateMessage(t, issue.message)
    return apiError(400, 'bad_request', t('api.badField', { field, detail }), { field })
  }
  const outcome = await transition(await getDb(), user, params.ref ?? '', parsed.data.to, parsed.data.reason)
  switch (outcome.kind) {
    case 'done':
      return Response.json(toApiItem(outcome.item))
    case 'not_found':
      return apiError(404, 'not_found', t('api.notFound', { ref: params.ref }))
    case 'stale':
      return apiError(409, 'conflict', t('workflow.stale'))
    case 'refused': {
      const { refusal } = outcome
      const extra = refusal.outcome === 'requirement_missing' ? { requirement: refusal.requirement } : {}
      return apiError(refusal.httpStatus, refusal.outcome, refusalMessage(t, refusal), {
        from: refusal.from,
        to: refusal.to,
        ...extra,
      })
    }
  }
}

export function loader({ request }: LoaderFunctionArgs) {
  return methodNotAllowed(request, 'POST')
}
