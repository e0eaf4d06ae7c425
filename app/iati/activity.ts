import { LANGUAGES, type Language } from '../i18n/languages'
import type { ItemView } from '../portfolio/item-view'
import { iatiStatusOf } from '../portfolio/iati'
import { millionToKusd } from '../portfolio/money'
import { splitBudget, splitPercent, type BudgetPeriod } from './budget'
import {
  CODES,
  DAC_PURPOSE_CODES,
  ISO_COUNTRY,
  KNOWN_ORGANISATION_REFS,
  PARTNER_TYPE,
  REGIONAL,
} from './codelists'
import type { Publisher } from './publisher'
import { el, type XmlElement } from './xml'

// One item as one IATI 2.03 iati-activity (docs/decisions/0032-iati-export.md), and what it lacks
// for a good one. Both read the same resolved facts (`resolve`), so the check page and the file
// never disagree: an item the check blocks is never written.

/** The item fields the export reads. */
export type IatiItem = Pick<
  ItemView,
  | 'id'
  | 'ref'
  | 'title_en'
  | 'title_ru'
  | 'title_zh'
  | 'description_en'
  | 'description_ru'
  | 'description_zh'
  | 'status'
  | 'start_year'
  | 'end_year'
  | 'cost_usd_m'
  | 'proposers'
  | 'partners'
  | 'area_id'
  | 'strategy_id'
  | 'dac_code'
  | 'updated_at'
  | 'strategy'
  | 'pillar'
  | 'area'
  | 'source'
>

/** A development partner's committed co-financing flag with an amount. */
export interface CommittedFlag {
  organisation: string
  amount_kusd: number
  /** when it was last set: the commitment's date (YYYY-MM-DD) */
  date: string
}

/** What the export knows around the items. */
export interface IatiContext {
  /** DAC purpose code per area id */
  areaCodes: ReadonlyMap<string, string | null>
  /** the plan's period per strategy id */
  planPeriods: ReadonlyMap<string, { start: number; end: number } | null>
  committed: ReadonlyMap<string, readonly CommittedFlag[]>
  /** the partner organisations list, by short name */
  organisations: ReadonlyMap<string, { name: string; type: string }>
  /** a member country's name in a language (the catalogue's country.*); 'REG': the member countries together */
  countryName: (language: Language, code: string) => string
}

/** What an item lacks: `blocks` keeps it out of the file; `advice` makes a poorer activity. */
export const LACKS = [
  // core fields, in the IATI Publisher's order
  { code: 'dates', severity: 'blocks', group: 'core', fix: 'item' },
  { code: 'sector', severity: 'blocks', group: 'core', fix: 'item' },
  { code: 'recipient', severity: 'advice', group: 'core', fix: 'item' },
  { code: 'description', severity: 'advice', group: 'core', fix: 'item' },
  { code: 'budget', severity: 'advice', group: 'core', fix: 'item' },
  { code: 'funding', severity: 'advice', group: 'core', fix: 'item' },
  // the rules
  { code: 'datesOrder', severity: 'blocks', group: 'rule', fix: 'item' },
  { code: 'sectorCode', severity: 'blocks', group: 'rule', fix: 'item' },
  { code: 'translations', severity: 'advice', group: 'rule', fix: 'item' },
] as const
export type LackCode = (typeof LACKS)[number]['code']
export type Lack = (typeof LACKS)[number] & { values?: Record<string, string | number> }

const lack = (code: LackCode, values?: Record<string, string | number>): Lack => ({
  ...LACKS.find((l) => l.code === code)!,
  ...(values ? { values } : {}),
})

interface Narratives {
  en: string | null
  ru: string | null
  zh: string | null
}

interface Participant {
  role: string
  type?: string
  ref?: string
  names: Narratives
}

/** The facts of an activity, resolved from the item and its context. */
export interface Resolved {
  dates: { start: number; end: number; indicative: boolean } | null
  sector: { code: string; fromArea: boolean } | null
  countries: Array<{ code: string; percentage: string }>
  region: boolean
  participants: Participant[]
  budgets: BudgetPeriod[]
  transactions: Array<{ date: string; value: number; provider: Participant }>
}

const present = (text: string | null | undefined): text is string => !!text && text.trim() !== ''

/** The years of the item, else its plan's period (indicative). */
export function plannedYears(
  item: Pick<IatiItem, 'start_year' | 'end_year' | 'strategy_id'>,
  planPeriods: IatiContext['planPeriods'],
): Resolved['dates'] {
  const plan = planPeriods.get(item.strategy_id) ?? null
  const start = item.start_year ?? plan?.start ?? null
  const end = item.end_year ?? plan?.end ?? null
  if (start === null || end === null) return null
  return { start, end, indicative: item.start_year === null || item.end_year === null }
}

function partnerOf(name: string, ctx: IatiContext, role: string): Participant {
  const listed = ctx.organisations.get(name)
  return {
    role,
    type: listed ? PARTNER_TYPE[listed.type] : undefined,
    ref: KNOWN_ORGANISATION_REFS[name],
    names: { en: listed?.name ?? name, ru: null, zh: null },
  }
}

export function resolve(item: IatiItem, ctx: IatiContext): Resolved {
  const dates = plannedYears(item, ctx.planPeriods)
  const areaCode = item.area_id ? (ctx.areaCodes.get(item.area_id) ?? null) : null
  const code = item.dac_code ?? areaCode
  const members = item.proposers.filter((c): c is keyof typeof ISO_COUNTRY => c in ISO_COUNTRY)
  const shares = splitPercent(members.length)
  const implementers = members.length > 0 ? members : ['REG']
  const governments: Participant[] = implementers.map((c) => ({
    role: CODES.implementing,
    type: CODES.government,
    names: {
      en: ctx.countryName('en', c),
      ru: ctx.countryName('ru', c),
      zh: ctx.countryName('zh', c),
    },
  }))
  const flags = ctx.committed.get(item.id) ?? []
  const funders = [...new Set([...item.partners, ...flags.map((f) => f.organisation)])]
  const costKusd = millionToKusd(item.cost_usd_m)
  return {
    dates,
    sector: code ? { code, fromArea: item.dac_code === null } : null,
    countries: members.map((c, i) => ({ code: ISO_COUNTRY[c], percentage: shares[i]! })),
    // regional items, and those without a proposer, which the programme as a whole carries
    region: members.length === 0,
    participants: [...funders.map((name) => partnerOf(name, ctx, CODES.funding)), ...governments],
    budgets:
      costKusd !== null && costKusd > 0 && dates && dates.start <= dates.end
        ? splitBudget(costKusd * 1000, dates.start, dates.end)
        : [],
    transactions: flags.map((f) => ({
      date: f.date,
      value: f.amount_kusd * 1000,
      provider: partnerOf(f.organisation, ctx, CODES.funding),
    })),
  }
}

/** What the item lacks for a good IATI activity: core fields first, then the rules. */
export function lacksOf(item: IatiItem, ctx: IatiContext, facts = resolve(item, ctx)): Lack[] {
  const lacks: Lack[] = []
  if (!facts.dates) lacks.push(lack('dates'))
  if (!facts.sector) lacks.push(lack('sector'))
  if (item.proposers.length === 0) lacks.push(lack('recipient'))
  if (![item.description_en, item.description_ru, item.description_zh].some(present))
    lacks.push(lack('description'))
  if (facts.budgets.length === 0) lacks.push(lack('budget'))
  if (!facts.participants.some((p) => p.role === CODES.funding)) lacks.push(lack('funding'))
  if (facts.dates && facts.dates.start > facts.dates.end)
    lacks.push(lack('datesOrder', { start: facts.dates.start, end: facts.dates.end }))
  if (facts.sector && !DAC_PURPOSE_CODES.has(facts.sector.code))
    lacks.push(lack('sectorCode', { code: facts.sector.code }))
  const missing = (['ru', 'zh'] as const).filter((l) => !present(item[`title_${l}`]))
  if (missing.length > 0) lacks.push(lack('translations', { languages: missing.join(', ') }))
  return lacks.sort((a, b) => LACKS.indexOf(baseOf(a)) - LACKS.indexOf(baseOf(b)))
}

const baseOf = (l: Lack) => LACKS.find((x) => x.code === l.code)!

export const blocks = (lacks: readonly Lack[]) => lacks.some((l) => l.severity === 'blocks')

/** Narratives in each language that has text, every one with its xml:lang. */
function narratives(texts: Narratives): XmlElement[] {
  return LANGUAGES.filter((l) => present(texts[l])).map((l) =>
    el('narrative', { 'xml:lang': l }, texts[l]!.trim()),
  )
}

function orgElement(name: string, p: Participant, extra: Record<string, string> = {}): XmlElement {
  return el(name, { ref: p.ref, ...extra, type: p.type }, narratives(p.names))
}

/**
 * The item's descriptions; without any (the plan's items have none), one made of where the item
 * sits in the plan and its source, in English: IATI 2.03 requires a description.
 */
export function descriptionOf(item: IatiItem): Narratives {
  const own = { en: item.description_en, ru: item.description_ru, zh: item.description_zh }
  if (LANGUAGES.some((l) => present(own[l]))) return own
  const place = [item.area, item.pillar, item.strategy].filter(present).join('; ')
  return {
    en: [place, item.source ? `Source: ${item.source}` : null].filter(present).join('. '),
    ru: null,
    zh: null,
  }
}

/** The item as an iati-activity; only for an item `lacksOf` does not block. */
export function activityElement(item: IatiItem, publisher: Publisher, ctx: IatiContext): XmlElement {
  const facts = resolve(item, ctx)
  const { dates, sector } = facts
  if (!dates || !sector) throw new Error(`item ${item.ref} is not exportable`)
  const value = (usd: number, date: string) =>
    el('value', { currency: publisher.default_currency, 'value-date': date }, String(usd))
  return el(
    'iati-activity',
    {
      'xml:lang': publisher.default_language,
      'default-currency': publisher.default_currency,
      'last-updated-datetime': item.updated_at,
      hierarchy: '1',
    },
    el('iati-identifier', {}, `${publisher.activity_prefix}${item.ref}`),
    el('reporting-org', { ref: publisher.org_ref, type: publisher.org_type }, narratives(publisher.org_name)),
    el('title', {}, narratives({ en: item.title_en, ru: item.title_ru, zh: item.title_zh })),
    el('description', { type: CODES.generalDescription }, narratives(descriptionOf(item))),
    facts.participants.map((p) => orgElement('participating-org', p, { role: p.role })),
    el('activity-status', { code: String(iatiStatusOf(item.status)) }),
    el('activity-date', { type: CODES.plannedStart, 'iso-date': `${dates.start}-01-01` }),
    el('activity-date', { type: CODES.plannedEnd, 'iso-date': `${dates.end}-12-31` }),
    facts.countries.map((c) => el('recipient-country', { code: c.code, percentage: c.percentage })),
    facts.region
      ? el('recipient-region', { code: REGIONAL.code, vocabulary: REGIONAL.vocabulary, percentage: '100' })
      : null,
    el('sector', { vocabulary: CODES.dacFiveDigit, code: sector.code, percentage: '100' }),
    facts.budgets.map((b) =>
      el(
        'budget',
        { type: CODES.budgetOriginal, status: CODES.budgetIndicative },
        el('period-start', { 'iso-date': b.start }),
        el('period-end', { 'iso-date': b.end }),
        value(b.value, b.start),
      ),
    ),
    facts.transactions.map((t) =>
      el(
        'transaction',
        {},
        el('transaction-type', { code: CODES.incomingCommitment }),
        el('transaction-date', { 'iso-date': t.date }),
        value(t.value, t.date),
        orgElement('provider-org', t.provider),
      ),
    ),
  )
}
