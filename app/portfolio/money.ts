// Amounts travel as USD million decimals (forms, CSV, API) and are stored as integer thousands
// of USD, so arithmetic is exact on both databases and no binary float ever reaches storage.

const DECIMAL = /^\d{1,7}(\.\d{1,3})?$/

/**
 * The largest amount anyone may enter, in USD million: one trillion USD. Stored as thousands
 * (10^9) it fits the 32-bit integer columns of both databases (at most 2,147,483,647), so an
 * amount is refused with this limit in its message instead of overflowing PostgreSQL.
 */
export const MAX_USD_MILLION = 1_000_000
export const MAX_KUSD = MAX_USD_MILLION * 1000

/** '12.5' -> 12500. Null for text that is not an amount from 0 to MAX_USD_MILLION with at most 3 decimals. */
export function parseUsdMillion(text: string): number | null {
  const trimmed = text.trim()
  if (!DECIMAL.test(trimmed)) return null
  const [whole, fraction = ''] = trimmed.split('.')
  const kusd = Number(whole) * 1000 + Number(fraction.padEnd(3, '0'))
  return kusd > MAX_KUSD ? null : kusd
}

/** 12500 -> 12.5 (a JS number for JSON; thousands keep it exact to 3 decimals). */
export function kusdToMillion(kusd: number | null): number | null {
  return kusd == null ? null : kusd / 1000
}

/**
 * 12.5 -> 12500: back from an amount the app showed in USD million (kusdToMillion's output, or a
 * spreadsheet number), rounded to the thousand the float stands for. The one way back; code that
 * adds amounts works in thousands.
 */
export function millionToKusd(million: number | null): number | null {
  return million == null ? null : Math.round(million * 1000)
}

/** 12500 -> '12.5', for form fields and CSV. */
export function formatUsdMillion(kusd: number | null): string {
  if (kusd == null) return ''
  const whole = Math.floor(kusd / 1000)
  const fraction = String(kusd % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : String(whole)
}

/**
 * The funding gap, the one rule (docs/decisions/0006-cofinancing.md): cost minus secured funding,
 * where the amounts of development partners' committed co-financing flags count as secured.
 * Null without a cost; negative when more is secured and committed than the item costs.
 * Stored in items.gap_kusd by every write that changes one of its terms.
 */
export function gapOf(costKusd: number | null, securedKusd: number | null, committedKusd = 0): number | null {
  return costKusd == null ? null : costKusd - (securedKusd ?? 0) - committedKusd
}

/** The secured funding by source, in thousands of USD; null where not said. */
export interface SourcesKusd {
  government: number | null
  partners: number | null
  private: number | null
}

/**
 * The item page's financing block (docs/decisions/0010-financing-sources.md), in thousands of USD:
 * the sources as given, the part of secured funding no source accounts for (`unallocated`, never
 * below zero) and by how much the sources exceed secured funding (`overAllocated`, 0 unless an
 * import lowered secured below a breakdown entered earlier), the committed co-financing and the gap.
 */
export function financingOf(
  costKusd: number | null,
  securedKusd: number | null,
  sources: SourcesKusd,
  committedKusd: number,
) {
  const allocated = (sources.government ?? 0) + (sources.partners ?? 0) + (sources.private ?? 0)
  const secured = securedKusd ?? 0
  return {
    cost: costKusd,
    secured: securedKusd,
    sources,
    unallocated: Math.max(0, secured - allocated),
    overAllocated: Math.max(0, allocated - secured),
    committed: committedKusd,
    gap: gapOf(costKusd, securedKusd, committedKusd),
  }
}
