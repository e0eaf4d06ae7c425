import type { ItemEvent } from './events'

/**
 * The status change an event records, if any: the status an item was created or imported with
 * (from null), a workflow move, an import that changed the status. recordEvent writes it to
 * item_status_changes beside the event, for the dashboard's status over time.
 */
export function statusChangeOf(event: ItemEvent): { from: string | null; to: string } | null {
  switch (event.kind) {
    case 'created':
      return { from: null, to: event.details.status }
    case 'transition':
      return { from: event.details.from, to: event.details.to }
    case 'imported': {
      if (event.details.created && event.details.status) return { from: null, to: event.details.status }
      const change = event.details.changes.find((c) => c.field === 'status')
      return change && typeof change.new === 'string'
        ? { from: typeof change.old === 'string' ? change.old : null, to: change.new }
        : null
    }
    default:
      return null
  }
}
