import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { listQuery, seedItems } from '../../tests/setup/fixtures'
import { usePortfolio } from '../../tests/setup/portfolio'
import { setArchived } from './items.server'
import { listItems } from './list.server'
import type { ListQuery } from './list-query'

// The default view's total comes from item_totals, which triggers on items keep (migration
// 2026_12_02_0200): it must stay the exact count through every kind of write.

const row = (ref: string) => ({
  ref,
  strategy: 'CITA 2030',
  title_en: `Item ${ref}`,
  proposers: 'KAZ',
  status: 'proposed',
})

async function counted(db: Kysely<Database>, archived: ListQuery['archived']): Promise<number> {
  let query = db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n'))
  if (archived === 'exclude') query = query.where('archived', '=', 0)
  if (archived === 'only') query = query.where('archived', '=', 1)
  return Number((await query.executeTakeFirstOrThrow()).n)
}

async function expectExactTotals(db: Kysely<Database>, expected: { live: number; archived: number }) {
  for (const archived of ['exclude', 'include', 'only'] as const) {
    const page = await listItems(db, listQuery({ archived }))
    expect(page.total, archived).toBe(await counted(db, archived))
  }
  expect((await listItems(db, listQuery())).total).toBe(expected.live)
  expect((await listItems(db, listQuery({ archived: 'only' }))).total).toBe(expected.archived)
}

describe('the total of a view without filters', () => {
  const t = usePortfolio({
    items: ['A-01', 'A-02', 'A-03'].map(row),
    people: { secretariat: { role: 'secretariat' } },
  })

  it('is exact after an import, archiving, restoring and other edits', async () => {
    await expectExactTotals(t.db, { live: 3, archived: 0 })
    await seedItems(t.db, ['B-01', 'B-02'].map(row))
    await expectExactTotals(t.db, { live: 5, archived: 0 })
    await setArchived(t.db, t.people.secretariat, 'A-01', true)
    await setArchived(t.db, t.people.secretariat, 'B-02', true)
    await expectExactTotals(t.db, { live: 3, archived: 2 })
    // archiving twice counts once
    await setArchived(t.db, t.people.secretariat, 'A-01', true)
    await setArchived(t.db, t.people.secretariat, 'B-02', false)
    await expectExactTotals(t.db, { live: 4, archived: 1 })
    // an edit that leaves `archived` alone leaves the totals alone
    await t.db.updateTable('items').set({ title_en: 'Renamed' }).where('ref', '=', 'A-02').execute()
    await expectExactTotals(t.db, { live: 4, archived: 1 })
  })

  it('is what a page past the end reports too', async () => {
    const page = await listItems(t.db, listQuery({ page: 5, pageSize: 50 }))
    expect(page.items).toEqual([])
    expect(page.total).toBe(3)
  })

  it('rolls back with a write that is rolled back', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.updateTable('items').set({ archived: 1 }).where('ref', '=', 'A-03').execute()
        throw new Error('undone')
      }),
    ).rejects.toThrow('undone')
    await expectExactTotals(t.db, { live: 3, archived: 0 })
  })
})
