import { z } from 'zod'
import { message } from '../i18n/message'
import type { Status } from '../portfolio/codes'
import { TRANSITIONS } from '../workflow/transition-table'

// Meetings (issue 4): the forms' schemas, shared by the browser and the actions, and the
// vocabulary of bodies and decisions. Messages are translation keys (app/i18n/en.ts).
// Decisions behind them: docs/decisions/0014-meetings.md.

/** The bodies that meet over the pipeline (DOMAIN.md, "Who does what"). */
export const MEETING_BODIES = [
  'regional_trade_group',
  'digital_strategy_steering_committee',
  'customs_cooperation_committee',
  'sps_regional_working_group',
  'senior_officials_meeting',
  'ministerial_conference',
] as const
export type MeetingBody = (typeof MEETING_BODIES)[number]

export const DECISIONS = ['endorse', 'defer', 'drop', 'return', 'note'] as const
export type Decision = (typeof DECISIONS)[number]

/** How an item came onto an agenda: from a table view, picked by ref, carried from a deferral. */
export type AgendaSource = 'view' | 'picked' | 'carried'

/** The status a decision moves the item to through the workflow; null: it changes no status. */
export const DECISION_TARGET: Record<Decision, Status | null> = {
  endorse: 'endorsed',
  defer: null,
  drop: 'dropped',
  return: 'proposed',
  note: null,
}

/** The statuses the committee's endorsement moves an item from (the workflow's endorse rule). */
const ENDORSABLE_FROM: readonly Status[] = TRANSITIONS.find((rule) => rule.name === 'endorse')?.from ?? []
/**
 * An item in one of these statuses waits for a move into review before the committee can endorse
 * it: the agenda says so when it is added, rather than the decision being refused at the meeting.
 */
export const AWAITS_SUBMISSION: readonly Status[] = TRANSITIONS.filter(
  (rule) => rule.to !== 'previous' && ENDORSABLE_FROM.includes(rule.to),
).flatMap((rule) => rule.from)

export const DECISION_TEXT_MAX = 2000
/** At most this many refs are picked by hand at once. */
export const MAX_PICKED = 200
/**
 * An agenda holds at most this many items: a committee takes tens, and the whole plan of 2025-2028
 * is 80. A table view's address that names a whole large register is refused, not read.
 */
export const AGENDA_LIMIT = 500

const text = (max: number) =>
  z
    .string({ required_error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(max, message('validation.tooLong', { max }))

export const MeetingForm = z.object({
  title: text(300),
  body: z.enum(MEETING_BODIES, { errorMap: () => ({ message: 'meetings.validation.body' }) }),
  meeting_date: z
    .string({ required_error: 'validation.required' })
    // one check, so a bad date gets one message
    .refine(
      (d) =>
        /^\d{4}-\d{2}-\d{2}$/.test(d) &&
        !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
        new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      'meetings.validation.date',
    ),
  place: text(300),
})
export type MeetingInput = z.output<typeof MeetingForm>

/**
 * A table view to fill the agenda from: the portfolio table's address or just its query string
 * (`?pillar=...&status=under_review`), as copied from the browser. Parsed by parseListQuery later.
 */
export const ViewForm = z.object({
  view: z
    .string({ invalid_type_error: 'meetings.validation.view' })
    .trim()
    .max(4000, message('validation.tooLong', { max: 4000 }))
    .default(''),
})

/** Refs picked by hand: separated by spaces, commas, semicolons or new lines. */
export const PickForm = z.object({
  refs: text(8000)
    .transform((value) => [...new Set(value.split(/[\s,;]+/).filter(Boolean))])
    .refine((refs) => refs.length <= MAX_PICKED, 'meetings.validation.tooManyRefs'),
})

/** The agenda item a button acts on (a hidden field): missing only from a hand-made request. */
const agendaItem = z
  .string({ required_error: 'meetings.validation.item', invalid_type_error: 'meetings.validation.item' })
  .min(1, 'meetings.validation.item')

export const MoveForm = z.object({
  item: agendaItem,
  direction: z.enum(['up', 'down'], { errorMap: () => ({ message: 'meetings.validation.direction' }) }),
})
export const RemoveForm = z.object({ item: agendaItem })

export const DecisionForm = z.object({
  item: agendaItem,
  decision: z.enum(DECISIONS, { errorMap: () => ({ message: 'meetings.validation.decision' }) }),
  text: text(DECISION_TEXT_MAX),
})

/** Correcting an open meeting: its title and place only (body and date stay as opened). */
export const MeetingDetailsForm = MeetingForm.pick({ title: true, place: true })
export type MeetingDetailsInput = z.output<typeof MeetingDetailsForm>

export const AMEND_REASON_MAX = 1000

/** Amending a recorded decision: the decision and text as they should read, and why. */
export const AmendForm = DecisionForm.extend({ reason: text(AMEND_REASON_MAX) })

export const CarryForm = z.object({
  target: z.string({ required_error: 'meetings.validation.target' }).min(1, 'meetings.validation.target'),
})

/** The query string of a view link: everything after `?` (a full address or a bare query both work). */
export function viewQueryOf(text: string): string {
  const trimmed = text.trim()
  const at = trimmed.indexOf('?')
  if (at < 0 && /^(\/|https?:\/\/)/i.test(trimmed)) return '' // an address with no filters: the whole table
  return (at >= 0 ? trimmed.slice(at + 1) : trimmed).replace(/#.*$/, '')
}
