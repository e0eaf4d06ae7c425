// What the bulk route answers the table (app/routes/bulk.tsx): sentences already in the reader's
// language, and each refused item with its reason, so the bar only shows them.

export interface BulkReport {
  /** false when nothing was done or something was refused */
  ok: boolean
  /** the sentences of the summary */
  lines: string[]
  /** items left as they were, each with why */
  refused: Array<{ ref: string; reason: string }>
  /** a link onwards (the meeting whose agenda grew) */
  next?: { href: string; label: string }
}

/** What the bulk bar offers this person: the actions they may take, the draft meetings, the limit. */
export interface BulkOptions {
  limit: number
  moves: boolean
  agenda: boolean
  follow: boolean
  publish: boolean
  drafts: Array<{ id: string; title: string; meeting_date: string }>
}
