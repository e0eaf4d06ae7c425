import { z } from 'zod'
import { COUNTRY_CODES } from '../portfolio/codes'
import { problemOfIssue, type ParamProblem } from '../portfolio/url-params'
import { EVENT_KINDS } from '../history/events'

// The activity page's filters as URL parameters, so a filtered view can be bookmarked or shared.
// They share the portfolio table's names where they mean the same (`proposers`, `pillar`); the
// page's first name for proposers, `country`, is still read, so old links keep working.

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'activity.badDate')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'activity.badDate')

export const ActivityQuery = z
  .object({
    proposers: z.array(z.enum(COUNTRY_CODES)).default([]),
    pillar: z.array(z.string().trim().min(1).max(300)).max(100).default([]),
    kind: z.array(z.enum(EVENT_KINDS)).default([]),
    from: day.optional(),
    to: day.optional(),
    /** the cursor of an older page: `<at>_<event id>` */
    before: z
      .string()
      .max(100)
      .regex(/^[^_]+_[^_]+$/)
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'activity.badRange' })
export type ActivityQuery = z.output<typeof ActivityQuery>

export type ActivityQueryResult =
  | { ok: true; query: ActivityQuery }
  /** `query`: the default view, which the page still shows, with the problem beside the filter at fault */
  | { ok: false; problem: ParamProblem; query: ActivityQuery }

export function parseActivityQuery(params: URLSearchParams): ActivityQueryResult {
  const list = (key: string) =>
    params
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean)
  const single = (key: string) => params.get(key)?.trim() || undefined
  const raw = {
    proposers: [...list('proposers'), ...list('country')],
    pillar: params
      .getAll('pillar')
      .map((v) => v.trim())
      .filter(Boolean),
    kind: list('kind'),
    from: single('from'),
    to: single('to'),
    before: single('before'),
  }
  const parsed = ActivityQuery.safeParse(raw)
  if (parsed.success) return { ok: true, query: parsed.data }
  // The page still shows the newest activity, with the message beside the filter at fault. A bad
  // proposer named by the old `country=` is named as the address wrote it.
  const problem = problemOfIssue(parsed.error.issues[0]!, (key) =>
    key === 'proposers' && !params.has('proposers') && params.has('country') ? 'country' : key,
  )
  return { ok: false, problem, query: ActivityQuery.parse({}) }
}

export function activitySearchParams(query: Partial<ActivityQuery>): URLSearchParams {
  const params = new URLSearchParams()
  for (const code of query.proposers ?? []) params.append('proposers', code)
  for (const name of query.pillar ?? []) params.append('pillar', name)
  for (const kind of query.kind ?? []) params.append('kind', kind)
  if (query.from) params.set('from', query.from)
  if (query.to) params.set('to', query.to)
  if (query.before) params.set('before', query.before)
  return params
}
