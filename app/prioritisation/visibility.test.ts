import { describe, expect, it } from 'vitest'
import { usePortfolio } from '../../tests/setup/portfolio'
import { getItemPage } from '../item-page/item-page.server'
import { ScoreForm } from './schema'
import { saveScore } from './scores.server'

// Each member's named scores and notes are the committee's deliberation: the committee and the
// secretariat see them; working groups, partners and viewers see the median and spread only, on
// the item page and in its history (issue 11).

const ROWS = [
  { ref: 'V-01', strategy: 'CITA 2030', title_en: 'Single window', proposers: 'KAZ', status: 'proposed' },
]

describe('who sees named scores', () => {
  const t = usePortfolio({
    items: ROWS,
    people: {
      alice: { role: 'steering_committee', name: 'Alice Member' },
      bob: { role: 'steering_committee', name: 'Bob Member' },
      secretariat: { role: 'secretariat' },
      wgKaz: { role: 'working_group', countries: ['KAZ'] },
      partner: { role: 'partner', organisation: 'ADB' },
      viewer: { role: 'viewer' },
    },
  })
  const { alice, bob, secretariat, wgKaz, partner, viewer } = t.people

  const scored = async () => {
    await saveScore(
      t.db,
      alice,
      'V-01',
      ScoreForm.parse({ strategic_importance: 5, ease_of_implementation: 2, note: 'Too costly' }),
    )
    await saveScore(
      t.db,
      bob,
      'V-01',
      ScoreForm.parse({ strategic_importance: 3, ease_of_implementation: 4 }),
    )
  }

  it('the committee and the secretariat see each member by name, with notes', async () => {
    await scored()
    for (const who of [alice, secretariat]) {
      const page = (await getItemPage(t.db, who, 'V-01'))!
      expect(page.scores.members.map((m) => [m.name, m.strategic_importance, m.note])).toEqual([
        ['Alice Member', 5, 'Too costly'],
        ['Bob Member', 3, null],
      ])
      const events = page.workflow.history.filter((e) => e.kind === 'scored')
      expect(events.map((e) => [e.by, e.kind === 'scored' && e.details.note])).toEqual([
        ['Bob Member', null],
        ['Alice Member', 'Too costly'],
      ])
    }
  })

  it('other roles see the median and spread, and that a member scored, not who or what', async () => {
    await scored()
    for (const who of [wgKaz, partner, viewer]) {
      const page = (await getItemPage(t.db, who, 'V-01'))!
      expect(page.scores.members).toEqual([])
      expect(page.scores.aggregate).toEqual({
        count: 2,
        importance: { median: 4, min: 3, max: 5 },
        ease: { median: 3, min: 2, max: 4 },
      })
      const events = page.workflow.history.filter((e) => e.kind === 'scored')
      expect(events).toHaveLength(2)
      for (const event of events) {
        expect(event.by).toBeNull()
        expect(event.details).toMatchObject({
          strategic_importance: null,
          ease_of_implementation: null,
          note: null,
          redacted: true,
        })
      }
      // (names appear elsewhere on the page, for @mentions; never beside a score)
      const shown = JSON.stringify([page.scores, page.workflow.history])
      expect(shown).not.toContain('Too costly')
      expect(shown).not.toContain('Alice Member')
    }
  })
})
