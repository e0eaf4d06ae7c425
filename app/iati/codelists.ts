import type { CountryCode } from '../portfolio/codes'
import { ACTIVE_DAC_PURPOSE_CODES } from './dac-purpose-codes'

// The IATI 2.03 codes the export writes (codelists at iatistandard.org/en/iati-standard/203/codelists).
// The schema (db/data/iati) checks the file's shape, not its codes: these lists are how the export
// keeps "every code on its codelist".

/** ISO 3166-1 alpha-2 code of each member country (the register's own codes are ADB's). */
export const ISO_COUNTRY: Record<Exclude<CountryCode, 'REG'>, string> = {
  AZE: 'AZ',
  PRC: 'CN',
  GEO: 'GE',
  KAZ: 'KZ',
  KGZ: 'KG',
  MON: 'MN',
  PAK: 'PK',
  TAJ: 'TJ',
  TKM: 'TM',
  UZB: 'UZ',
}

/** Region vocabulary 1 (OECD DAC): 798 "Asia, regional", for items proposed as regional only. */
export const REGIONAL = { vocabulary: '1', code: '798' } as const

/** OrganisationType codelist. */
export const ORGANISATION_TYPES = [
  '10',
  '11',
  '15',
  '21',
  '22',
  '23',
  '24',
  '30',
  '40',
  '60',
  '70',
  '71',
  '72',
  '73',
  '80',
  '90',
] as const
export type OrganisationTypeCode = (typeof ORGANISATION_TYPES)[number]

/** The partner organisations list's types (app/people/schema.ts) as IATI organisation types. */
export const PARTNER_TYPE: Record<string, OrganisationTypeCode> = {
  multilateral: '40',
  bilateral: '10',
  private: '70',
  other: '90',
}

/**
 * Organisation identifiers of the programme's partners, by the short name the organisations list
 * gives them. A multilateral's is XM-DAC- and its OECD CRS channel code (IATI's CRSChannelCode
 * codelist); EFSD has no channel code, and a partner not here is written by name only, which IATI
 * allows.
 */
export const KNOWN_ORGANISATION_REFS: Record<string, string> = {
  ADB: 'XM-DAC-46004',
  AIIB: 'XM-DAC-46026',
  EBRD: 'XM-DAC-46015',
  IFC: 'XM-DAC-44004',
  IMF: 'XM-DAC-43000',
  IsDB: 'XM-DAC-46025',
  UNDP: 'XM-DAC-41114',
  UNESCAP: 'XM-DAC-41106',
  'World Bank': 'XM-DAC-44000',
  WTO: 'XM-DAC-45000',
  USAID: 'US-GOV-1',
}

/**
 * DAC 5-digit purpose codes (Sector vocabulary 1) the check accepts: every active code of the OECD
 * CRS list (app/iati/dac-purpose-codes.ts). A code outside it is reported on the check page rather
 * than written unchecked.
 */
export const DAC_PURPOSE_CODES: ReadonlySet<string> = new Set(ACTIVE_DAC_PURPOSE_CODES)

/** IATI codes the export writes as constants, named. */
export const CODES = {
  /** ActivityDateType */
  plannedStart: '1',
  plannedEnd: '3',
  /** OrganisationRole */
  funding: '1',
  implementing: '4',
  /** OrganisationType: the proposing member governments */
  government: '10',
  /** BudgetType 1 Original, BudgetStatus 1 Indicative */
  budgetOriginal: '1',
  budgetIndicative: '1',
  /** TransactionType 11 Incoming Commitment */
  incomingCommitment: '11',
  /** SectorVocabulary 1 OECD DAC CRS purpose codes (5 digit) */
  dacFiveDigit: '1',
  /** DescriptionType 1 General */
  generalDescription: '1',
} as const
