import { describe, expect, it, vi } from 'vitest'
import { createTestDb, useTestDb } from '../../tests/setup/test-db'
import { csvBytes, importRow, toCsv } from '../../tests/setup/fixtures'
import type { DB } from '../../db/schema'
import { importCsv, importWholeFile } from './import.server'
import type * as Plan from './plan.server'
import { importFileInBatches } from './staged.server'

// Another writer moving the register between the planning and the write: the next batch found
// not to hold, as batchHolds finds it when an item the file names has a new version.
const moved = vi.hoisted(() => ({ batches: 0 }))
vi.mock('./plan.server', async (original) => {
  const actual = await original<typeof Plan>()
  return {
    ...actual,
    batchHolds: async (...args: Parameters<typeof actual.batchHolds>) => {
      if (moved.batches > 0) {
        moved.batches--
        return false
      }
      return actual.batchHolds(...args)
    },
  }
})

// The command line's import (`npm run import`) reads, checks and plans a file a batch at a time
// (docs/decisions/0060): the same register and the same problems as reading it whole.

const good = importRow
const file = csvBytes

async function register(db: DB) {
  const items = await db
    .selectFrom('items')
    .innerJoin('strategies', 'strategies.id', 'items.strategy_id')
    .select(['ref', 'title_en', 'status', 'version', 'cost_kusd', 'strategies.name as strategy'])
    .orderBy('ref')
    .execute()
  const events = await db
    .selectFrom('item_events')
    .innerJoin('items', 'items.id', 'item_events.item_id')
    .select(['items.ref', 'item_events.kind', 'item_events.seq', 'item_events.data'])
    .orderBy('items.ref')
    .orderBy('item_events.seq')
    .execute()
  return { items, events }
}

describe('the command line import, a batch at a time', () => {
  const t = useTestDb()

  it('leaves the register as reading the whole file does: three batches, updates, a name first met in the third', async () => {
    const rows = [
      good('OLD-1', { cost_usd_m: '11' }),
      good('OLD-2'),
      ...Array.from({ length: 1_198 }, (_, i) =>
        good(`C-${i + 1}`, i === 1_100 ? { strategy: 'Late strategy', pillar: 'Late pillar', area: '' } : {}),
      ),
    ]
    const twin = await createTestDb()
    try {
      for (const db of [t.db, twin.db]) {
        const seeded = await importCsv(db, toCsv([good('OLD-1'), good('OLD-2')]), null)
        if (!seeded.ok) throw new Error('fixture import refused')
      }
      const inBatches = await importFileInBatches(t.db, 'plan.csv', file(rows), null)
      const whole = await importWholeFile(twin.db, 'plan.csv', file(rows), null)
      expect(inBatches).toEqual(whole)
      expect(inBatches).toMatchObject({ ok: true, summary: { updated: ['OLD-1'], unchanged: ['OLD-2'] } })
      expect(await register(t.db)).toEqual(await register(twin.db))
    } finally {
      await twin.close()
    }
  })

  it('returns every problem of a wrong file, with its row and field, and writes nothing', async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) =>
      good(`E-${i + 1}`, i % 10 === 9 ? { cost_usd_m: 'lots' } : {}),
    )
    const outcome = await importFileInBatches(t.db, 'plan.csv', file(rows), null)
    expect(outcome).toEqual(await importWholeFile(t.db, 'plan.csv', file(rows), null))
    if (outcome.ok) throw new Error('imported')
    expect(outcome.errors).toHaveLength(120) // all of them, not the browser's first 100
    expect(outcome.errors[0]).toMatchObject({ row: 11, column: 'cost_usd_m', key: 'validation.amount' })
    expect(await t.db.selectFrom('items').select('id').execute()).toEqual([])
  })

  it('imports the file whole, planned again, when the register moved after the planning', async () => {
    const rows = [
      good('OLD-1', { cost_usd_m: '12' }),
      ...Array.from({ length: 700 }, (_, i) => good(`M-${i + 1}`)),
    ]
    const twin = await createTestDb()
    try {
      for (const db of [t.db, twin.db]) {
        const seeded = await importCsv(db, toCsv([good('OLD-1')]), null)
        if (!seeded.ok) throw new Error('fixture import refused')
      }
      moved.batches = 1
      const outcome = await importFileInBatches(t.db, 'plan.csv', file(rows), null)
      expect(moved.batches).toBe(0)
      expect(outcome).toEqual(await importWholeFile(twin.db, 'plan.csv', file(rows), null))
      expect(outcome).toMatchObject({ ok: true, summary: { updated: ['OLD-1'] } })
      expect(await register(t.db)).toEqual(await register(twin.db))
    } finally {
      await twin.close()
    }
  })
})
