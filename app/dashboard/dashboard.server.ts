import type { DB } from '../../db/schema'
import { flagOrganisations } from '../cofinancing/cofinancing.server'
import type { Actor } from '../permissions/permissions'
import type { ListQuery } from '../portfolio/list-query'
import { getTaxonomy } from '../portfolio/taxonomy.server'
import { getMyWork } from './my-work.server'
import { getOverview } from './overview.server'

/** Everything the dashboard shows for one person and one view: figures, their work, the filter choices. */
export async function getDashboard(db: DB, actor: Actor, query: ListQuery, now = new Date()) {
  // One after another: on SQLite the reads are synchronous anyway, and PostgreSQL's pool is small.
  const overview = await getOverview(db, query, now)
  const myWork = await getMyWork(db, actor, now)
  const taxonomy = await getTaxonomy(db)
  const organisations = await flagOrganisations(db)
  return { overview, myWork, taxonomy, organisations }
}
