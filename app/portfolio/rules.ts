import type { InputName } from './field-kinds'

// The rules between fields, the same for the form and the importer. Each names the field its
// message goes on. `given` says which fields this input set: a file may leave columns out, and
// then the stored values stand in for them (app/importer), but a rule about what the input did
// not touch is not this input's problem unless its result breaks the rule.

/** The financing sources on the form, in the order shown (docs/decisions/0010-financing-sources.md). */
export const SOURCE_FIELDS = [
  'secured_government_usd_m',
  'secured_partners_usd_m',
  'secured_private_usd_m',
] as const

export interface RuleValues {
  /** null: no pillar (for the rule only whether there is one counts: an id or a name) */
  pillar: string | null
  area: string | null
  start_year: number | null
  end_year: number | null
  /** amounts in USD thousands */
  cost_usd_m: number | null
  secured_usd_m: number | null
  secured_government_usd_m: number | null
  secured_partners_usd_m: number | null
  secured_private_usd_m: number | null
}

export interface RuleIssue {
  field: InputName
  /** a translation key (app/i18n/message.ts) */
  message: string
}

/** Every rule the values break; `given(name)` tells whether this input set that field. */
export function itemRules(values: RuleValues, given: (name: InputName) => boolean = () => true): RuleIssue[] {
  const issues: RuleIssue[] = []
  // The message goes on the second field when the input set it, else on the one it did set.
  const broken = (first: InputName, second: InputName, message: string) => {
    if (given(second)) issues.push({ field: second, message })
    else if (given(first)) issues.push({ field: first, message })
  }
  if (values.area !== null && values.pillar === null) broken('area', 'pillar', 'validation.pillarForArea')
  if (values.start_year !== null && values.end_year !== null && values.end_year < values.start_year)
    broken('start_year', 'end_year', 'validation.endBeforeStart')
  if (values.cost_usd_m !== null && values.secured_usd_m !== null && values.secured_usd_m > values.cost_usd_m)
    broken('cost_usd_m', 'secured_usd_m', 'validation.securedOverCost')
  // The sources break the secured funding down; those this input gives cannot add up to more.
  // The message goes on each, so whichever the user typed last shows it beside the box. An import
  // (which has no sources) may lower secured below a breakdown entered earlier: the item page then
  // shows the excess (money.ts financingOf).
  const sources = SOURCE_FIELDS.filter((name) => given(name) && values[name] !== null)
  const sum = sources.reduce((total, name) => total + values[name]!, 0)
  if (sources.length > 0 && sum > (values.secured_usd_m ?? 0))
    for (const name of sources) issues.push({ field: name, message: 'validation.sourcesOverSecured' })
  return issues
}
