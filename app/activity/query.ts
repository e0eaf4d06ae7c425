import { z } from 'zod'
import { COUNTRY_CODES } from '../portfolio/codes'
import { EVENT_KINDS } from '../workflow/events'

// The activity page's filters as URL parameters, so a filtered view can be bookmarked or shared.

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'activity.badDate')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'activity.badDate')

export const ActivityQuery = z
  .object({
    country: z.array(z.enum(COUNTRY_CODES)).default([]),
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
  | { ok: false; field: string; message: string; query: ActivityQuery }

export function parseActivityQuery(params: URLSearchParams): ActivityQueryResult {
  const list = (key: string) =>
    params
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean)
  const single = (key: string) => params.get(key)?.trim() || undefined
  const raw = {
    country: list('country'),
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
  const issue = parsed.error.issues[0]!
  // The page still shows the newest activity, with the message beside the filter at fault.
  return {
    ok: false,
    field: String(issue.path[0] ?? ''),
    message: issue.message,
    query: ActivityQuery.parse({}),
  }
}

export function activitySearchParams(query: Partial<ActivityQuery>): URLSearchParams {
  const params = new URLSearchParams()
  for (const code of query.country ?? []) params.append('country', code)
  for (const name of query.pillar ?? []) params.append('pillar', name)
  for (const kind of query.kind ?? []) params.append('kind', kind)
  if (query.from) params.set('from', query.from)
  if (query.to) params.set('to', query.to)
  if (query.before) params.set('before', query.before)
  return params
}
