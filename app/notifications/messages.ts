import type { Stage } from '../cofinancing/schema'
import type { Status } from '../portfolio/codes'
import type { TFunction } from 'i18next'

// Notifications in words, shared by the inbox page and the mail (app/i18n/en.ts, notifications.*).

/** The changed fields by their labels in the catalogue (field.*), in the order recorded: "Cost (USD m), Secured (USD m)". */
export function changedFieldsText(t: TFunction, fields: readonly string[]): string {
  return fields
    .map((field) => t(`field.${field}`, { defaultValue: field }))
    .join(t('notifications.listSeparator'))
}

/** One inbox entry in words. */
export function notificationText(
  t: TFunction,
  entry: { kind: string; by: string | null; ref: string; details: Record<string, unknown> },
): string {
  const who = entry.by ?? t('history.someone')
  const { details } = entry
  switch (entry.kind) {
    case 'mention':
      return t('notifications.mention', { who, ref: entry.ref })
    case 'transition':
      return t('notifications.transition', {
        who,
        ref: entry.ref,
        from: t(`status.${String(details.from) as Status}`),
        to: t(`status.${String(details.to) as Status}`),
      })
    case 'flag':
      return t('notifications.flag', {
        who,
        ref: entry.ref,
        organisation: String(details.organisation),
        stage: t(`cofinancing.stage.${String(details.stage) as Stage}`),
      })
    case 'change': {
      // the event's details: an edit's or an import's list of changes
      const changes = Array.isArray(details.changes) ? (details.changes as Array<{ field: string }>) : []
      return t('notifications.change', {
        who,
        ref: entry.ref,
        fields: changedFieldsText(
          t,
          changes.map((c) => c.field),
        ),
      })
    }
    case 'procedure':
      return t('notifications.procedure', {
        who,
        title: String(details.title),
        items: Number(details.items),
        deadline: String(details.deadline).slice(0, 16).replace('T', ' '),
      })
    default:
      return entry.ref
  }
}

/** Where an inbox entry leads: the item (a comment on it), or a written procedure's voting page. */
export function notificationHref(entry: {
  kind: string
  ref: string
  details: Record<string, unknown>
}): string {
  if (entry.kind === 'procedure')
    return `/procedures/${encodeURIComponent(String(entry.details.procedure_id))}`
  const item = `/items/${encodeURIComponent(entry.ref)}`
  return entry.kind === 'mention' ? `${item}#comment-${String(entry.details.comment_id)}` : item
}
