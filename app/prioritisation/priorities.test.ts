import { describe, expect, it } from 'vitest'
import { insertUser, listQuery } from '../../tests/setup/fixtures'
import { usePortfolio } from '../../tests/setup/portfolio'
import { getPriorities } from './priorities.server'
import { ScoreForm } from './schema'
import { saveScore } from './scores.server'

const ROWS: Array<Record<string, string>> = [
  {
    ref: 'R-01',
    strategy: 'CITA 2030',
    pillar: 'Pillar 1',
    title_en: 'Quick',
    proposers: 'KAZ',
    strategic_importance: '5',
    ease_of_implementation: '5',
    cost_usd_m: '10',
  },
  {
    ref: 'R-02',
    strategy: 'CITA 2030',
    pillar: 'Pillar 2',
    title_en: 'Phased',
    proposers: 'KAZ',
    strategic_importance: '5',
    ease_of_implementation: '1',
  },
  {
    ref: 'R-03',
    strategy: 'CITA 2030',
    pillar: 'Pillar 1',
    title_en: 'Also quick',
    proposers: 'GEO',
    strategic_importance: '3',
    ease_of_implementation: '4',
  },
  { ref: 'R-04', strategy: 'CITA 2030', title_en: 'Unscored', proposers: 'GEO' },
  {
    ref: 'R-05',
    strategy: 'CITA 2030',
    title_en: 'Fruit',
    proposers: 'GEO',
    strategic_importance: '1',
    ease_of_implementation: '5',
  },
]

describe('the ranked list', () => {
  const t = usePortfolio({ items: ROWS })

  it('ranks by quadrant, then importance and ease, with the scores in force and who set them', async () => {
    const member = await insertUser(t.db, 'steering_committee')
    // the committee thinks R-03 is more important than the secretariat did
    await saveScore(
      t.db,
      member,
      'R-03',
      ScoreForm.parse({ strategic_importance: 5, ease_of_implementation: 4 }),
    )
    const { items, total, truncated, pillars } = await getPriorities(t.db, listQuery())
    expect(items.map((i) => [i.ref, i.quadrant, i.importance, i.ease, i.scoredBy])).toEqual([
      ['R-01', 'quick_win', 5, 5, 0],
      ['R-03', 'quick_win', 5, 4, 1],
      ['R-05', 'low_hanging_fruit', 1, 5, 0],
      ['R-02', 'strategic_phased', 5, 1, 0],
      ['R-04', 'unscored', null, null, 0],
    ])
    expect([total, truncated, pillars]).toEqual([5, false, ['Pillar 1', 'Pillar 2']])
  })

  it("takes the table's filters and says when the view holds more than the matrix shows", async () => {
    expect((await getPriorities(t.db, listQuery({ proposers: ['KAZ'] }))).items.map((i) => i.ref)).toEqual([
      'R-01',
      'R-02',
    ])
    const capped = await getPriorities(t.db, listQuery(), 3)
    expect([capped.items.length, capped.total, capped.truncated]).toEqual([3, 5, true])
  })
})
