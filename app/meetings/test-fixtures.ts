import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { seedItems } from '../../tests/setup/fixtures'
import { createMeeting } from './meetings.server'

// Fixture: a small plan with Chinese and Russian titles, costs, and items in review.
export const MEETING_ROWS: Array<Record<string, string>> = [
  {
    ref: 'M-01',
    strategy: 'CITA 2030',
    pillar: 'Pillar 1: Market access',
    area: '1 Trade policy',
    title_en: 'Single window',
    title_zh: '单一窗口',
    title_ru: 'Единое окно',
    modalities: 'policy_dialogue',
    proposers: 'KAZ;UZB',
    status: 'under_review',
    cost_usd_m: '20',
    secured_usd_m: '5',
  },
  {
    ref: 'M-02',
    strategy: 'CITA 2030',
    pillar: 'Pillar 1: Market access',
    area: '2 Border infrastructure',
    title_en: 'Dry port',
    title_zh: '陆港',
    title_ru: 'Сухой порт',
    modalities: 'investment_project',
    proposers: 'GEO',
    status: 'proposed',
    cost_usd_m: '50',
  },
  {
    ref: 'M-03',
    strategy: 'CITA 2030',
    pillar: 'Pillar 2: Diversification',
    area: '10 Trade reform',
    title_en: 'Trade study',
    title_zh: '贸易研究',
    title_ru: 'Исследование торговли',
    modalities: 'knowledge_services',
    proposers: 'REG',
    status: 'under_review',
    cost_usd_m: '1.5',
    secured_usd_m: '0.5',
  },
  {
    ref: 'M-04',
    strategy: 'CITA 2030',
    pillar: 'Pillar 2: Diversification',
    area: '10 Trade reform',
    title_en: 'Green trade',
    proposers: 'PRC',
    status: 'proposed',
  },
  {
    ref: 'M-05',
    strategy: 'CITA 2030',
    pillar: 'Pillar 3: Institutions',
    area: '19 Monitoring',
    title_en: 'Corridor monitoring',
    proposers: 'MON',
    status: 'under_review',
  },
]

export async function loadMeetingRows(db: Kysely<Database>): Promise<void> {
  await seedItems(db, MEETING_ROWS)
}

/** A meeting created as `actor`, or the test fails with the refusal: its id. */
export async function newMeeting(...args: Parameters<typeof createMeeting>): Promise<string> {
  const outcome = await createMeeting(...args)
  if (outcome.kind !== 'created') throw new Error(`no meeting: ${outcome.kind} ${outcome.action}`)
  return outcome.id
}
