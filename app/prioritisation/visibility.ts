import type { HistoryEntry } from '../history/events'
import { can, type Actor } from '../permissions/permissions'
import type { ItemScores } from './scores.server'

// Who sees each member's named score and note (issue 11): the committee and the secretariat, whose
// deliberation it is ('score:read-named' in app/permissions). Everyone else sees the median and
// spread (the aggregate), and in the history that a member scored, and how the quadrant moved,
// without who or what. Pure, so the rule is applied the same way by the item page, the activity
// page and the API, and tested on its own.

/** The item's scores as `viewer` may see them: without the members' rows for those who may not. */
export function visibleScores(viewer: Actor, scores: ItemScores): ItemScores & { named: boolean } {
  const named = can(viewer, 'score:read-named')
  return { ...scores, members: named ? scores.members : [], named }
}

/** One history entry as `viewer` may see it: a score event without its author, values and note. */
export function visibleEntry<E extends Pick<HistoryEntry, 'by'> & HistoryEntry>(viewer: Actor, entry: E): E {
  if (entry.kind !== 'scored' || can(viewer, 'score:read-named')) return entry
  return {
    ...entry,
    by: null,
    details: {
      ...entry.details,
      strategic_importance: null,
      ease_of_implementation: null,
      note: null,
      redacted: true,
    },
  }
}

export function visibleHistory<E extends HistoryEntry>(viewer: Actor, entries: readonly E[]): E[] {
  return entries.map((entry) => visibleEntry(viewer, entry))
}
