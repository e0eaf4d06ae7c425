import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, type Navigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ItemText } from '~/components/portfolio/ItemText'
import { DotList } from '~/components/DotList'
import { PdfLinks } from '~/components/meetings/PdfLinks'
import { useFocusOnArrival } from '~/components/feedback/useFocusOnArrival'
import { titlesOf } from '~/portfolio/item-text'
import { z } from 'zod'
import { getDb } from '~/db.server'
import { statusValue } from '~/feedback/flash'
import { setFlash } from '~/feedback/flash.server'
import { amendDecision } from '~/meetings/corrections.server'
import { formatDate, formatUtc } from '~/i18n/format'
import { translator } from '~/i18n/i18n'
import { resolveLanguage } from '~/i18n/language.server'
import { pageTitle } from '~/i18n/meta'
import {
  addByRefs,
  addFromView,
  carryDeferred,
  carryTargets,
  getMeeting,
  moveAgendaItem,
  recordDecision,
  removeAgendaItem,
  type TooMany,
} from '~/meetings/meetings.server'
import {
  AWAITS_SUBMISSION,
  AMEND_REASON_MAX,
  AmendForm,
  CarryForm,
  DECISIONS,
  type AgendaSource,
  DecisionForm,
  MoveForm,
  PickForm,
  RemoveForm,
  ViewForm,
  type MeetingBody,
} from '~/meetings/schema'
import { forbidden, guard, notFound } from '~/permissions/guard.server'
import { can } from '~/permissions/permissions'
import { paramMessage } from '~/portfolio/url-params'
import { refusalMessage } from '~/workflow/messages'
import { messageKey } from '~/i18n/keys'
import type { Status } from '~/portfolio/codes'
import { listViews } from '~/views/views.server'
import { startOpening } from '~/meetings/opening.server'

// One meeting (docs/decisions/0014-meetings.md): while a draft, the secretariat builds its agenda
// (from a table view, by ref, reordered with buttons that work without JavaScript) and opens it;
// once open, decisions are recorded per agenda item and deferred items carried to a draft.
// Every form posts here with an `intent`; the rules are in app/meetings/meetings.server.ts.

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, null, {}, data?.meeting.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await guard(request, 'meeting:read')
  const db = await getDb()
  const meeting = await getMeeting(db, params.id!)
  if (!meeting) notFound()
  const canManage = can(user, 'meeting:manage')
  const deferred = meeting.decisions.filter((d) => d.decision === 'defer').length
  // Steps that work without JavaScript: ?confirm=open asks before opening, ?amend=<item> shows
  // the amendment form for one decision.
  const search = new URL(request.url).searchParams
  return {
    meeting,
    canManage,
    // the agenda builder also takes a saved view (app/views): its query string is a view's address
    savedViews:
      canManage && meeting.opened_at === null
        ? (await listViews(db, user)).map(({ id, name, query }) => ({ id, name, query }))
        : [],
    canAmend: can(user, 'meeting:amend'),
    confirmOpen: search.get('confirm') === 'open',
    // back from the opening job's page (0047): say it is open, as opening in the request did
    justOpened: search.has('opened') && meeting.opened_at !== null,
    amending: search.get('amend'),
    deferred,
    targets: canManage && meeting.opened_at && deferred > 0 ? await carryTargets(db, meeting) : [],
  }
}

/** What an action tells the page: a message (a translation key and its values) and whether it is a problem. */
type Notice = { key: string; values?: Record<string, string | number>; problem?: boolean; field?: string }
/** One object, so arriving with it moves focus once. */
const OPENED: Notice = { key: 'feedback.meetingOpened' }

const Intent = z.object({
  intent: z.enum(['add_view', 'add_refs', 'move', 'remove', 'open', 'decide', 'amend', 'carry']),
})

/** The agenda would hold more than its limit: what it has, what would come, and the limit. */
const tooMany = (outcome: TooMany): Notice => ({
  key: 'meetings.page.tooMany',
  values: { adding: outcome.adding, present: outcome.present, limit: outcome.limit },
  problem: true,
})

export async function action({ request, params }: ActionFunctionArgs) {
  const form = Object.fromEntries((await request.formData().catch(() => null)) ?? [])
  const user = await guard(request, form.intent === 'amend' ? 'meeting:amend' : 'meeting:manage')
  const db = await getDb()
  const id = params.id!
  const t = translator(resolveLanguage(request, user))
  const say = (notice: Notice, status = 200) => data<{ notice: Notice }>({ notice }, { status })
  /** A hand-made request with a field missing or of the wrong kind: 400, with what is wrong. */
  const invalid = (error: z.ZodError, field?: string) =>
    say({ key: error.issues[0]!.message, problem: true, ...(field ? { field } : {}) }, 400)
  // Done: the message goes to the page the user sees next (app/feedback), which is this one again.
  const done = async (key: string, values?: Record<string, string | number>) => {
    await setFlash(db, request, { key, ...(values ? { values } : {}) })
    return redirect(`/meetings/${id}`)
  }
  const intent = Intent.safeParse(form)
  if (!intent.success) return say({ key: 'meetings.validation.intent', problem: true }, 400)
  const list = (refs: string[]) => refs.join(', ')

  switch (intent.data.intent) {
    case 'add_view':
    case 'add_refs': {
      let outcome
      if (intent.data.intent === 'add_view') {
        const parsed = ViewForm.safeParse(form)
        if (!parsed.success) return invalid(parsed.error, 'view')
        outcome = await addFromView(db, user, id, parsed.data.view)
      } else {
        const parsed = PickForm.safeParse(form)
        if (!parsed.success)
          return say({ key: parsed.error.issues[0]!.message, problem: true, field: 'refs' }, 400)
        outcome = await addByRefs(db, user, id, parsed.data.refs)
      }
      if (outcome.kind === 'forbidden') forbidden(outcome.action)
      if (outcome.kind === 'not_found') notFound()
      if (outcome.kind === 'open') return say({ key: 'meetings.page.alreadyOpen', problem: true }, 409)
      if (outcome.kind === 'too_many') return say(tooMany(outcome), 409)
      if (outcome.kind === 'bad_view')
        return say(
          {
            key: 'meetings.page.badView',
            values: { message: paramMessage(t, outcome.problem) },
            problem: true,
            field: 'view',
          },
          400,
        )
      const parts = [t('meetings.page.added', { count: outcome.added.length })]
      if (outcome.already.length) parts.push(t('meetings.page.already', { refs: list(outcome.already) }))
      if (outcome.unknown.length) parts.push(t('meetings.page.unknown', { refs: list(outcome.unknown) }))
      if (outcome.archived.length)
        parts.push(t('meetings.page.archivedRefs', { refs: list(outcome.archived) }))
      // sentences in a row: a space between them, none after Chinese 。
      const text = parts.reduce((first, second) => t('punctuation.sentences', { first, second }))
      if (outcome.unknown.length + outcome.archived.length > 0) return say({ key: text, problem: true })
      return done('feedback.text', { text })
    }
    case 'move': {
      const parsed = MoveForm.safeParse(form)
      if (!parsed.success) return invalid(parsed.error)
      const outcome = await moveAgendaItem(db, user, id, parsed.data.item, parsed.data.direction)
      if (outcome.kind === 'forbidden') forbidden(outcome.action)
      if (outcome.kind === 'not_found') notFound()
      if (outcome.kind === 'open') return say({ key: 'meetings.page.alreadyOpen', problem: true }, 409)
      if (outcome.kind === 'not_on_agenda')
        return say({ key: 'meetings.page.notOnAgenda', problem: true }, 409)
      return done('feedback.agendaMoved')
    }
    case 'remove': {
      const parsed = RemoveForm.safeParse(form)
      if (!parsed.success) return invalid(parsed.error)
      const outcome = await removeAgendaItem(db, user, id, parsed.data.item)
      if (outcome.kind === 'forbidden') forbidden(outcome.action)
      if (outcome.kind === 'not_found') notFound()
      if (outcome.kind === 'open') return say({ key: 'meetings.page.alreadyOpen', problem: true }, 409)
      if (outcome.kind === 'not_on_agenda')
        return say({ key: 'meetings.page.notOnAgenda', problem: true }, 409)
      return done('feedback.agendaRemoved')
    }
    case 'open': {
      // the confirmation step (?confirm=open) says what opening freezes; a bare post does not open
      if (form.confirmed !== 'yes') return say({ key: 'corrections.notConfirmed', problem: true }, 400)
      // A job takes the snapshot (0047); its page shows the progress, then comes back here.
      const outcome = await startOpening(db, user, id)
      if (outcome.kind === 'forbidden') forbidden(outcome.action)
      if (outcome.kind === 'not_found') notFound()
      if (outcome.kind === 'open') return say({ key: 'meetings.page.alreadyOpen', problem: true }, 409)
      if (outcome.kind === 'empty') return say({ key: 'meetings.page.openEmpty', problem: true }, 409)
      if (outcome.kind === 'archived')
        return say(
          { key: 'meetings.page.openArchived', values: { refs: list(outcome.refs) }, problem: true },
          409,
        )
      return redirect(`/jobs/${outcome.jobId}`)
    }
    case 'decide': {
      const parsed = DecisionForm.safeParse(form)
      if (!parsed.success)
        return say(
          {
            key: parsed.error.issues[0]!.message,
            problem: true,
            field: `${String(form.item)}:${String(parsed.error.issues[0]!.path[0])}`,
          },
          400,
        )
      const outcome = await recordDecision(
        db,
        user,
        id,
        parsed.data.item,
        parsed.data.decision,
        parsed.data.text,
      )
      switch (outcome.kind) {
        case 'forbidden':
          return forbidden(outcome.action)
        case 'not_found':
          return notFound()
        case 'not_open':
        case 'not_on_agenda':
          return say(
            {
              key: outcome.kind === 'not_open' ? 'meetings.page.openHint' : 'meetings.page.notOnAgenda',
              problem: true,
            },
            409,
          )
        case 'already_decided':
          return say(
            { key: 'meetings.page.alreadyDecided', values: { ref: outcome.ref }, problem: true },
            409,
          )
        case 'stale':
          return say({ key: 'meetings.page.stale', values: { ref: outcome.ref }, problem: true }, 409)
        case 'refused':
          return say(
            {
              key: 'meetings.page.refused',
              values: { ref: outcome.ref, reason: refusalMessage(t, outcome.refusal) },
              problem: true,
              field: parsed.data.item,
            },
            outcome.refusal.httpStatus,
          )
        case 'recorded':
          await setFlash(
            db,
            request,
            outcome.to && outcome.from
              ? {
                  key: 'meetings.page.recordedMove',
                  values: { ref: outcome.ref, from: statusValue(outcome.from), to: statusValue(outcome.to) },
                  next: outcome.to,
                }
              : { key: 'meetings.page.recorded', values: { ref: outcome.ref } },
          )
          return redirect(`/meetings/${id}`)
      }
      return null
    }
    case 'amend': {
      const parsed = AmendForm.safeParse(form)
      if (!parsed.success)
        return say(
          {
            key: parsed.error.issues[0]!.message,
            problem: true,
            field: `amend:${String(parsed.error.issues[0]!.path[0])}`,
          },
          400,
        )
      const { item, decision, text, reason } = parsed.data
      const outcome = await amendDecision(db, user, id, item, decision, text, reason)
      switch (outcome.kind) {
        case 'forbidden':
          return forbidden(outcome.action)
        case 'not_found':
          return notFound()
        case 'not_decided':
          return say({ key: 'corrections.notDecided', problem: true }, 409)
        case 'unchanged':
          return say({ key: 'corrections.unchanged', problem: true, field: 'amend:text' }, 409)
        case 'stale':
          return say({ key: 'meetings.page.stale', values: { ref: outcome.ref }, problem: true }, 409)
        case 'refused':
          return say(
            {
              key: 'corrections.amendRefused',
              values: { ref: outcome.ref, reason: refusalMessage(t, outcome.refusal) },
              problem: true,
            },
            outcome.refusal.httpStatus,
          )
        case 'amended':
          await setFlash(db, request, {
            key: 'feedback.amended',
            values: { ref: outcome.ref },
            ...(outcome.to
              ? { next: outcome.to }
              : { then: { key: 'feedback.amendedStatus', values: { status: statusValue(outcome.status) } } }),
          })
          return redirect(`/meetings/${id}`)
      }
      return null
    }
    case 'carry': {
      const parsed = CarryForm.safeParse(form)
      if (!parsed.success) return say({ key: 'meetings.validation.target', problem: true }, 400)
      const outcome = await carryDeferred(db, user, id, parsed.data.target)
      if (outcome.kind === 'forbidden') forbidden(outcome.action)
      if (outcome.kind === 'not_found' || outcome.kind === 'same') notFound()
      if (outcome.kind === 'open') return say({ key: 'meetings.page.carryOpen', problem: true }, 409)
      if (outcome.kind === 'none_deferred') return say({ key: 'meetings.page.carryNone', problem: true }, 409)
      if (outcome.kind === 'too_many') return say(tooMany(outcome), 409)
      const target = await getMeeting(db, parsed.data.target)
      const parts = [t('meetings.page.carried', { count: outcome.added.length, title: target?.title ?? '' })]
      if (outcome.already.length) parts.push(t('meetings.page.already', { refs: list(outcome.already) }))
      if (outcome.archived.length)
        parts.push(t('meetings.page.archivedRefs', { refs: list(outcome.archived) }))
      return done('feedback.text', { text: parts.join(' ') })
    }
  }
}

/**
 * The refs box empties once its items are on the agenda (the page answers with a redirect and
 * no notice of its own); refs refused (unknown, archived) stay for the person to correct. Without
 * JavaScript the page after the redirect is a new one, empty anyway.
 */
function useClearedAfterAdding(navigation: Navigation, answered: Notice | undefined) {
  const form = useRef<HTMLFormElement>(null)
  const sent = useRef(false)
  useEffect(() => {
    if (navigation.state === 'submitting') sent.current = navigation.formData?.get('intent') === 'add_refs'
    else if (navigation.state === 'idle' && sent.current) {
      sent.current = false
      if (!answered?.problem) form.current?.reset()
    }
  }, [navigation.state, navigation.formData, answered])
  return form
}

export default function MeetingPage() {
  const { t, i18n } = useTranslation()
  const { meeting, canManage, canAmend, confirmOpen, amending, deferred, targets, savedViews, justOpened } =
    useLoaderData<typeof loader>()
  const answered = (useActionData<typeof action>() as { notice?: Notice } | null | undefined)?.notice
  const notice = answered ?? (justOpened ? OPENED : undefined)
  const noticeRef = useFocusOnArrival<HTMLParagraphElement>(notice)
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const refsForm = useClearedAfterAdding(navigation, answered)
  const open = meeting.opened_at !== null
  const decided = new Map(meeting.decisions.map((d) => [d.item_id, d]))
  const opening = !open && meeting.opening_job_id !== null
  const manageDraft = canManage && !open && !opening
  return (
    <section className="meeting-page">
      <p className="breadcrumbs">
        <Link to="/meetings">{t('meetings.title')}</Link>
      </p>
      <h1>{meeting.title}</h1>
      <DotList
        items={[
          t(`meetings.body.${meeting.body as MeetingBody}`),
          t('meetings.page.when', {
            date: formatDate(meeting.meeting_date, i18n.language),
            place: meeting.place,
          }),
          <strong key="state">{open ? t('meetings.open') : t('meetings.draft')}</strong>,
        ]}
      />
      {open ? (
        <p className="muted">
          {t('meetings.openedAt', {
            at: formatUtc(meeting.opened_at!, i18n.language),
            who: meeting.opened_by_name ?? '',
          })}
        </p>
      ) : null}
      {opening ? (
        <p className="notice" role="status">
          {t('meetings.page.openingNow')}{' '}
          {canManage ? (
            <Link to={`/jobs/${meeting.opening_job_id}`}>{t('meetings.page.followOpening')}</Link>
          ) : null}
        </p>
      ) : null}
      <DotList
        items={[
          <Link key="pack" to={`/meetings/${meeting.id}/pack`}>
            {t('meetings.page.pack')}
          </Link>,
          <PdfLinks key="pdf" meetingId={meeting.id} />,
          canManage ? (
            <Link key="edit" to="edit">
              {open ? t('corrections.correct') : t('corrections.edit')}
            </Link>
          ) : null,
        ]}
      />
      {notice ? (
        <p
          ref={noticeRef}
          tabIndex={-1}
          className={notice.problem ? 'notice warning' : 'notice'}
          role={notice.problem ? 'alert' : 'status'}
        >
          {t(messageKey(notice.key), notice.values ?? {})}
        </p>
      ) : null}

      <h2>{t('meetings.page.agenda')}</h2>
      {meeting.agenda.length === 0 ? (
        <p className="muted">{t('meetings.page.agendaEmpty')}</p>
      ) : (
        <table className="data-table agenda">
          <caption>{t('meetings.page.agendaCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.page.number')}</th>
              <th scope="col">{t('meetings.page.item')}</th>
              <th scope="col">{t('field.status')}</th>
              <th scope="col">{t('meetings.page.source')}</th>
              {manageDraft ? <th scope="col">{t('meetings.page.agenda')}</th> : null}
              {open ? <th scope="col">{t('meetings.decision.label')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {meeting.agenda.map((entry, index) => {
              const decision = decided.get(entry.item_id)
              return (
                <tr key={entry.item_id} id={`agenda-${entry.ref}`}>
                  <td>{index + 1}</td>
                  <th scope="row">
                    <Link to={`/items/${encodeURIComponent(entry.ref)}`}>{entry.ref}</Link>{' '}
                    <ItemText texts={titlesOf(entry)} />
                    {entry.archived ? (
                      <span className="badge"> {t('meetings.page.archivedBadge')}</span>
                    ) : null}
                  </th>
                  <td>
                    {t(`status.${entry.status as Status}`)}
                    {!decision && AWAITS_SUBMISSION.includes(entry.status as Status) ? (
                      <small className="muted status-note">{t('meetings.page.awaitsSubmission')}</small>
                    ) : null}
                  </td>
                  <td>{t(`meetings.page.sourceName.${entry.source as AgendaSource}`)}</td>
                  {manageDraft ? (
                    <td>
                      <Form method="post" preventScrollReset className="inline-form">
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="item" value={entry.item_id} />
                        <button
                          type="submit"
                          name="direction"
                          value="up"
                          disabled={index === 0 || busy}
                          aria-label={t('meetings.page.moveUpLabel', { ref: entry.ref })}
                        >
                          {t('meetings.page.moveUp')}
                        </button>
                        <button
                          type="submit"
                          name="direction"
                          value="down"
                          disabled={index === meeting.agenda.length - 1 || busy}
                          aria-label={t('meetings.page.moveDownLabel', { ref: entry.ref })}
                        >
                          {t('meetings.page.moveDown')}
                        </button>
                      </Form>
                      <Form method="post" preventScrollReset className="inline-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="item" value={entry.item_id} />
                        <button
                          type="submit"
                          className="link-button"
                          disabled={busy}
                          aria-label={t('meetings.page.removeLabel', { ref: entry.ref })}
                        >
                          {t('meetings.page.remove')}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                  {open ? (
                    <td>
                      {decision && amending === entry.item_id && canAmend ? (
                        <AmendDecision
                          itemId={entry.item_id}
                          itemRef={entry.ref}
                          decision={decision.decision}
                          text={decision.text}
                          busy={busy}
                          notice={notice}
                        />
                      ) : decision ? (
                        <div className="decision">
                          <strong>{t(`meetings.decision.${decision.decision}`)}</strong>
                          {decision.amendment ? (
                            <span className="badge amended"> {t('corrections.amendedMark')}</span>
                          ) : null}
                          : {decision.text}
                          {decision.status_to ? (
                            <>
                              {' '}
                              (
                              {t('meetings.pack.statusMove', {
                                from: t(`status.${decision.status_from as Status}`),
                                to: t(`status.${decision.status_to as Status}`),
                              })}
                              )
                            </>
                          ) : null}
                          <p className="muted">
                            {t('meetings.page.decidedBy', {
                              at: formatUtc(decision.recorded_at, i18n.language),
                              who: decision.recorded_by_name,
                            })}
                          </p>
                          {decision.amendment ? (
                            <>
                              <p className="muted">
                                {t('corrections.amendedNote', {
                                  at: formatUtc(decision.amendment.amended_at, i18n.language),
                                  who: decision.amendment.amended_by_name,
                                  reason: decision.amendment.reason,
                                })}
                              </p>
                              <p className="muted">
                                {t('corrections.originalNote', {
                                  decision: t(`meetings.decision.${decision.amendment.original_decision}`),
                                  text: decision.amendment.original_text,
                                })}
                              </p>
                            </>
                          ) : null}
                          {canAmend ? (
                            <Link
                              to={`?amend=${encodeURIComponent(entry.item_id)}#agenda-${entry.ref}`}
                              preventScrollReset
                              aria-label={t('corrections.amendLabel', { ref: entry.ref })}
                            >
                              {t('corrections.amend')}
                            </Link>
                          ) : null}
                        </div>
                      ) : canManage ? (
                        <Form
                          method="post"
                          preventScrollReset
                          className="decision-form"
                          aria-label={t('meetings.page.decisionFor', { ref: entry.ref })}
                        >
                          <input type="hidden" name="intent" value="decide" />
                          <input type="hidden" name="item" value={entry.item_id} />
                          <label htmlFor={`decision-${entry.item_id}`}>{t('meetings.decision.label')}</label>
                          <select
                            id={`decision-${entry.item_id}`}
                            name="decision"
                            required
                            defaultValue="note"
                          >
                            {DECISIONS.map((d) => (
                              <option key={d} value={d}>
                                {t(`meetings.decision.${d}`)}
                              </option>
                            ))}
                          </select>
                          <label htmlFor={`decision-text-${entry.item_id}`}>
                            {t('meetings.decision.text')}
                          </label>
                          <textarea
                            id={`decision-text-${entry.item_id}`}
                            name="text"
                            required
                            rows={2}
                            maxLength={2000}
                          />
                          <button
                            type="submit"
                            disabled={busy}
                            aria-label={t('meetings.page.recordLabel', { ref: entry.ref })}
                          >
                            {t('meetings.page.record')}
                          </button>
                        </Form>
                      ) : (
                        <span className="muted">{t('meetings.page.noDecision')}</span>
                      )}
                    </td>
                  ) : null}
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {open && canManage ? <p className="hint">{t('meetings.page.decisionsHint')}</p> : null}

      {manageDraft ? (
        <>
          <Form method="post" className="meeting-add">
            <h3>{t('meetings.page.fromView')}</h3>
            <input type="hidden" name="intent" value="add_view" />
            <label htmlFor="agenda-view">{t('meetings.page.viewLabel')}</label>
            <input
              id="agenda-view"
              name="view"
              type="text"
              aria-describedby="agenda-view-hint"
              defaultValue={meeting.view_query ? `?${meeting.view_query}` : ''}
            />
            <p className="hint" id="agenda-view-hint">
              {t('meetings.page.fromViewHint')}
            </p>
            {meeting.view_query ? (
              <p className="hint">
                <Link to={`/items?${meeting.view_query}`}>{t('meetings.page.openLastView')}</Link>
              </p>
            ) : null}
            <button type="submit" disabled={busy}>
              {t('meetings.page.addView')}
            </button>
          </Form>
          {savedViews.length ? (
            <Form method="post" className="meeting-add">
              <input type="hidden" name="intent" value="add_view" />
              <label htmlFor="agenda-saved-view">{t('views.agendaLabel')}</label>
              <select id="agenda-saved-view" name="view" aria-describedby="agenda-saved-view-hint">
                {savedViews.map((v) => (
                  <option key={v.id} value={`?${v.query}`}>
                    {v.name}
                  </option>
                ))}
              </select>
              <p className="hint" id="agenda-saved-view-hint">
                {t('views.agendaHint')}
              </p>
              <button type="submit" disabled={busy}>
                {t('views.agendaAdd')}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="meeting-add" ref={refsForm}>
            <h3>{t('meetings.page.byRef')}</h3>
            <input type="hidden" name="intent" value="add_refs" />
            <label htmlFor="agenda-refs">{t('meetings.page.refsLabel')}</label>
            <textarea id="agenda-refs" name="refs" rows={2} aria-describedby="agenda-refs-hint" />
            <p className="hint" id="agenda-refs-hint">
              {t('meetings.page.byRefHint')}
            </p>
            <button type="submit" disabled={busy}>
              {t('meetings.page.addRefs')}
            </button>
          </Form>
          {confirmOpen && meeting.agenda.length > 0 ? (
            <Form
              method="post"
              className="meeting-open confirm"
              id="confirm-open"
              aria-labelledby="confirm-open-title"
            >
              <h2 id="confirm-open-title">{t('corrections.confirmOpenTitle')}</h2>
              <p>{t('corrections.confirmOpenIntro')}</p>
              <ul>
                <li>{t('corrections.freezesAgenda', { count: meeting.agenda.length })}</li>
                <li>{t('corrections.freezesPack')}</li>
                <li>{t('corrections.freezesDetails')}</li>
              </ul>
              <p>{t('corrections.confirmOpenAfter')}</p>
              <input type="hidden" name="intent" value="open" />
              <input type="hidden" name="confirmed" value="yes" />
              <p className="actions">
                <button type="submit" className="primary" disabled={busy}>
                  {t('corrections.confirmOpen')}
                </button>{' '}
                <Link to="." preventScrollReset>
                  {t('corrections.cancel')}
                </Link>
              </p>
            </Form>
          ) : (
            <section className="meeting-open" aria-labelledby="open-title">
              <h2 id="open-title">{t('meetings.page.opening')}</h2>
              <p>{t('meetings.page.openHint')}</p>
              {meeting.agenda.length === 0 ? (
                <p className="muted">{t('meetings.page.openEmpty')}</p>
              ) : (
                <Link to="?confirm=open#confirm-open" className="button" preventScrollReset>
                  {t('corrections.openStart')}
                </Link>
              )}
            </section>
          )}
        </>
      ) : null}

      {open && canManage && deferred > 0 ? (
        <section className="meeting-carry">
          <h2>{t('meetings.page.carry')}</h2>
          <p>{t('meetings.page.carryHint', { count: deferred })}</p>
          {targets.length === 0 ? (
            <p className="muted">{t('meetings.page.carryNoTarget')}</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="carry" />
              <label htmlFor="carry-target">{t('meetings.page.carryTarget')}</label>
              <select
                id="carry-target"
                name="target"
                defaultValue={
                  (
                    targets.find((m) => m.body === meeting.body && m.meeting_date >= meeting.meeting_date) ??
                    targets[0]
                  )?.id
                }
              >
                {targets.map((m) => (
                  <option key={m.id} value={m.id}>
                    {`${formatDate(m.meeting_date, i18n.language)} · ${m.title} (${t(`meetings.body.${m.body as MeetingBody}`)})`}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={busy}>
                {t('meetings.page.carryButton')}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </section>
  )
}

/** The amendment form for one recorded decision (?amend=<item>): decision and text as they should read, and why. */
function AmendDecision({
  itemId,
  itemRef,
  decision,
  text,
  busy,
  notice,
}: {
  itemId: string
  itemRef: string
  decision: string
  text: string
  busy: boolean
  notice: Notice | undefined
}) {
  const { t } = useTranslation()
  const problem = notice?.problem && notice.field?.startsWith('amend:') ? notice : null
  return (
    <Form
      method="post"
      preventScrollReset
      className="decision-form amend-form"
      aria-label={t('corrections.amendLabel', { ref: itemRef })}
    >
      <input type="hidden" name="intent" value="amend" />
      <input type="hidden" name="item" value={itemId} />
      <label htmlFor={`amend-decision-${itemId}`}>{t('meetings.decision.label')}</label>
      <select id={`amend-decision-${itemId}`} name="decision" required defaultValue={decision}>
        {DECISIONS.map((d) => (
          <option key={d} value={d}>
            {t(`meetings.decision.${d}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`amend-text-${itemId}`}>{t('meetings.decision.text')}</label>
      <textarea
        id={`amend-text-${itemId}`}
        name="text"
        required
        rows={2}
        maxLength={2000}
        defaultValue={text}
      />
      <label htmlFor={`amend-reason-${itemId}`}>{t('corrections.amendReason')}</label>
      <textarea
        id={`amend-reason-${itemId}`}
        name="reason"
        required
        rows={2}
        maxLength={AMEND_REASON_MAX}
        aria-describedby={`amend-reason-hint-${itemId}${problem ? ` amend-problem-${itemId}` : ''}`}
        aria-invalid={problem?.field === 'amend:reason' ? true : undefined}
      />
      <p className="hint" id={`amend-reason-hint-${itemId}`}>
        {t('corrections.amendReasonHint', { max: AMEND_REASON_MAX })}
      </p>
      {problem ? (
        <p className="field-error" id={`amend-problem-${itemId}`}>
          {t(messageKey(problem.key), problem.values ?? {})}
        </p>
      ) : null}
      <p className="actions">
        <button type="submit" disabled={busy}>
          {t('corrections.amendSubmit')}
        </button>{' '}
        <Link to="." preventScrollReset>
          {t('corrections.cancel')}
        </Link>
      </p>
    </Form>
  )
}
