import { useTranslation } from 'react-i18next'
import { useShowValue } from '~/components/portfolio/field-values'
import { formatAmount, formatDate, formatUtc } from '~/i18n/format'
import type { Quadrant, Status } from '~/portfolio/codes'
import type { FieldChangeRecord, HistoryEntry } from '~/history/events'

const LONG = 300

/** The item's timeline, newest first: who, when (UTC), and what, in words. */
export function History({ history }: { history: HistoryEntry[] }) {
  const { t, i18n } = useTranslation()
  if (history.length === 0) return <p className="muted">{t('history.empty')}</p>
  return (
    <ol className="timeline">
      {history.map((entry) => (
        <li key={entry.id}>
          <time dateTime={entry.at}>{formatUtc(entry.at, i18n.language)}</time> <EventText entry={entry} />
        </li>
      ))}
    </ol>
  )
}

/** One history event in words; `itemHref` makes its comment link work away from the item page (the activity page). */
export function EventText({ entry, itemHref = '' }: { entry: HistoryEntry; itemHref?: string }) {
  const { t, i18n } = useTranslation()
  const who = entry.by ?? t('history.someone')
  const status = (code: string | null) => (code ? t(`status.${code as Status}`) : t('form.empty'))
  switch (entry.kind) {
    case 'created':
      return <span>{t('history.created', { who, status: status(entry.details.status) })}</span>
    case 'transition':
      return (
        <>
          <span>
            {t('history.transition', { who, from: status(entry.details.from), to: status(entry.details.to) })}
          </span>
          {entry.details.reason ? (
            <p className="reason">{t('history.reason', { reason: entry.details.reason })}</p>
          ) : null}
        </>
      )
    case 'edited':
      return (
        <>
          <span>{t('history.edited', { who, count: entry.details.changes.length })}</span>
          <Changes changes={entry.details.changes} />
        </>
      )
    case 'archived':
    case 'restored':
      return <span>{t(`history.${entry.kind}`, { who })}</span>
    case 'publication':
      return <span>{t(entry.details.published ? 'history.published' : 'history.unpublished', { who })}</span>
    case 'translation':
      return (
        <span>{t('history.translationConfirmed', { who, field: t(`field.${entry.details.field}`) })}</span>
      )
    case 'imported': {
      const { created, changes } = entry.details
      const key = created ? 'history.importedCreated' : 'history.importedUpdated'
      return (
        <>
          <span>
            {t(entry.by ? key : `${key}BySystem`, {
              who,
              status: status(entry.details.status),
              count: changes.length,
            })}
          </span>
          {created ? null : <Changes changes={changes} />}
          {entry.details.status_as_recorded ? (
            <p className="reason">{t('history.statusAsRecorded')}</p>
          ) : null}
        </>
      )
    }
    case 'flag': {
      const { action, organisation, instrument, stage, amount_usd_m, note } = entry.details
      const flag = t('history.flagDetails', {
        instrument: t(`cofinancing.instrument.${instrument}`, { defaultValue: instrument }),
        stage: t(`cofinancing.stage.${stage}`, { defaultValue: stage }),
        amount:
          amount_usd_m == null
            ? t('cofinancing.noAmount')
            : t('cofinancing.amountOf', { amount: formatAmount(amount_usd_m, i18n.language) }),
      })
      return (
        <>
          <span>{t(`history.flag_${action}`, { who, organisation, flag })}</span>
          {note && action !== 'withdrawn' ? (
            <p className="reason">{t('history.flagNote', { note })}</p>
          ) : null}
        </>
      )
    }
    case 'comment': {
      const { action, comment_id } = entry.details
      return (
        <span>
          {t(`history.comment_${action}`, { who })}
          {t('punctuation.open')}
          <a href={`${itemHref}#comment-${comment_id}`}>{t('history.commentLink')}</a>
          {t('punctuation.close')}
        </span>
      )
    }
    case 'scored': {
      const { action, strategic_importance, ease_of_implementation, note, quadrant, redacted } = entry.details
      return (
        <>
          <span>
            {redacted
              ? t(`history.scoredRedacted_${action}`)
              : t(`history.scored_${action}`, {
                  who,
                  importance: strategic_importance ?? '',
                  ease: ease_of_implementation ?? '',
                })}
          </span>
          {quadrant.old !== quadrant.new ? (
            <p className="reason">
              {t('history.quadrantMoved', {
                old: t(`quadrant.${quadrant.old as Quadrant}`),
                new: t(`quadrant.${quadrant.new as Quadrant}`),
              })}
            </p>
          ) : null}
          {note && action !== 'withdrawn' ? (
            <p className="reason">{t('history.flagNote', { note })}</p>
          ) : null}
        </>
      )
    }
    case 'decision': {
      const { meeting_id, meeting_title, meeting_date, decision, text, amended } = entry.details
      return (
        <>
          <span>
            {t(amended ? 'corrections.historyAmended' : 'history.decision', {
              who,
              meeting: meeting_title,
              date: formatDate(meeting_date, i18n.language),
              decision: t(`meetings.decision.${decision}`, { defaultValue: decision }),
            })}
            {t('punctuation.open')}
            <a href={`/meetings/${meeting_id}`}>{t('meetings.page.details')}</a>
            {t('punctuation.close')}
          </span>
          <p className="reason">{t('history.decisionText', { text })}</p>
          {amended ? (
            <>
              <p className="reason">{t('corrections.historyReason', { reason: amended.reason })}</p>
              <p className="reason">
                {t('corrections.historyBefore', {
                  decision: t(`meetings.decision.${amended.previous_decision}`, {
                    defaultValue: amended.previous_decision,
                  }),
                  text: amended.previous_text,
                })}
              </p>
            </>
          ) : null}
        </>
      )
    }
    case 'procedure': {
      const { procedure_id, title, action, deadline, outcome, tally } = entry.details
      const link = (
        <>
          {t('punctuation.open')}
          <a href={`/procedures/${procedure_id}`}>{t('history.procedureLink')}</a>
          {t('punctuation.close')}
        </>
      )
      if (action === 'opened')
        return (
          <span>
            {t('history.procedureOpened', { who, title, deadline: formatUtc(deadline, i18n.language) })}
            {link}
          </span>
        )
      return (
        <span>
          {t(`history.procedureClosed_${outcome ?? 'not_endorsed'}`, {
            title,
            endorse: tally?.endorse ?? 0,
            object: tally?.object ?? 0,
            abstain: tally?.abstain ?? 0,
            members: tally?.members ?? 0,
          })}
          {link}
        </span>
      )
    }
    default: {
      // A kind added by a later version: say what it is rather than hide it.
      const kind: string = (entry as { kind: string }).kind
      return <span>{t('history.other', { who, kind })}</span>
    }
  }
}

export function Changes({ changes }: { changes: FieldChangeRecord[] }) {
  const { t } = useTranslation()
  const show = useShowValue()
  const shown = (field: string, value: unknown) => {
    const text = show(field, value)
    return text.length > LONG ? `${text.slice(0, LONG)}…` : text
  }
  return (
    <ul className="changes">
      {changes.map((change) => (
        <li key={change.field}>
          {t('history.change', {
            field: t(`field.${change.field}`),
            old: shown(change.field, change.old),
            new: shown(change.field, change.new),
          })}
        </li>
      ))}
    </ul>
  )
}
