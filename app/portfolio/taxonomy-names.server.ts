import { parse } from 'csv-parse/sync'
import type { DB } from '../../db/schema'
import type { Language } from '../i18n/languages'
import { NO_TAXONOMY_NAMES, type TaxonomyKind, type TaxonomyNames } from '../i18n/taxonomy'

// Strategy, pillar and area names per language (docs/decisions/0027-pdf-fonts-and-localized-
// outputs.md): stored beside the English name, read for one language at a time.

const TABLES = { strategy: 'strategies', pillar: 'pillars', area: 'areas' } as const
const KINDS = Object.keys(TABLES) as TaxonomyKind[]

/** The translated names of one language; none for English. */
export async function getTaxonomyNames(db: DB, language: Language): Promise<TaxonomyNames> {
  if (language === 'en') return NO_TAXONOMY_NAMES
  const column = language === 'ru' ? 'name_ru' : 'name_zh'
  const lists = await Promise.all(
    KINDS.map((kind) =>
      db
        .selectFrom(TABLES[kind])
        .select(['name', column])
        .where(column, 'is not', null)
        .orderBy('id')
        .execute(),
    ),
  )
  const names: TaxonomyNames = { strategy: {}, pillar: {}, area: {} }
  KINDS.forEach((kind, i) => {
    // Two pillars of different strategies may share an English name; they are one name in
    // filters too, so the first translation stands for both.
    for (const row of lists[i]!) names[kind][row.name] ??= row[column]!
  })
  return names
}

export interface TaxonomyTranslation {
  kind: TaxonomyKind
  /** the English name as stored */
  name: string
  name_ru: string | null
  name_zh: string | null
}

/**
 * Stores translations by kind and English name (every strategy, pillar or area of that name).
 * Answers how many rows changed and the translations that matched no name.
 */
export async function setTaxonomyNames(
  db: DB,
  translations: readonly TaxonomyTranslation[],
): Promise<{ updated: number; unmatched: TaxonomyTranslation[] }> {
  let updated = 0
  const unmatched: TaxonomyTranslation[] = []
  await db.transaction().execute(async (trx) => {
    for (const entry of translations) {
      const result = await trx
        .updateTable(TABLES[entry.kind])
        .set({ name_ru: entry.name_ru, name_zh: entry.name_zh })
        .where('name', '=', entry.name)
        .executeTakeFirst()
      const rows = Number(result.numUpdatedRows)
      if (rows === 0) unmatched.push(entry)
      updated += rows
    }
  })
  return { updated, unmatched }
}

/** The rows of a names file (kind,name,name_ru,name_zh; UTF-8; empty cell = no translation). */
export function parseTaxonomyNames(csv: string | Buffer): TaxonomyTranslation[] {
  const rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Array<
    Record<string, string | undefined>
  >
  return rows.map((row, index) => {
    const kind = row.kind as TaxonomyKind
    if (!KINDS.includes(kind) || !row.name)
      throw new Error(`row ${index + 2}: kind must be one of ${KINDS.join(', ')} and name is required`)
    return { kind, name: row.name, name_ru: row.name_ru || null, name_zh: row.name_zh || null }
  })
}
