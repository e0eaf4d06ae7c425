import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, DB } from '../../db/schema'
import { can, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import type { CountryCode } from '../portfolio/codes'
import { getItemScope } from '../portfolio/items.server'
import type { Direction, Frequency } from './codes'
import { readFrameworkFile, type FrameworkRow } from './framework-file.server'
import type { KpiInput, NewKpiInput, TargetInput } from './schema'

// The monitoring framework: strategies' recommendations and their KPIs, with baselines and targets
// per country or regional (docs/decisions/0033-monitoring-framework.md). The importer (shared by
// the seed and `npm run kpis:import`) creates and updates KPIs by code; the secretariat then keeps
// units, directions, baselines and targets, which a later import leaves alone.

const nowIso = () => new Date().toISOString()
const list = (json: string): string[] => JSON.parse(json) as string[]
const splitBodies = (text: string | null) =>
  (text ?? '')
    .split(/[;\n]/)
    .map((b) => b.trim())
    .filter(Boolean)

export interface ImportSummary {
  recommendations: number
  created: number
  updated: number
}

async function recommendationId(
  db: DB,
  strategy: string,
  name: { en: string; zh: string | null; ru: string | null },
): Promise<{ id: string; created: boolean }> {
  const found = await db
    .selectFrom('kpi_recommendations')
    .select('id')
    .where('strategy', '=', strategy)
    .where('name_en', '=', name.en)
    .executeTakeFirst()
  if (found) {
    await db
      .updateTable('kpi_recommendations')
      .set({ ...(name.zh ? { name_zh: name.zh } : {}), ...(name.ru ? { name_ru: name.ru } : {}) })
      .where('id', '=', found.id)
      .execute()
    return { id: found.id, created: false }
  }
  const last = await db
    .selectFrom('kpi_recommendations')
    .select((eb) => eb.fn.max('position').as('position'))
    .executeTakeFirst()
  const id = randomUUID()
  await db
    .insertInto('kpi_recommendations')
    .values({
      id,
      strategy,
      name_en: name.en,
      name_zh: name.zh,
      name_ru: name.ru,
      position: Number(last?.position ?? 0) + 1,
    })
    .execute()
  return { id, created: true }
}

async function nextKpiPosition(db: DB): Promise<number> {
  const last = await db
    .selectFrom('kpis')
    .select((eb) => eb.fn.max('position').as('position'))
    .executeTakeFirst()
  return Number(last?.position ?? 0) + 1
}

/** Creates or updates (by code) the framework's KPIs from a read file, in one transaction by the caller. */
export async function importFramework(db: DB, rows: FrameworkRow[], now = nowIso()): Promise<ImportSummary> {
  const summary: ImportSummary = { recommendations: 0, created: 0, updated: 0 }
  for (const row of rows) {
    const recommendation = await recommendationId(db, row.strategy, row.recommendation)
    if (recommendation.created) summary.recommendations++
    const described = {
      recommendation_id: recommendation.id,
      name_en: row.name.en,
      name_zh: row.name.zh,
      name_ru: row.name.ru,
      responsible: JSON.stringify(row.responsible),
      supporting: JSON.stringify(row.supporting),
      frequency: row.frequency,
      updated_at: now,
    }
    const existing = await db.selectFrom('kpis').select('id').where('code', '=', row.code).executeTakeFirst()
    if (existing) {
      await db.updateTable('kpis').set(described).where('id', '=', existing.id).execute()
      summary.updated++
    } else {
      await db
        .insertInto('kpis')
        .values({
          id: randomUUID(),
          code: row.code,
          ...described,
          unit: null,
          direction: 'higher',
          position: await nextKpiPosition(db),
        })
        .execute()
      summary.created++
    }
  }
  return summary
}

export interface Names {
  en: string
  zh: string | null
  ru: string | null
}

export interface TargetView {
  scope: CountryCode
  baseline: number | null
  baseline_year: number | null
  target: number | null
  target_year: number | null
}

export interface KpiView {
  id: string
  code: string
  strategy: string
  recommendation: Names & { id: string }
  name: Names
  responsible: string[]
  supporting: string[]
  frequency: Frequency
  unit: string | null
  direction: Direction
  targets: TargetView[]
}

/** The whole framework (or one strategy's), in the framework's order, each KPI with its targets. */
export async function listFramework(db: DB, filter: { strategy?: string } = {}): Promise<KpiView[]> {
  let query = db
    .selectFrom('kpis as k')
    .innerJoin('kpi_recommendations as r', 'r.id', 'k.recommendation_id')
    .select([
      'k.id',
      'k.code',
      'k.name_en',
      'k.name_zh',
      'k.name_ru',
      'k.responsible',
      'k.supporting',
      'k.frequency',
      'k.unit',
      'k.direction',
      'r.id as recommendation_id',
      'r.strategy',
      'r.name_en as r_en',
      'r.name_zh as r_zh',
      'r.name_ru as r_ru',
    ])
    .orderBy('r.position')
    .orderBy('k.position')
  if (filter.strategy) query = query.where('r.strategy', '=', filter.strategy)
  const rows = await query.execute()
  const targets = await db
    .selectFrom('kpi_targets')
    .select(['kpi_id', 'scope', 'baseline', 'baseline_year', 'target', 'target_year'])
    .orderBy('scope')
    .execute()
  const byKpi = new Map<string, TargetView[]>()
  for (const { kpi_id, ...target } of targets) byKpi.set(kpi_id, [...(byKpi.get(kpi_id) ?? []), target])
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    strategy: row.strategy,
    recommendation: { id: row.recommendation_id, en: row.r_en, zh: row.r_zh, ru: row.r_ru },
    name: { en: row.name_en, zh: row.name_zh, ru: row.name_ru },
    responsible: list(row.responsible),
    supporting: list(row.supporting),
    frequency: row.frequency,
    unit: row.unit,
    direction: row.direction,
    targets: byKpi.get(row.id) ?? [],
  }))
}

export interface LinkedItem {
  ref: string
  title_en: string
  title_zh: string | null
  title_ru: string | null
}

export async function getKpi(db: DB, code: string): Promise<(KpiView & { items: LinkedItem[] }) | null> {
  const kpi = (await listFramework(db)).find((k) => k.code === code)
  if (!kpi) return null
  const items = await db
    .selectFrom('kpi_items as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .select(['i.ref', 'i.title_en', 'i.title_zh', 'i.title_ru'])
    .where('l.kpi_id', '=', kpi.id)
    .where('i.archived', '=', 0)
    .orderBy('i.ref')
    .execute()
  return { ...kpi, items }
}

/** The strategies that have KPIs, for the framework page's choice. */
export async function strategiesOf(db: DB): Promise<string[]> {
  const rows = await db
    .selectFrom('kpi_recommendations')
    .select('strategy')
    .distinct()
    .orderBy('strategy')
    .execute()
  return rows.map((r) => r.strategy)
}

export type KpiOutcome =
  | { kind: 'saved'; code: string }
  | { kind: 'not_found' }
  | { kind: 'code_taken' }
  | Forbidden

/** The secretariat edits a KPI's description (names, bodies, frequency, unit, direction). */
export async function updateKpi(db: DB, actor: Actor, code: string, input: KpiInput): Promise<KpiOutcome> {
  if (!can(actor, 'kpi:manage')) return forbiddenOutcome('kpi:manage')
  const result = await db
    .updateTable('kpis')
    .set({
      name_en: input.name_en,
      name_zh: input.name_zh,
      name_ru: input.name_ru,
      unit: input.unit,
      direction: input.direction,
      frequency: input.frequency,
      responsible: JSON.stringify(splitBodies(input.responsible)),
      supporting: JSON.stringify(splitBodies(input.supporting)),
      updated_at: nowIso(),
    })
    .where('code', '=', code)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1 ? { kind: 'saved', code } : { kind: 'not_found' }
}

/** The secretariat adds a KPI, for this or another strategy (its recommendation made when new). */
export async function addKpi(db: DB, actor: Actor, input: NewKpiInput): Promise<KpiOutcome> {
  if (!can(actor, 'kpi:manage')) return forbiddenOutcome('kpi:manage')
  const taken = await db.selectFrom('kpis').select('id').where('code', '=', input.code).executeTakeFirst()
  if (taken) return { kind: 'code_taken' }
  const recommendation = await recommendationId(db, input.strategy, {
    en: input.recommendation,
    zh: null,
    ru: null,
  })
  await db
    .insertInto('kpis')
    .values({
      id: randomUUID(),
      code: input.code,
      recommendation_id: recommendation.id,
      name_en: input.name_en,
      name_zh: input.name_zh,
      name_ru: input.name_ru,
      responsible: JSON.stringify(splitBodies(input.responsible)),
      supporting: JSON.stringify(splitBodies(input.supporting)),
      frequency: input.frequency,
      unit: input.unit,
      direction: input.direction,
      position: await nextKpiPosition(db),
      updated_at: nowIso(),
    })
    .execute()
  return { kind: 'saved', code: input.code }
}

/** Sets one scope's baseline and target; all four empty removes them. */
export async function setTarget(db: DB, actor: Actor, code: string, input: TargetInput): Promise<KpiOutcome> {
  if (!can(actor, 'kpi:manage')) return forbiddenOutcome('kpi:manage')
  const kpi = await db.selectFrom('kpis').select('id').where('code', '=', code).executeTakeFirst()
  if (!kpi) return { kind: 'not_found' }
  const { scope, ...values } = input
  await db.deleteFrom('kpi_targets').where('kpi_id', '=', kpi.id).where('scope', '=', scope).execute()
  if (Object.values(values).some((v) => v !== null))
    await db
      .insertInto('kpi_targets')
      .values({ kpi_id: kpi.id, scope, ...values })
      .execute()
  return { kind: 'saved', code }
}

// ---------------------------------------------------------------------------------------------
// KPIs and items: linking one to the other is editing the item (its country scope decides)

export type LinkOutcome = { kind: 'linked' } | { kind: 'unlinked' } | { kind: 'not_found' } | Forbidden

export async function setItemLink(
  db: DB,
  actor: Actor,
  code: string,
  ref: string,
  linked: boolean,
): Promise<LinkOutcome> {
  const kpi = await db.selectFrom('kpis').select('id').where('code', '=', code).executeTakeFirst()
  const item = await getItemScope(db, ref)
  if (!kpi || !item || item.archived) return { kind: 'not_found' }
  if (!can(actor, 'item:edit', item)) return forbiddenOutcome('item:edit')
  await db.deleteFrom('kpi_items').where('kpi_id', '=', kpi.id).where('item_id', '=', item.id).execute()
  if (linked)
    await db
      .insertInto('kpi_items')
      .values({ kpi_id: kpi.id, item_id: item.id, linked_at: nowIso() })
      .execute()
  return { kind: linked ? 'linked' : 'unlinked' }
}

/** The KPIs an item contributes to (for the item page). */
export async function kpisOfItem(db: DB, ref: string): Promise<Array<{ code: string; name: Names }>> {
  const rows = await db
    .selectFrom('kpi_items as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .innerJoin('kpis as k', 'k.id', 'l.kpi_id')
    .select(['k.code', 'k.name_en', 'k.name_zh', 'k.name_ru'])
    .where('i.ref', '=', ref)
    .orderBy('k.position')
    .execute()
  return rows.map((r) => ({ code: r.code, name: { en: r.name_en, zh: r.name_zh, ru: r.name_ru } }))
}

export type FrameworkFileOutcome =
  | ({ kind: 'imported' } & ImportSummary)
  | { kind: 'invalid'; errors: Array<{ line: number; message: string }> }

/** Reads a framework file and imports it whole, or nothing when any row is wrong: the seed's and the command line's one door. */
export async function importFrameworkFile(
  db: Kysely<Database>,
  content: string | Buffer,
): Promise<FrameworkFileOutcome> {
  const file = readFrameworkFile(content)
  if (!file.ok) return { kind: 'invalid', errors: file.errors }
  const summary = await db.transaction().execute((trx) => importFramework(trx, file.rows))
  return { kind: 'imported', ...summary }
}
