import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { usePortfolio } from '../../tests/setup/portfolio'
import { baselineOf, getItemByRef, setArchived, updateItem } from '../portfolio/items.server'
import { formValuesOf, ItemForm } from '../portfolio/schema'
import { getHistory } from '../history/history.server'
import { ScoreForm } from './schema'
import { getScores, saveScore, withdrawScore } from './scores.server'

const ROWS: Array<Record<string, string>> = [
  { ref: 'P-01', strategy: 'CITA 2030', title_en: 'Single window', proposers: 'KAZ', status: 'proposed' },
]

const score = (strategic_importance: number, ease_of_implementation: number, note?: string) =>
  ScoreForm.parse({ strategic_importance, ease_of_implementation, note })

async function placed(db: Kysely<Database>) {
  return db
    .selectFrom('items')
    .select([
      'quadrant',
      'scores_count',
      'importance_median',
      'ease_median',
      'strategic_importance',
      'ease_of_implementation',
      'version',
    ])
    .where('ref', '=', 'P-01')
    .executeTakeFirstOrThrow()
}

describe('the score form', () => {
  it('takes whole scores from 1 to 5 and names the field at fault', () => {
    expect(
      ScoreForm.parse({ strategic_importance: '4', ease_of_implementation: '2', note: ' costly ' }),
    ).toEqual({ strategic_importance: 4, ease_of_implementation: 2, note: 'costly' })
    const issues = (input: Record<string, unknown>) =>
      ScoreForm.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message])
    expect(issues({ strategic_importance: '6', ease_of_implementation: '2.5' })).toEqual([
      ['strategic_importance', 'priorities.scoreRange'],
      ['ease_of_implementation', 'priorities.scoreRange'],
    ])
  })
})

describe("members' scores", () => {
  const t = usePortfolio({
    items: ROWS,
    people: {
      one: { role: 'steering_committee' },
      two: { role: 'steering_committee' },
      three: { role: 'steering_committee' },
      secretariat: { role: 'secretariat' },
    },
  })
  const { one, two, three, secretariat } = t.people

  it('place the item by their medians, each member changing only their own', async () => {
    expect(await saveScore(t.db, one, 'P-01', score(5, 4))).toEqual({ kind: 'done', changed: true })
    expect(await placed(t.db)).toMatchObject({
      quadrant: 'quick_win',
      scores_count: 1,
      importance_median: 5,
      ease_median: 4,
    })
    await saveScore(t.db, two, 'P-01', score(2, 2))
    // medians 3.5 and 3 are both at least 3: still a quick win
    expect(await placed(t.db)).toMatchObject({
      quadrant: 'quick_win',
      scores_count: 2,
      importance_median: 3.5,
      ease_median: 3,
    })
    await saveScore(t.db, three, 'P-01', score(1, 1, 'Not regional'))
    expect(await placed(t.db)).toMatchObject({
      scores_count: 3,
      importance_median: 2,
      ease_median: 2,
      quadrant: 'reconsider',
    })
    await saveScore(t.db, two, 'P-01', score(4, 5))
    expect(await placed(t.db)).toMatchObject({
      scores_count: 3,
      importance_median: 4,
      ease_median: 4,
      quadrant: 'quick_win',
      version: 1,
    })
    const scores = await getScores(t.db, (await getItemByRef(t.db, 'P-01'))!.id)
    expect(
      scores.members.map((m) => [m.userId, m.strategic_importance, m.ease_of_implementation, m.note]).sort(),
    ).toEqual(
      [
        [one.id, 5, 4, null],
        [two.id, 4, 5, null],
        [three.id, 1, 1, 'Not regional'],
      ].sort(),
    )
    expect(scores.aggregate).toEqual({
      count: 3,
      importance: { median: 4, min: 1, max: 5 },
      ease: { median: 4, min: 1, max: 5 },
    })
  })

  it('are kept in the history with the quadrant they moved the item from and to; saving the same score records nothing', async () => {
    await saveScore(t.db, one, 'P-01', score(2, 4))
    expect(await saveScore(t.db, one, 'P-01', score(2, 4))).toEqual({ kind: 'done', changed: false })
    await withdrawScore(t.db, one, 'P-01')
    const events = (await getHistory(t.db, 'P-01'))!.filter((e) => e.kind === 'scored').map((e) => e.details)
    expect(events).toEqual([
      {
        action: 'withdrawn',
        strategic_importance: 2,
        ease_of_implementation: 4,
        note: null,
        quadrant: { old: 'low_hanging_fruit', new: 'unscored' },
      },
      {
        action: 'scored',
        strategic_importance: 2,
        ease_of_implementation: 4,
        note: null,
        quadrant: { old: 'unscored', new: 'low_hanging_fruit' },
      },
    ])
  })

  it("leave the secretariat's direct scores in force while no member has scored, and outrank them once one has", async () => {
    const item = (await getItemByRef(t.db, 'P-01'))!
    const direct = ItemForm.parse({
      ...formValuesOf(item),
      strategic_importance: 2,
      ease_of_implementation: 2,
    })
    expect(
      await updateItem(t.db, secretariat, 'P-01', direct, JSON.stringify(baselineOf(item))),
    ).toMatchObject({ kind: 'saved' })
    expect(await placed(t.db)).toMatchObject({ quadrant: 'reconsider', scores_count: 0 })
    await saveScore(t.db, one, 'P-01', score(4, 4))
    expect(await placed(t.db)).toMatchObject({ quadrant: 'quick_win', strategic_importance: 2 })
    // an edit of the item keeps the members' placement
    const edited = (await getItemByRef(t.db, 'P-01'))!
    await updateItem(
      t.db,
      secretariat,
      'P-01',
      ItemForm.parse({ ...formValuesOf(edited), title_en: 'Single window, phase 2' }),
      JSON.stringify(baselineOf(edited)),
    )
    expect((await placed(t.db)).quadrant).toBe('quick_win')
    // and when the last member withdraws, the direct scores place it again
    await withdrawScore(t.db, one, 'P-01')
    expect(await placed(t.db)).toMatchObject({
      quadrant: 'reconsider',
      scores_count: 0,
      importance_median: null,
    })
  })

  it('are refused to anyone but committee members, and on archived items', async () => {
    expect(await saveScore(t.db, secretariat, 'P-01', score(5, 5))).toEqual({
      kind: 'forbidden',
      action: 'score:write',
    })
    expect(await saveScore(t.db, one, 'NOPE', score(5, 5))).toEqual({ kind: 'not_found' })
    await setArchived(t.db, secretariat, 'P-01', true)
    expect(await saveScore(t.db, one, 'P-01', score(5, 5))).toEqual({ kind: 'archived' })
    expect(await t.db.selectFrom('item_scores').selectAll().execute()).toEqual([])
  })
})
