import { namesOn, type FieldNameOn } from '../portfolio/fields'
import type { TranslatedField } from '../portfolio/item-text'

// The item history's vocabulary, shared by the server (which writes and reads it) and the item
// page (which tells it in words). Stored in item_events: `kind` as text, the details as JSON.
// Later parts of issue 3 (comments, flags) add kinds here; no migration is needed for that.

export const EVENT_KINDS = [
  'created',
  'edited',
  'transition',
  'archived',
  'restored',
  'imported',
  'flag',
  'comment',
  'scored',
  'decision',
  'publication',
  'procedure',
  'translation',
] as const
export type EventKind = (typeof EVENT_KINDS)[number]

/**
 * The fields a change is recorded for (the registry's history surface, app/portfolio/fields.ts),
 * with the API's names and values: taxonomy by name, amounts in USD million, lists as arrays.
 * Status is among them because an import may set it.
 */
export const HISTORY_FIELDS = namesOn('history')
export type HistoryField = FieldNameOn<'history'>

export type HistoryValue = string | number | string[] | null

/** One field's change: `old` and `new` as the API shows the field. */
export interface FieldChangeRecord {
  field: HistoryField
  old: HistoryValue
  new: HistoryValue
}

export interface EventDetailsByKind {
  /** made from the form: new items start as proposed */
  created: { status: string }
  /** a save from the edit form; only saves that change something are recorded */
  edited: { changes: FieldChangeRecord[] }
  transition: { from: string; to: string; reason: string | null }
  archived: Record<string, never>
  restored: Record<string, never>
  /** made or updated by the importer: a new item names its status, an update lists its changes */
  imported: {
    created: boolean
    status: string | null
    changes: FieldChangeRecord[]
    /** the status change is one the workflow does not allow, applied as the secretariat recorded it (issue 11) */
    status_as_recorded?: true
  }
  /** a development partner's co-financing flag (app/cofinancing): the flag as it now is, or as it was when withdrawn */
  flag: {
    action: 'flagged' | 'updated' | 'withdrawn'
    organisation: string
    instrument: string
    stage: string
    amount_usd_m: number | null
    note: string | null
  }
  /** a comment added, replied, edited or deleted (app/comments): which one; its text is in comments and comment_revisions */
  comment: { action: 'added' | 'replied' | 'edited' | 'deleted'; comment_id: string }
  /** a steering committee member's own score (app/prioritisation), as set or as it was when withdrawn, and the item's quadrant before and after */
  scored: {
    action: 'scored' | 'updated' | 'withdrawn'
    /** null only as shown to someone who may not see members' named scores (app/prioritisation/visibility.ts) */
    strategic_importance: number | null
    ease_of_implementation: number | null
    note: string | null
    quadrant: { old: string; new: string }
    /** set on the copy shown to those who see only the median and spread: who and what are left out */
    redacted?: true
  }
  /**
   * A committee's decision recorded at a meeting (app/meetings, docs/decisions/0014-meetings.md);
   * `from`/`to` name the status change it made through the workflow (a `transition` event with the
   * decision's text as reason comes just before it), both null when it made none.
   */
  decision: {
    meeting_id: string
    meeting_title: string
    body: string
    meeting_date: string
    decision: string
    text: string
    from: string | null
    to: string | null
    /**
     * Set when this event amends a decision recorded earlier (app/meetings/corrections.server.ts):
     * why, and the decision and text it replaces. The earlier event stays in the history as it was.
     */
    amended?: { reason: string; previous_decision: string; previous_text: string }
  }
  /**
   * A written procedure (app/procedures, docs/decisions/0029): the item put to the committee
   * (`opened`), or the procedure's outcome (`closed`) with the vote counts and the status change
   * it made through the workflow (a `transition` event comes just before it), both null when none.
   * `announce`: the one event of an opening the committee's members are told of.
   */
  procedure: {
    procedure_id: string
    title: string
    action: 'opened' | 'closed'
    deadline: string
    items: number
    announce: boolean
    outcome: 'endorsed' | 'not_endorsed' | null
    from: string | null
    to: string | null
    tally: { members: number; endorse: number; object: number; abstain: number } | null
  }
}

export interface EventDetailsByKind {
  /** the secretariat published the item on /public, or made it internal again (app/publication) */
  publication: { published: boolean }
  /**
   * "may be outdated" confirmed (docs/decisions/0034-translation-provenance.md): the translation
   * in `field` (title_ru, description_zh, ...) still stands for its source, which had changed.
   */
  translation: { action: 'confirmed'; field: TranslatedField }
}

export type ItemEvent = { [K in EventKind]: { kind: K; details: EventDetailsByKind[K] } }[EventKind]

/** An event as read back: who made it (their name; null for the importer) and when. */
export type HistoryEntry = ItemEvent & { id: string; seq: number; at: string; by: string | null }
