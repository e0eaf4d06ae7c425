import type { DB } from '../../db/schema'
import type { ItemEvent } from '../history/events'
import { announce, announceMentions, announceProcedure, type Notice } from './notify.server'
import { announceReportStep, type ReportStepEvent } from './report-notify.server'

// The one door from the item history to people (docs/decisions/0008-notifications.md and 0016):
// app/history's recordEvent hands every event it writes to `dispatch`, inside the transaction
// that made the change, and this table decides who hears of which kind. A new kind of change
// notifies followers by adding its line here; nothing else has to call the notifications.

export interface RecordedEvent {
  /** the history event's id */
  id: string
  itemId: string
  /** null for changes no signed-in person made (the command-line importer) */
  actorId: string | null
  at: string
  event: ItemEvent
}

/** What an event tells followers, or null when it tells nobody. */
function noticeOf(event: ItemEvent): Notice | null {
  switch (event.kind) {
    case 'transition':
      return { kind: 'transition', details: event.details }
    case 'flag':
      // new interest (or interest again after a withdrawal), not every later update of it
      return event.details.action === 'flagged'
        ? { kind: 'flag', details: event.details, follow: 'flagged' }
        : null
    case 'edited':
      return { kind: 'change', details: { fields: event.details.changes.map((c) => c.field) } }
    case 'imported':
      // an import that updated a followed item changed its fields like an edit; a new item has no followers yet
      return !event.details.created && event.details.changes.length > 0
        ? { kind: 'change', details: { fields: event.details.changes.map((c) => c.field) } }
        : null
    // Comments tell the people they mention (announceMentions); the others tell nobody for now:
    // a creation has no followers yet, archiving is the secretariat's housekeeping, a score or a
    // decision is followed by the status change it causes, which notifies; publishing on /public
    // changes what outsiders see, not the item followers follow.
    case 'comment':
    case 'created':
    case 'archived':
    case 'restored':
    case 'scored':
    case 'decision':
    case 'publication':
    // confirming a translation changes no text: nothing new for followers to read
    case 'translation':
    // a procedure's outcome is followed by the status changes it causes, which notify; its
    // opening tells the committee's members (dispatch, below), not the item's followers
    case 'procedure':
      return null
  }
}

/** Tells whoever should hear of a recorded event: inbox rows and outbox mail. Returns how many people. */
export async function dispatch(db: DB, recorded: RecordedEvent): Promise<number> {
  const { event } = recorded
  if (event.kind === 'comment') {
    // A deletion tells nobody; a post or an edit tells the people it newly mentions.
    if (event.details.action === 'deleted') return 0
    return announceMentions(db, recorded, event.details.comment_id, event.details.action === 'edited')
  }
  if (event.kind === 'procedure')
    return event.details.action === 'opened' && event.details.announce
      ? announceProcedure(db, recorded, event.details)
      : 0
  const notice = noticeOf(event)
  return notice ? announce(db, recorded, notice) : 0
}

/**
 * Tells whoever should hear of a step of a country's KPI report (app/monitoring): the second door,
 * for reports that belong to no item. Called inside the transaction that made the step.
 */
export async function dispatchReportStep(db: DB, step: ReportStepEvent): Promise<number> {
  return announceReportStep(db, step)
}
