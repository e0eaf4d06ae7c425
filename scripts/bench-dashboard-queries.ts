// npx tsx scripts/bench-dashboard-queries.ts [--items N] [--runs N]
//
// Where the dashboard's time goes: each part of its loader (figures, my work per role, the filter
// choices) by statements run and time, beside the JSON list's loader on the same database in the
// same run, so the figures can be read as ratios on a shared, loaded machine. Without --items, the
// demo seed (the real 80-item plan); with it, that many generated items (scripts/bench-data).

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Kysely, KyselyPlugin } from 'kysely'
import { connect, migrateToLatest } from '../db/connect'
import type { Database } from '../db/schema'
import { seedDemo, createDemoUsers } from '../db/seed'
import { flagOrganisations } from '../app/cofinancing/cofinancing.server'
import { getMyWork } from '../app/dashboard/my-work.server'
import { getOverview } from '../app/dashboard/overview.server'
import type { Actor } from '../app/permissions/permissions'
import { ListQuery } from '../app/portfolio/list-query'
import { listItems } from '../app/portfolio/list.server'
import { getTaxonomy } from '../app/portfolio/taxonomy.server'
import { fillItems } from './bench-data'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name)
  return at >= 0 ? Number(args[at + 1]) : fallback
}
const items = option('--items', 0)
const runs = option('--runs', 30)

/** Counts the statements Kysely compiles (one per query run). */
let statements = 0
/** With --explain: each statement's time and its first words, to find the slow one. */
const explain = args.includes('--explain')
const started = new Map<unknown, { at: bigint; node: unknown }>()
const counting: KyselyPlugin = {
  transformQuery: (args) => {
    statements++
    if (explain) started.set(args.queryId, { at: process.hrtime.bigint(), node: args.node })
    return args.node
  },
  transformResult: async (args) => {
    const start = started.get(args.queryId)
    if (start) {
      started.delete(args.queryId)
      const ms = Number(process.hrtime.bigint() - start.at) / 1e6
      if (ms > 20) console.log(`  ${ms.toFixed(0)} ms: ${JSON.stringify(start.node).slice(0, 300)}`)
    }
    return args.result
  },
}

const actorOf = (role: Actor['role']): Actor => ({
  id: 'bench-user',
  role,
  countries: role === 'working_group' ? ['KAZ'] : [],
  organisation: role === 'partner' ? 'ADB' : null,
})

async function measure(name: string, work: () => Promise<unknown>) {
  await work()
  await work()
  const before = statements
  await work()
  const perCall = statements - before
  const times: number[] = []
  for (let k = 0; k < runs; k++) {
    const start = process.hrtime.bigint()
    await work()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  return {
    name,
    statements: perCall,
    p50: times[Math.floor(runs / 2)]!,
    p95: times[Math.floor(runs * 0.95)]!,
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-q-'))
  const raw = connect(path.join(dir, 'bench.db'))
  try {
    await migrateToLatest(raw)
    if (items) {
      await createDemoUsers(raw)
      await fillItems(raw, items, null)
    } else await seedDemo(raw)
    const db: Kysely<Database> = raw.withPlugin(counting)
    const all = ListQuery.parse({})
    const filtered = ListQuery.parse({ proposers: ['KAZ', 'UZB'] })
    const now = new Date()
    const rows = [
      await measure('JSON list, page 1 (listItems)', () => listItems(db, all)),
      await measure('figures, whole portfolio (getOverview)', () => getOverview(db, all, now)),
      await measure('figures, proposers=KAZ,UZB', () => getOverview(db, filtered, now)),
    ]
    for (const role of ['secretariat', 'working_group', 'steering_committee', 'partner', 'viewer'] as const)
      rows.push(await measure(`my work, ${role}`, () => getMyWork(db, actorOf(role), now)))
    rows.push(await measure('taxonomy (getTaxonomy)', () => getTaxonomy(db)))
    rows.push(await measure('organisations (flagOrganisations)', () => flagOrganisations(db)))
    const list = rows[0]!.p50
    console.log(`${items || 'seed (80)'} items, ${runs} runs, load ${os.loadavg()[0]!.toFixed(1)}`)
    console.log('| part | statements | p50 ms | p95 ms | p50 / list p50 |')
    console.log('| --- | ---: | ---: | ---: | ---: |')
    for (const r of rows)
      console.log(
        `| ${r.name} | ${r.statements} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${(r.p50 / list).toFixed(1)} |`,
      )
  } finally {
    await raw.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

void main()
