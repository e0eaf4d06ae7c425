import { createHash, randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import type { NewTaxonomyName, TaxonomyIds } from '../portfolio/taxonomy.server'

// The strategies, pillars and areas, read once per import and looked up in memory (a plan has
// dozens; a file has thousands of rows naming them): the same matching as findOrCreateTaxonomy
// (app/portfolio/taxonomy.server.ts), by name, else by Russian or Chinese name, the first by id,
// with the names a file brings made once and kept to be inserted with the import.

type Table = 'strategies' | 'pillars' | 'areas'

interface Named {
  id: string
  parent: string | null
  name: string
  name_ru: string | null
  name_zh: string | null
}

/** A name not seen before, to be inserted with the import. */
export interface NewTaxonomyRow {
  table: Table
  id: string
  parent: string | null
  name: string
}

const key = (parent: string | null, name: string) => `${parent ?? ''}\u0000${name}`

export class TaxonomyIndex {
  /** by table, then by parent and name: per column (name, name_ru, name_zh) the lowest id */
  private readonly lookup = new Map<Table, Array<Map<string, string>>>()
  private readonly names = new Map<string, string>()
  readonly added: NewTaxonomyRow[] = []

  private constructor(
    tables: Record<Table, Named[]>,
    /** what was read, so a writer can tell whether the names moved since */
    readonly fingerprint: string,
  ) {
    for (const table of ['strategies', 'pillars', 'areas'] as const) {
      const columns = [new Map<string, string>(), new Map<string, string>(), new Map<string, string>()]
      // sorted by id, so the first kept is the one findOrCreateTaxonomy's `orderBy('id')` finds
      for (const row of [...tables[table]].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
        ;[row.name, row.name_ru, row.name_zh].forEach((name, i) => {
          if (name !== null && !columns[i]!.has(key(row.parent, name)))
            columns[i]!.set(key(row.parent, name), row.id)
        })
        this.names.set(row.id, row.name)
      }
      this.lookup.set(table, columns)
    }
  }

  static async load(db: DB): Promise<TaxonomyIndex> {
    const [strategies, pillars, areas] = await Promise.all([
      db.selectFrom('strategies').select(['id', 'name', 'name_ru', 'name_zh']).execute(),
      db
        .selectFrom('pillars')
        .select(['id', 'strategy_id as parent', 'name', 'name_ru', 'name_zh'])
        .execute(),
      db.selectFrom('areas').select(['id', 'pillar_id as parent', 'name', 'name_ru', 'name_zh']).execute(),
    ])
    const tables = { strategies: strategies.map((s) => ({ ...s, parent: null })), pillars, areas }
    const canonical = (['strategies', 'pillars', 'areas'] as const).map((t) =>
      tables[t]
        .map((r) => [r.id, r.parent, r.name, r.name_ru, r.name_zh])
        .sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    )
    return new TaxonomyIndex(tables, createHash('sha256').update(JSON.stringify(canonical)).digest('hex'))
  }

  /** The name of a strategy, pillar or area by id (those added by this import included). */
  nameOf(id: string): string | null {
    return this.names.get(id) ?? null
  }

  private find(table: Table, parent: string | null, name: string): string | undefined {
    for (const column of this.lookup.get(table)!) {
      const id = column.get(key(parent, name))
      if (id) return id
    }
    return undefined
  }

  private findOrAdd(table: Table, parent: string | null, name: string, created: () => void): string {
    const found = this.find(table, parent, name)
    if (found) return found
    const id = randomUUID()
    this.lookup.get(table)![0]!.set(key(parent, name), id)
    this.names.set(id, name)
    this.added.push({ table, id, parent, name })
    created()
    return id
  }

  /** findOrCreateTaxonomy in memory: the ids, and the names this row is the first to bring. */
  resolve(names: {
    strategy: string
    pillar?: string | null
    area?: string | null
  }): TaxonomyIds & { created: NewTaxonomyName[] } {
    const created: NewTaxonomyName[] = []
    const strategy = this.findOrAdd('strategies', null, names.strategy, () =>
      created.push({ kind: 'strategy', name: names.strategy, within: null }),
    )
    if (!names.pillar) return { strategy_id: strategy, pillar_id: null, area_id: null, created }
    const pillar = this.findOrAdd('pillars', strategy, names.pillar, () =>
      created.push({ kind: 'pillar', name: names.pillar!, within: names.strategy }),
    )
    if (!names.area) return { strategy_id: strategy, pillar_id: pillar, area_id: null, created }
    const area = this.findOrAdd('areas', pillar, names.area, () =>
      created.push({ kind: 'area', name: names.area!, within: names.pillar! }),
    )
    return { strategy_id: strategy, pillar_id: pillar, area_id: area, created }
  }
}

/** Inserts the names an import brought, parents first, many per statement. */
export async function insertTaxonomy(db: DB, rows: readonly NewTaxonomyRow[], now: string): Promise<void> {
  const of = (table: Table) => rows.filter((r) => r.table === table)
  const strategies = of('strategies').map((r) => ({ id: r.id, name: r.name, created_at: now }))
  const pillars = of('pillars').map((r) => ({
    id: r.id,
    strategy_id: r.parent!,
    name: r.name,
    created_at: now,
  }))
  const areas = of('areas').map((r) => ({ id: r.id, pillar_id: r.parent!, name: r.name, created_at: now }))
  for (let i = 0; i < strategies.length; i += 500)
    await db
      .insertInto('strategies')
      .values(strategies.slice(i, i + 500))
      .execute()
  for (let i = 0; i < pillars.length; i += 500)
    await db
      .insertInto('pillars')
      .values(pillars.slice(i, i + 500))
      .execute()
  for (let i = 0; i < areas.length; i += 500)
    await db
      .insertInto('areas')
      .values(areas.slice(i, i + 500))
      .execute()
}
