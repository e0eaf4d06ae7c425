import type { TFunction } from 'i18next'
import type { z } from 'zod'
import { listedValues, type MessageValues } from '../i18n/message'

// Our words for a URL parameter a page cannot read (docs/decisions/0016-refusal-path.md): zod's
// own wording ("Invalid enum value...") never reaches a person. A problem names the parameter and
// carries a translation key (app/i18n/en.ts, params.*) with its values; the page, the API and the
// exports put it in words with `paramMessage`.

export interface ParamProblem {
  /** the URL parameter at fault, as the address spells it */
  param: string
  /** a translation key */
  key: string
  /** a list (the allowed values) is joined as the reader's language lists */
  values: MessageValues
}

/** Issues whose message a schema set itself are already a translation key: one word with dots, no spaces. */
const OWN_KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/

/** The first problem zod found, in our words; `param` is the parameter's name in the address (the schema's key unless renamed). */
export function problemOfIssue(
  issue: z.ZodIssue,
  paramOf: (key: string) => string = (key) => key,
): ParamProblem {
  const param = paramOf(String(issue.path[0] ?? ''))
  const at = (key: string, values: MessageValues = {}): ParamProblem => ({
    param,
    key,
    values: { param, ...values },
  })
  if (OWN_KEY.test(issue.message)) return at(issue.message)
  switch (issue.code) {
    case 'invalid_enum_value':
      return at('params.notOneOf', { value: String(issue.received), allowed: issue.options.map(String) })
    case 'too_big':
      if (issue.type === 'array') return at('params.tooMany', { max: Number(issue.maximum) })
      if (issue.type === 'string') return at('params.tooLong', { max: Number(issue.maximum) })
      return at('params.tooLarge', { max: Number(issue.maximum) })
    case 'too_small':
      if (issue.type === 'string') return at('params.empty')
      return at('params.tooSmall', { min: Number(issue.minimum) })
    case 'invalid_type':
      if (issue.expected === 'integer') return at('params.notWhole')
      return at(issue.expected === 'number' ? 'params.notANumber' : 'params.invalid')
    default:
      return at('params.invalid')
  }
}

/** A problem in words: "status: "bogus" is not one of proposed, under_review, …". */
export function paramMessage(t: TFunction, problem: ParamProblem): string {
  // The keys are this module's own (params.*); the typed catalogue cannot follow a computed key.
  return (t as (key: string, values: Record<string, string | number>) => string)(
    problem.key,
    listedValues(t, problem.values),
  )
}
