import type { DB } from '../../db/schema'
import { plannedYears } from './activity'

/**
 * What the IATI file says of one item's dates and sector, for its page: planned years (from the
 * plan's period, marked indicative, when the item has none) and the DAC code (its own or its area's).
 */
export async function iatiFactsOf(
  db: DB,
  item: {
    strategy_id: string
    area_id: string | null
    start_year: number | null
    end_year: number | null
    dac_code: string | null
  },
) {
  const [strategy, area] = await Promise.all([
    db
      .selectFrom('strategies')
      .select(['period_start_year', 'period_end_year'])
      .where('id', '=', item.strategy_id)
      .executeTakeFirst(),
    item.area_id
      ? db.selectFrom('areas').select('dac_code').where('id', '=', item.area_id).executeTakeFirst()
      : undefined,
  ])
  const period =
    strategy?.period_start_year != null && strategy.period_end_year != null
      ? { start: strategy.period_start_year, end: strategy.period_end_year }
      : null
  const code = item.dac_code ?? area?.dac_code ?? null
  return {
    dates: plannedYears(item, new Map([[item.strategy_id, period]])),
    sector: code ? { code, fromArea: item.dac_code === null } : null,
  }
}
