// The programme's fixed vocabularies. Labels live in the translation catalogue, keyed by these codes.

export const COUNTRY_CODES = [
  'AZE',
  'PRC',
  'GEO',
  'KAZ',
  'KGZ',
  'MON',
  'PAK',
  'TAJ',
  'TKM',
  'UZB',
  'REG',
] as const
export type CountryCode = (typeof COUNTRY_CODES)[number]

export const MODALITIES = [
  'policy_dialogue',
  'investment_project',
  'knowledge_services',
  'technical_assistance',
] as const
export type Modality = (typeof MODALITIES)[number]

export const STATUSES = [
  'proposed',
  'under_review',
  'endorsed',
  'in_preparation',
  'approved',
  'under_implementation',
  'completed',
  'on_hold',
  'dropped',
] as const
export type Status = (typeof STATUSES)[number]

export const QUADRANTS = [
  'quick_win',
  'low_hanging_fruit',
  'strategic_phased',
  'reconsider',
  'unscored',
] as const
export type Quadrant = (typeof QUADRANTS)[number]

export function isCountryCode(value: string): value is CountryCode {
  return (COUNTRY_CODES as readonly string[]).includes(value)
}
