import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import type { Database } from '../../db/schema'
import { getHistory } from '../../app/history/history.server'
import { importCsv } from '../../app/importer/import.server'
import type { Actor } from '../../app/permissions/permissions'
import { confirmTranslation, getItemByRef, updateItem } from '../../app/portfolio/items.server'
import { listItems } from '../../app/portfolio/list.server'
import type { ListQuery } from '../../app/portfolio/list-query'
import { formValuesOf, ItemForm } from '../../app/portfolio/schema'
import { listQuery, toCsv } from './fixtures'

// Translations remember their source (docs/decisions/0034-translation-provenance.md), run
// unchanged on SQLite (app/portfolio/translations.server.test.ts) and PostgreSQL (db/postgres.test.ts).

const STRATEGY = 'Translation Strategy'

/** `secretariat` translates any item; `kazakh` is a working group member for KAZ; `georgian` for GEO. */
export async function translationCases(
  db: Kysely<Database>,
  people: { secretariat: Actor; kazakh: Actor; georgian: Actor },
): Promise<void> {
  const imported = await importCsv(
    db,
    toCsv([
      { ref: 'TR-01', strategy: STRATEGY, title_en: 'Dry port', title_ru: 'Сухой порт', proposers: 'KAZ' },
      { ref: 'TR-02', strategy: STRATEGY, title_en: 'Rail', title_zh: '铁路', proposers: 'KAZ' },
      {
        ref: 'TR-03',
        strategy: STRATEGY,
        title_en: 'Road',
        title_ru: 'Дорога',
        title_zh: '公路',
        proposers: 'GEO',
      },
    ]),
    null,
  )
  expect(imported.ok).toBe(true)
  const found = async (over: Partial<ListQuery>) =>
    (await listItems(db, listQuery({ strategy: [STRATEGY], ...over }))).items.map((i) => i.ref)
  const edit = async (actor: Actor, ref: string, change: Record<string, string>) => {
    const item = (await getItemByRef(db, ref))!
    return updateItem(db, actor, ref, ItemForm.parse({ ...formValuesOf(item), ...change }), null)
  }

  // written together, nothing is outdated; the filter finds the missing ones
  expect((await getItemByRef(db, 'TR-01'))!.translations_outdated).toBeNull()
  expect(await found({ translation: 'ru' })).toEqual(['TR-02'])
  expect(await found({ translation: 'zh', translation_state: 'missing' })).toEqual(['TR-01'])
  expect(await found({ translation: 'ru', translation_state: 'outdated' })).toEqual([])

  // the English source changes: the Russian translation may be outdated, the English is not
  expect(await edit(people.kazakh, 'TR-01', { title_en: 'Dry port at Khorgos' })).toMatchObject({
    kind: 'saved',
  })
  expect((await getItemByRef(db, 'TR-01'))!.translations_outdated).toBe(';title_ru;')
  expect(await found({ translation: 'ru', translation_state: 'outdated' })).toEqual(['TR-01'])
  expect(await found({ translation: 'ru' })).toEqual(['TR-01', 'TR-02'])
  expect(await found({ translation: 'en' })).toEqual([])

  // a description written in English alone is a missing Russian and Chinese description
  expect(await edit(people.secretariat, 'TR-03', { description_en: 'A road.' })).toMatchObject({
    kind: 'saved',
  })
  expect(await found({ translation: 'ru', translation_state: 'missing' })).toEqual(['TR-02', 'TR-03'])

  // only those who may translate the item confirm: not a working group of another country
  expect(await confirmTranslation(db, people.georgian, 'TR-01', 'title_ru')).toEqual({
    kind: 'forbidden',
    action: 'item:translate',
  })
  expect(await confirmTranslation(db, people.kazakh, 'TR-01', 'title_ru')).toEqual({ kind: 'confirmed' })
  expect((await getItemByRef(db, 'TR-01'))!.translations_outdated).toBeNull()
  // the item's history says who vouched for the translation, and for which field
  const confirmed = (await getHistory(db, 'TR-01'))!.find((event) => event.kind === 'translation')
  expect(confirmed).toMatchObject({ details: { action: 'confirmed', field: 'title_ru' } })
  expect(confirmed!.by).toBeTruthy()
  expect(await found({ translation: 'ru', translation_state: 'outdated' })).toEqual([])
  expect(await confirmTranslation(db, people.kazakh, 'TR-01', 'title_ru')).toEqual({ kind: 'not_outdated' })
  expect((await getHistory(db, 'TR-01'))!.filter((event) => event.kind === 'translation')).toHaveLength(1)

  // outdated again, then updated: an updated translation is current without a confirmation
  await edit(people.secretariat, 'TR-03', { title_en: 'Mountain road' })
  expect((await getItemByRef(db, 'TR-03'))!.translations_outdated).toBe(';title_ru;title_zh;')
  await edit(people.georgian, 'TR-03', { title_ru: 'Горная дорога' })
  expect((await getItemByRef(db, 'TR-03'))!.translations_outdated).toBe(';title_zh;')
  expect(await found({ translation: 'zh', translation_state: 'outdated' })).toEqual(['TR-03'])
}
