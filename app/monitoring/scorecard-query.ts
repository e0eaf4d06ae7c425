import { defaultPeriod, isMemberCountry, parsePeriod, type MemberCountry, type Period } from './codes'

// The scorecard's address: ?period=2025 (default the last full year), &recommendation=<id>,
// &country=KAZ. Shared by the page, its XLSX and /api/v1/scorecard.

export type ScorecardQuery =
  | { ok: true; period: Period; recommendation: string | null; country: MemberCountry | null }
  | { ok: false; param: 'period' | 'country' }

export function parseScorecardQuery(params: URLSearchParams, now: string): ScorecardQuery {
  const periodText = params.get('period')
  const period = periodText ? parsePeriod(periodText) : defaultPeriod(now)
  if (!period) return { ok: false, param: 'period' }
  const country = params.get('country') || null
  if (country !== null && !isMemberCountry(country)) return { ok: false, param: 'country' }
  return { ok: true, period, recommendation: params.get('recommendation') || null, country }
}
