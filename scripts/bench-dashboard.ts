import { performance } from 'node:perf_hooks'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { getDashboard } from '../app/dashboard/dashboard.server'
import { rebuildTallies, setTallied, tallied } from '../app/dashboard/tallies.server'
import type { Actor } from '../app/permissions/permissions'
import { parseListQuery, type ListQuery } from '../app/portfolio/list-query'
import { listItems } from '../app/portfolio/list.server'
import { setPublished } from '../app/publication/publication.server'
import { baselineOf, getItemByRef, updateItem } from '../app/portfolio/items.server'
import { formValuesOf, ItemForm } from '../app/portfolio/schema'
import { percentile } from './bench-timing'

// The dashboard part of `npm run bench`: the loader's one call (getDashboard: figures, charts,
// my work) per role and view, beside the JSON list page (listItems, page 1) timed in the same
// run, so the figures read as ratios on a shared machine. Each view twice:
// - warm: the view read again with nothing changed;
// - cold: the first read after an item write (one item's publication toggled through the app's
//   writer, which keeps the summary rows and increments the portfolio version), so stored
//   figures (app/dashboard/figures-cache.server.ts) are never what is timed.
// docs/decisions/0038-dashboard-tallies.md says which views add up summary rows ("tallies") and
// which read items once per version ("items, stored"); 0043 adds views of proposers, which add up
// the rows of the proposer sets that meet their countries ("proposer sets").

/** The dashboard's views (the table's parameters) and who looks: each role's "my work" differs. */
const VIEWS: Array<{ name: string; params: string; role: Actor['role'] }> = [
  { name: 'secretariat, whole portfolio', params: '', role: 'secretariat' },
  { name: 'working group KAZ, whole portfolio', params: '', role: 'working_group' },
  { name: 'committee member, whole portfolio', params: '', role: 'steering_committee' },
  { name: 'partner ADB, whole portfolio', params: '', role: 'partner' },
  {
    name: 'viewer, status approved,under_impl.',
    params: 'status=approved,under_implementation',
    role: 'viewer',
  },
  {
    name: 'viewer, one strategy + quick wins',
    params: 'strategy=CITA%202030&quadrant=quick_win',
    role: 'viewer',
  },
  { name: 'viewer, published only (/public)', params: 'published=yes', role: 'viewer' },
  { name: 'viewer, proposers KAZ,UZB', params: 'proposers=KAZ,UZB', role: 'viewer' },
  { name: 'viewer, search "corridor"', params: 'q=corridor', role: 'viewer' },
  { name: 'viewer, flagged by ADB', params: 'interest_org=ADB', role: 'viewer' },
]

function queryOf(params: string): ListQuery {
  const parsed = parseListQuery(new URLSearchParams(params))
  if (!parsed.ok) throw new Error(`bench view "${params}": ${JSON.stringify(parsed.problem)}`)
  return parsed.query
}

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) }
}

/** A quarter of the items published, as a portfolio might be; written directly, so the summary rows are counted afresh. */
export async function publishQuarter(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('items')
    .set({ published: 1 })
    .where(sql<boolean>`substr(id, 1, 1) in ('0', '4', 'a', 'c')`)
    .execute()
  await rebuildTallies(db)
}

/** Times the dashboard loader per view, warm and cold, and prints it beside the list page. */
export async function benchDashboard(
  db: Kysely<Database>,
  userId: string,
  items: number,
  runs: number,
): Promise<void> {
  const list: number[] = []
  const all = queryOf('')
  for (let k = 0; k < 3; k++) await listItems(db, all)
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now()
    await listItems(db, all)
    list.push(performance.now() - t0)
  }
  const yardstick = summary(list)
  const secretariat: Actor = { id: userId, role: 'secretariat', countries: [], organisation: null }
  const toggled = await db
    .selectFrom('items')
    .select(['ref', 'published'])
    .where('archived', '=', 0)
    .orderBy('ref')
    .executeTakeFirstOrThrow()
  let published = Number(toggled.published) === 1
  const writes: number[] = []
  const write = async () => {
    published = !published
    const t0 = performance.now()
    await setPublished(db, secretariat, [toggled.ref], published)
    writes.push(performance.now() - t0)
  }

  const rows: string[] = []
  const coldP95s: number[] = []
  for (const view of VIEWS) {
    const actor: Actor = {
      id: userId,
      role: view.role,
      countries: view.role === 'working_group' ? ['KAZ'] : [],
      organisation: view.role === 'partner' ? 'ADB' : null,
    }
    const query = queryOf(view.params)
    const once = () => getDashboard(db, actor, query)
    let matches = 0
    for (let k = 0; k < 3; k++) matches = (await once()).overview.total.items
    const warm: number[] = []
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now()
      await once()
      warm.push(performance.now() - t0)
    }
    const cold: number[] = []
    for (let k = 0; k < runs; k++) {
      await write()
      const t0 = performance.now()
      await once()
      cold.push(performance.now() - t0)
    }
    const w = summary(warm)
    const c = summary(cold)
    coldP95s.push(c.p95)
    rows.push(
      `| ${view.name} | ${tallied(query) ? 'tallies' : setTallied(query) ? 'proposer sets' : 'items, stored'} | ${matches} | ${w.p50.toFixed(1)} | ${w.p95.toFixed(1)} | ${c.p50.toFixed(1)} | ${c.p95.toFixed(1)} | ${(w.p95 / yardstick.p95).toFixed(1)} | ${(c.p95 / yardstick.p95).toFixed(1)} |`,
    )
  }
  const w = summary(writes)
  console.log(
    `\nDashboard loader (getDashboard: figures, charts, my work), ${items} items, ${runs} runs after 3 warm-up (ms). ` +
      `Warm: read again; cold: the first read after an item write. Ratios: p95 / the JSON list page's p95 ` +
      `(listItems, page 1, this run: p50 ${yardstick.p50.toFixed(1)}, p95 ${yardstick.p95.toFixed(1)} ms). Target: p95 at most 100 ms.`,
  )
  console.log(
    '| view | figures from | matches | warm p50 | warm p95 | cold p50 | cold p95 | warm p95 / list | cold p95 / list |',
  )
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const row of rows) console.log(row)
  console.log(
    `Item write keeping the summary rows (one item's publication, setPublished): p50 ${w.p50.toFixed(1)}, p95 ${w.p95.toFixed(1)} ms over ${writes.length} writes.`,
  )
  // A search view's first read after an edit of one of its own items (its cost, through the item
  // form's writer): the publication toggle above changes nothing a search view adds up, this does
  // (decision 0053: the stored rows are brought up to date by what the write logged).
  const searched = queryOf('q=corridor')
  const viewer: Actor = { id: userId, role: 'viewer', countries: [], organisation: null }
  const edited = await db
    .selectFrom('items')
    .select('ref')
    .where('archived', '=', 0)
    .where('search_text', 'like', '%corridor%')
    .orderBy('ref')
    .executeTakeFirstOrThrow()
  const edits: number[] = []
  const afterEdit: number[] = []
  for (let k = 0; k < runs; k++) {
    const item = (await getItemByRef(db, edited.ref))!
    // a cost above what is secured (the form refuses less), alternating so each edit changes it
    const cost = (item.secured_usd_m ?? 0) + (k % 2 ? 10.123 : 20.456)
    const input = ItemForm.parse({ ...formValuesOf(item), cost_usd_m: cost.toFixed(3) })
    const t0 = performance.now()
    const saved = await updateItem(db, secretariat, item.ref, input, JSON.stringify(baselineOf(item)))
    edits.push(performance.now() - t0)
    if (saved.kind !== 'saved') throw new Error(`bench edit of ${item.ref}: ${saved.kind}`)
    const t1 = performance.now()
    await getDashboard(db, viewer, searched)
    afterEdit.push(performance.now() - t1)
  }
  const e = summary(edits)
  const a = summary(afterEdit)
  console.log(
    `Search "corridor", the first read after an edit of one of its items (updateItem, its cost; ${edited.ref}): p50 ${a.p50.toFixed(1)}, p95 ${a.p95.toFixed(1)} ms (${(a.p95 / yardstick.p95).toFixed(1)} x the list page); the edit p50 ${e.p50.toFixed(1)}, p95 ${e.p95.toFixed(1)} ms.`,
  )
  const worst = Math.max(...coldP95s, a.p95)
  console.log(
    `Slowest cold p95: ${worst.toFixed(1)} ms, ${(worst / yardstick.p95).toFixed(1)} x the list page (target: at most 100 ms).`,
  )
}
