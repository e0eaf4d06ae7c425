import { sql, type Kysely } from 'kysely'
import { expect } from 'vitest'
import type { Database } from '../../db/schema'
import { importCsv } from '../../app/importer/import.server'
import { countSearch, listItems, searchCountKey } from '../../app/portfolio/list.server'
import { indexedSearchCount, searchCondition } from '../../app/portfolio/search-match.server'
import { listQuery, toCsv } from './fixtures'

// The text search index (migration 2026_12_01_0900_search_index) finds exactly what the plain
// LIKE scan finds, over English, Russian and Chinese titles, and follows edits.
// Run unchanged on SQLite (app/portfolio/search-match.server.test.ts) and PostgreSQL
// (db/postgres.test.ts).

const STRATEGY = 'Search Strategy'

const TITLES: Array<Record<string, string>> = [
  {
    title_en: 'Almaty–Bishkek road corridor',
    title_ru: 'Дорожный коридор Алматы–Бишкек',
    title_zh: '阿拉木图—比什凯克公路走廊',
  },
  { title_en: 'Rail corridor 2', title_ru: 'Железнодорожный коридор', title_zh: '中亚铁路走廊' },
  { title_en: 'Dry port', title_ru: 'Сухой порт у Ёлок', title_zh: '' },
  { title_en: 'Energy 100% renewable', title_ru: '', title_zh: '可再生能源' },
  { title_en: 'Border crossing_point "A"', title_ru: 'Пограничный переход', title_zh: '边境口岸' },
  { title_en: 'Trade facilitation', title_ru: 'Упрощение процедур торговли', title_zh: '贸易便利化' },
]

/** Searched words: 1 to many characters, each language, mixed case, wildcards and quotes as text. */
const WORDS = [
  'corridor',
  'CORRIDOR',
  'rid',
  'co',
  'r',
  'коридор',
  'КОРИДОР',
  'ёлок',
  'елок',
  'ор',
  '铁路',
  '走廊',
  '中亚铁',
  '边',
  '100%',
  '0%',
  '%',
  '_',
  'g_p',
  'crossing_point',
  '"a"',
  '"',
  'road corridor',
  'port у',
  '—比什',
  'нет такого',
  '铁道',
  'search-',
  // two characters at the very end of a text, and words the index's padding (two line feeds after
  // every text) must not make match
  '廊',
  'ок',
  '"a',
  '走廊\n',
  'ок\n',
  '\n\n',
  'x\n',
]

async function refs(db: Kysely<Database>, words: string, mode: 'index' | 'scan'): Promise<string[]> {
  const rows = await db
    .selectFrom('items as i')
    .select('i.ref')
    .where(searchCondition(db, words, mode))
    // this case's items only: on PostgreSQL the database is shared with other cases
    .where('i.ref', 'like', 'SEARCH-%')
    .orderBy('i.ref')
    .execute()
  return rows.map((r) => r.ref)
}

async function expectSameResults(db: Kysely<Database>): Promise<void> {
  for (const words of WORDS) {
    expect({ words, found: await refs(db, words, 'index') }).toEqual({
      words,
      found: await refs(db, words, 'scan'),
    })
  }
}

const ARCHIVED = ['exclude', 'include', 'only'] as const

/**
 * The counts read from the index alone (SQLite; none on PostgreSQL) equal the LIKE scan's, for
 * each archived setting. Over the whole table: only on a database of this case's items.
 */
async function expectSameCounts(db: Kysely<Database>): Promise<void> {
  for (const words of WORDS) {
    for (const archived of ARCHIVED) {
      const byIndex = indexedSearchCount(db, words, archived)
      if (!byIndex) continue
      let scan = db
        .selectFrom('items as i')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(searchCondition(db, words, 'scan'))
      if (archived !== 'include') scan = scan.where('i.archived', '=', archived === 'only' ? 1 : 0)
      expect({ words, archived, n: Number((await byIndex.execute(db)).rows[0]!.n) }).toEqual({
        words,
        archived,
        n: Number((await scan.executeTakeFirstOrThrow()).n),
      })
    }
  }
}

async function countOf(db: Kysely<Database>, words: string, archived: (typeof ARCHIVED)[number]) {
  const byIndex = indexedSearchCount(db, words, archived)
  return byIndex ? Number((await byIndex.execute(db)).rows[0]!.n) : null
}

export async function searchIndexCases(db: Kysely<Database>): Promise<void> {
  const rows = TITLES.map((t, k) => ({ ref: `SEARCH-${k + 1}`, strategy: STRATEGY, ...t }))
  expect((await importCsv(db, toCsv(rows), null)).ok).toBe(true)

  await expectSameResults(db)
  // not vacuous: the cases find something in every language
  expect(await refs(db, 'corridor', 'index')).toEqual(['SEARCH-1', 'SEARCH-2'])
  expect(await refs(db, 'КОРИДОР', 'index')).toEqual(['SEARCH-1', 'SEARCH-2'])
  expect(await refs(db, '铁路', 'index')).toEqual(['SEARCH-2'])
  expect(await refs(db, '100%', 'index')).toEqual(['SEARCH-4'])
  expect(await refs(db, 'crossing_point', 'index')).toEqual(['SEARCH-5'])

  // an edit of the text (here straight in SQL, as any writer may) is searched at once
  await sql`update items set search_text = ${'silk road 丝绸之路'} where ref = ${'SEARCH-6'}`.execute(db)
  expect(await refs(db, '绸之', 'index')).toEqual(['SEARCH-6'])
  expect(await refs(db, 'facilitation', 'index')).toEqual([])
  await sql`update items set search_text = ${'dry dock'} where ref = ${'SEARCH-3'}`.execute(db)
  expect(await refs(db, 'port', 'index')).toEqual([])
  await expectSameResults(db)

  // archiving (and restoring) an item moves it between the counts at once
  const sqlite = (await countOf(db, 'corridor', 'include')) !== null
  if (sqlite) {
    await expectSameCounts(db)
    expect(await countOf(db, 'corridor', 'exclude')).toBe(2)
    expect(await countOf(db, '走廊', 'exclude')).toBe(2)
    await sql`update items set archived = 1 where ref = ${'SEARCH-2'}`.execute(db)
    expect(await countOf(db, 'corridor', 'exclude')).toBe(1)
    expect(await countOf(db, '走廊', 'only')).toBe(1)
    await expectSameCounts(db)
    await sql`update items set archived = 0 where ref = ${'SEARCH-2'}`.execute(db)
    expect(await countOf(db, 'corridor', 'only')).toBe(0)
    await expectSameCounts(db)
  }

  // the list itself, through the index
  const page = await listItems(db, listQuery({ q: 'Коридор', strategy: [STRATEGY] }))
  expect(page.items.map((i) => i.ref)).toEqual(['SEARCH-1', 'SEARCH-2'])
  expect(page.total).toBe(2)

  await storedCountCases(db)
}

/** The scan's count of a search alone over the whole table: what the list's total must be. */
async function scanTotal(db: Kysely<Database>, words: string, archived: (typeof ARCHIVED)[number]) {
  let scan = db
    .selectFrom('items as i')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(searchCondition(db, words, 'scan'))
  if (archived !== 'include') scan = scan.where('i.archived', '=', archived === 'only' ? 1 : 0)
  return Number((await scan.executeTakeFirstOrThrow()).n)
}

const COUNTED = ['corridor', 'КОРИДОР', '铁路', '走廊', 'ок', 'r', '100%', 'нет такого']

/** Every counted word's stored count and list total (a search alone) against the scan's. */
async function expectStoredTotals(db: Kysely<Database>): Promise<void> {
  for (const words of COUNTED)
    for (const archived of ARCHIVED) {
      const query = listQuery({ q: words, archived, pageSize: 1 })
      const expected = { words, archived, n: await scanTotal(db, words, archived) }
      // the first read may count, the second reads what the first stored
      expect({ words, archived, n: await countSearch(db, query) }).toEqual(expected)
      expect({ words, archived, n: await countSearch(db, query) }).toEqual(expected)
      expect({ words, archived, n: (await listItems(db, query)).total }).toEqual(expected)
    }
}

const searchVersion = async (db: Kysely<Database>) =>
  Number((await db.selectFrom('search_version').select('version').executeTakeFirstOrThrow()).version)

/**
 * A search's total is counted once, stored, and brought up to date by the changes of items' texts
 * and archived states since (decision 0050): it stays the scan's count after edits, archiving,
 * restoring and new items made by plain SQL or the importer; writes of other columns leave the
 * search version as it was.
 */
async function storedCountCases(db: Kysely<Database>): Promise<void> {
  await expectStoredTotals(db)
  const stored = () =>
    db.selectFrom('search_counts').select(['key', 'version', 'n']).where('key', '=', searchCountKey(corridor))
  const corridor = listQuery({ q: 'corridor', archived: 'exclude' })
  expect(await stored().executeTakeFirst()).toBeDefined()

  // writes that cannot change a count keep the version
  const before = await searchVersion(db)
  await sql`update items set status = ${'approved'}, published = 1 where ref = ${'SEARCH-1'}`.execute(db)
  await sql`update items set search_text = search_text, archived = archived where ref = ${'SEARCH-1'}`.execute(
    db,
  )
  expect(await searchVersion(db)).toBe(before)

  // an edit of the text by plain SQL: logged, and the stored count is brought up to date from the
  // log, not counted again (a stored count made 100 too high stays 100 too high)
  await sql`update search_counts set n = n + 100 where key = ${searchCountKey(corridor)}`.execute(db)
  await sql`update items set search_text = ${'a corridor of 铁路 and коридор'} where ref = ${'SEARCH-4'}`.execute(
    db,
  )
  expect(await searchVersion(db)).toBe(before + 1)
  expect(await countSearch(db, corridor)).toBe((await scanTotal(db, 'corridor', 'exclude')) + 100)
  expect(Number((await stored().executeTakeFirstOrThrow()).version)).toBe(before + 1)
  await sql`update search_counts set n = n - 100 where key = ${searchCountKey(corridor)}`.execute(db)
  await expectStoredTotals(db)

  // archiving and restoring by plain SQL, several changes at once, new items through the importer
  await sql`update items set archived = 1 where ref = ${'SEARCH-1'}`.execute(db)
  await expectStoredTotals(db)
  await sql`update items set archived = 0 where ref = ${'SEARCH-1'}`.execute(db)
  await sql`update items set search_text = ${'ок r'} where ref in (${'SEARCH-2'}, ${'SEARCH-5'})`.execute(db)
  await sql`update items set search_text = ${'rail corridor 2 коридор 铁路走廊'} where ref = ${'SEARCH-2'}`.execute(
    db,
  )
  await expectStoredTotals(db)
  const more = [
    { ref: 'SEARCH-7', strategy: STRATEGY, title_en: 'Corridor 7', title_ru: 'Коридор', title_zh: '铁路' },
  ]
  expect((await importCsv(db, toCsv(more), null)).ok).toBe(true)
  await expectStoredTotals(db)
}
