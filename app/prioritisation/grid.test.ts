import { describe, expect, it } from 'vitest'
import { listQuery } from '../../tests/setup/fixtures'
import { usePortfolio } from '../../tests/setup/portfolio'
import { getGrid, saveGridRow } from './grid.server'
import { ScoreForm } from './schema'
import { saveScore } from './scores.server'

const ROWS: Array<Record<string, string>> = [
  { ref: 'G-01', strategy: 'CITA 2030', title_en: 'Single window', proposers: 'KAZ', status: 'proposed' },
  { ref: 'G-02', strategy: 'CITA 2030', title_en: 'Dry port', proposers: 'GEO', status: 'proposed' },
]

const score = (strategic_importance: number, ease_of_implementation: number, note?: string) =>
  ScoreForm.parse({ strategic_importance, ease_of_implementation, note })

describe('the scoring grid', () => {
  const t = usePortfolio({
    items: ROWS,
    people: {
      alice: { role: 'steering_committee' },
      bob: { role: 'steering_committee' },
      wg: { role: 'working_group', countries: ['KAZ'] },
    },
  })
  const { alice, bob, wg } = t.people

  it('shows the median so far only on the items the member has scored', async () => {
    await saveScore(t.db, bob, 'G-01', score(5, 1))
    await saveScore(t.db, bob, 'G-02', score(4, 4))
    const before = await getGrid(t.db, alice, listQuery())
    expect('rows' in before && before.rows.map((r) => [r.ref, r.mine, r.median])).toEqual([
      ['G-01', null, null],
      ['G-02', null, null],
    ])
    const saved = await saveGridRow(t.db, alice, 'G-01', score(3, 3), '')
    expect(saved).toMatchObject({ kind: 'saved', median: { importance: 4, ease: 2, count: 2 } })
    const after = await getGrid(t.db, alice, listQuery())
    expect(
      'rows' in after && after.rows.map((r) => [r.ref, r.mine?.strategic_importance ?? null, r.median]),
    ).toEqual([
      ['G-01', 3, { importance: 4, ease: 2, count: 2 }],
      ['G-02', null, null],
    ])
  })

  it("refuses a row saved against an older score of the member's, writing nothing", async () => {
    const first = await saveGridRow(t.db, alice, 'G-01', score(2, 2), '')
    const seen = first.kind === 'saved' ? first.updated_at : ''
    // another window saves meanwhile
    await new Promise((resolve) => setTimeout(resolve, 5))
    const other = await saveGridRow(t.db, alice, 'G-01', score(4, 4), seen)
    expect(other.kind).toBe('saved')
    expect(await saveGridRow(t.db, alice, 'G-01', score(1, 1), seen)).toMatchObject({
      kind: 'conflict',
      current: { strategic_importance: 4, ease_of_implementation: 4 },
    })
    const grid = await getGrid(t.db, alice, listQuery())
    expect('rows' in grid && grid.rows[0]!.mine?.strategic_importance).toBe(4)
  })

  it('is for committee members only', async () => {
    expect(await getGrid(t.db, wg, listQuery())).toEqual({ kind: 'forbidden', action: 'score:write' })
    expect(await saveGridRow(t.db, wg, 'G-01', score(1, 1), '')).toEqual({
      kind: 'forbidden',
      action: 'score:write',
    })
  })
})
