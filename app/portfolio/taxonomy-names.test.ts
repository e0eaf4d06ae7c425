import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { TAXONOMY_NAMES_FILE } from '../../db/seed'
import { PLAN_FILE, toCsv } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { importCsv } from '../importer/import.server'
import { taxonomyName } from '../i18n/taxonomy'
import { getTaxonomyNames, parseTaxonomyNames, setTaxonomyNames } from './taxonomy-names.server'

describe('taxonomy names per language', () => {
  const d = useTestDb()

  it('are stored by English name and read for one language, English having none', async () => {
    await importCsv(
      d.db,
      toCsv([
        { ref: 'T-1', strategy: 'CITA 2030', pillar: 'Pillar 1: Access', area: '1 Policy', title_en: 'One' },
        // the same pillar name under another strategy: one name, one translation
        { ref: 'T-2', strategy: 'Digital Strategy 2030', pillar: 'Pillar 1: Access', title_en: 'Two' },
      ]),
      null,
    )
    const outcome = await setTaxonomyNames(d.db, [
      { kind: 'pillar', name: 'Pillar 1: Access', name_ru: 'Направление 1: доступ', name_zh: '支柱 1：准入' },
      { kind: 'area', name: '1 Policy', name_ru: null, name_zh: '1 政策' },
      { kind: 'area', name: 'No such area', name_ru: 'Нет', name_zh: null },
    ])
    expect(outcome.updated).toBe(3)
    expect(outcome.unmatched.map((u) => u.name)).toEqual(['No such area'])

    const ru = await getTaxonomyNames(d.db, 'ru')
    expect(ru.pillar).toEqual({ 'Pillar 1: Access': 'Направление 1: доступ' })
    // no Russian area name: the English one shows
    expect(taxonomyName(ru, 'area', '1 Policy')).toBe('1 Policy')
    expect(taxonomyName(ru, 'strategy', 'CITA 2030')).toBe('CITA 2030')
    const zh = await getTaxonomyNames(d.db, 'zh')
    expect(taxonomyName(zh, 'area', '1 Policy')).toBe('1 政策')
    expect(await getTaxonomyNames(d.db, 'en')).toEqual({ strategy: {}, pillar: {}, area: {} })
  })

  it('name every strategy, pillar and area of the shipped plan in Russian and Chinese', async () => {
    await importCsv(d.db, fs.readFileSync(PLAN_FILE), null)
    const outcome = await setTaxonomyNames(d.db, parseTaxonomyNames(fs.readFileSync(TAXONOMY_NAMES_FILE)))
    expect(outcome.unmatched).toEqual([])
    for (const [kind, table] of [
      ['strategy', 'strategies'],
      ['pillar', 'pillars'],
      ['area', 'areas'],
    ] as const) {
      const stored = await d.db.selectFrom(table).select('name').execute()
      for (const language of ['ru', 'zh'] as const) {
        const names = await getTaxonomyNames(d.db, language)
        for (const { name } of stored)
          expect(names[kind][name], `${kind} ${name} in ${language}`).toBeTruthy()
      }
    }
  })

  it('refuse a names file row of an unknown kind, naming the row', () => {
    expect(() => parseTaxonomyNames('kind,name,name_ru,name_zh\nsector,Trade,Торговля,贸易\n')).toThrow(
      /row 2: kind must be one of strategy, pillar, area/,
    )
  })
})
