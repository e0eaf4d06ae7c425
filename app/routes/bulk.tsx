import type { ActionFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import type { TFunction } from 'i18next'
import { runBulk, type BulkOutcome } from '~/bulk/bulk.server'
import type { BulkReport } from '~/bulk/report'
import { BulkForm } from '~/bulk/schema'
import { getDb } from '~/db.server'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { translateMessage } from '~/i18n/message'
import { forbidden, guard } from '~/permissions/guard.server'
import { paramMessage } from '~/portfolio/url-params'
import { refusalMessage } from '~/workflow/messages'

// POST /bulk: the portfolio table's bulk bar (app/components/bulk). Each action checks its own
// permission item by item in app/bulk; the guard here only asks for a reader.

export async function action({ request }: ActionFunctionArgs) {
  const user = await guard(request, 'item:read')
  const t = translator(resolveLanguage(request, user))
  const form = (await request.formData().catch(() => null)) ?? new FormData()
  const parsed = BulkForm.safeParse({ ...Object.fromEntries(form), ref: form.getAll('ref') })
  if (!parsed.success)
    return data<BulkReport>(
      { ok: false, lines: [translateMessage(t, parsed.error.issues[0]!.message)], refused: [] },
      { status: 400 },
    )
  const outcome = await runBulk(await getDb(), user, parsed.data)
  if (outcome.kind === 'forbidden') forbidden(outcome.action)
  const report = reportOf(t, outcome)
  return data<BulkReport>(report, { status: report.ok || report.lines.length > 1 ? 200 : 409 })
}

function reportOf(t: TFunction, outcome: Exclude<BulkOutcome, { kind: 'forbidden' }>): BulkReport {
  const problem = (line: string): BulkReport => ({ ok: false, lines: [line], refused: [] })
  const list = (refs: string[]) => refs.join(', ')
  switch (outcome.kind) {
    case 'empty':
      return problem(t('bulk.empty'))
    case 'too_many':
      return problem(t('bulk.tooMany', { count: outcome.count, limit: outcome.limit }))
    case 'bad_view':
      return problem(t('bulk.badView', { message: paramMessage(t, outcome.problem) }))
    case 'moved': {
      const moved = outcome.results.filter((r) => r.kind === 'moved').length
      const refused = outcome.results.flatMap((r) =>
        r.kind === 'moved'
          ? []
          : [
              {
                ref: r.ref,
                reason:
                  r.kind === 'refused'
                    ? refusalMessage(t, r.refusal)
                    : t(r.kind === 'stale' ? 'bulk.result.stale' : 'bulk.result.notFound'),
              },
            ],
      )
      const lines = [
        moved
          ? t('bulk.result.moved', { count: moved, to: t(`status.${outcome.to}`) })
          : t('bulk.result.noneMoved'),
      ]
      if (refused.length) lines.push(t('bulk.result.refused', { count: refused.length }))
      return { ok: refused.length === 0, lines, refused }
    }
    case 'agenda': {
      const agenda = outcome.outcome
      if (agenda.kind === 'forbidden') forbidden(agenda.action)
      if (agenda.kind === 'not_found') return problem(t('bulk.result.meetingNotFound'))
      if (agenda.kind === 'open') return problem(t('bulk.result.meetingOpen'))
      if (agenda.kind === 'bad_view')
        return problem(t('bulk.badView', { message: paramMessage(t, agenda.problem) }))
      if (agenda.kind === 'too_many')
        return problem(
          t('meetings.page.tooMany', { adding: agenda.adding, present: agenda.present, limit: agenda.limit }),
        )
      const lines = [t('bulk.result.added', { count: agenda.added.length })]
      if (agenda.already.length) lines.push(t('bulk.result.already', { refs: list(agenda.already) }))
      if (agenda.archived.length) lines.push(t('bulk.result.archived', { refs: list(agenda.archived) }))
      if (agenda.unknown.length) lines.push(t('bulk.result.unknown', { refs: list(agenda.unknown) }))
      return {
        ok: agenda.archived.length + agenda.unknown.length === 0,
        lines,
        refused: [],
        next: {
          href: `/meetings/${encodeURIComponent(outcome.meetingId)}`,
          label: t('bulk.result.openMeeting'),
        },
      }
    }
    case 'followed': {
      const done = outcome.results.filter((r) => r.kind === 'done').length
      const missing = outcome.results.filter((r) => r.kind !== 'done').map((r) => r.ref)
      const lines = [
        t(outcome.following ? 'bulk.result.followed' : 'bulk.result.unfollowed', { count: done }),
      ]
      if (missing.length) lines.push(t('bulk.result.unknown', { refs: list(missing) }))
      return { ok: missing.length === 0, lines, refused: [] }
    }
    case 'published': {
      const changed = outcome.results.filter((r) => r.kind === 'changed').length
      const unchanged = outcome.results.filter((r) => r.kind === 'unchanged').map((r) => r.ref)
      const missing = outcome.results.filter((r) => r.kind === 'not_found').map((r) => r.ref)
      const lines = [
        t(outcome.published ? 'bulk.result.published' : 'bulk.result.unpublished', { count: changed }),
      ]
      if (unchanged.length) lines.push(t('bulk.result.alreadySo', { refs: list(unchanged) }))
      if (missing.length) lines.push(t('bulk.result.unknown', { refs: list(missing) }))
      return { ok: missing.length === 0, lines, refused: [] }
    }
  }
}

export function loader() {
  throw data({ notFound: true }, { status: 404 })
}
