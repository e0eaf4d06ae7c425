import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import type { Database } from '../../db/schema'
import { importCsv } from '../../app/importer/import.server'
import type { Actor } from '../../app/permissions/permissions'
import { createItem, getItemByRef } from '../../app/portfolio/items.server'
import { listItems } from '../../app/portfolio/list.server'
import { ItemForm } from '../../app/portfolio/schema'
import { listQuery, toCsv } from './fixtures'

// The items' own text in three languages (issue 9), run unchanged on SQLite
// (app/portfolio/item-text.server.test.ts) and PostgreSQL (db/postgres.test.ts).

const STRATEGY = 'Text Strategy'

export async function itemTextCases(db: Kysely<Database>, secretariat: Actor): Promise<void> {
  const imported = await importCsv(
    db,
    toCsv([
      { ref: 'TXT-01', strategy: STRATEGY, title_en: 'Dry port', title_ru: 'Сухой порт у Ёлок' },
      { ref: 'TXT-02', strategy: STRATEGY, title_en: 'Rail', title_zh: '中亚铁路走廊' },
    ]),
    null,
  )
  expect(imported.ok).toBe(true)
  const strategy = await db
    .selectFrom('strategies')
    .select('id')
    .where('name', '=', STRATEGY)
    .executeTakeFirstOrThrow()

  // a Russian title alone is enough on the form
  const russianOnly = ItemForm.safeParse({
    ref: 'TXT-03',
    strategy_id: strategy.id,
    title_ru: 'Зелёный коридор',
  })
  expect(russianOnly.success).toBe(true)
  if (!russianOnly.success) return
  expect(await createItem(db, secretariat, russianOnly.data)).toEqual({ kind: 'saved', ref: 'TXT-03' })
  expect(await getItemByRef(db, 'TXT-03')).toMatchObject({
    title_en: '',
    title_ru: 'Зелёный коридор',
    title_zh: null,
  })

  // no title in any language is refused, on the English title's box
  const untitled = ItemForm.safeParse({ ref: 'TXT-04', strategy_id: strategy.id })
  expect(untitled.success).toBe(false)
  expect(untitled.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
    'title_en',
    'validation.titleAny',
  ])

  const found = async (q: string) =>
    (await listItems(db, listQuery({ q, strategy: [STRATEGY] }))).items.map((i) => i.ref)
  // е and ё are one letter, in the stored text and in the words searched, in either case
  expect(await found('елок')).toEqual(['TXT-01'])
  expect(await found('ЁЛОК')).toEqual(['TXT-01'])
  expect(await found('зеленый')).toEqual(['TXT-03'])
  expect(await found('Зелёный')).toEqual(['TXT-03'])
  // Chinese: any run of characters, not only from a word's start
  expect(await found('铁路')).toEqual(['TXT-02'])
  expect(await found('亚铁')).toEqual(['TXT-02'])
  expect(await found('走廊')).toEqual(['TXT-02'])
  expect(await found('铁道')).toEqual([])
}
