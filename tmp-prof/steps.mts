import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import { connect, migrateToLatest } from '/work/wt-import/db/connect'
import { readInterchangeCsv } from '/work/wt-import/app/importer/interchange'
import { checkedRows } from '/work/wt-import/app/importer/import.server'
import { planImport, planHolds, writePlan } from '/work/wt-import/app/importer/plan.server'
import { refreshStatistics } from '/work/wt-import/db/statistics'
const n = Number(process.argv[2] ?? 10000)
const file = `/tmp/imp/steps-${process.pid}.db`
const db0 = connect(file)
await migrateToLatest(db0)
await db0.destroy()
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
const sqlite = new SQLite(file)
for (const p of ['journal_mode = WAL','busy_timeout = 5000','foreign_keys = ON','synchronous = NORMAL','mmap_size = 268435456','cache_size = -65536']) sqlite.pragma(p)
const stats = new Map<string, [number, number]>()
const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }), log(e) { const k = e.query.sql.replace(/\(\?(, \?)*\)(, \(\?(, \?)*\))*/g, '(...)').slice(0, 90); const s = stats.get(k) ?? [0, 0]; s[0]++; s[1] += e.queryDurationMillis; stats.set(k, s) } })
const dump = () => { for (const [k, [c, ms]] of [...stats].sort((a, b) => b[1][1] - a[1][1]).slice(0, 12)) console.log('   ', String(c).padStart(6), ms.toFixed(0).padStart(6), 'ms', k); stats.clear() }
const step = async <T>(name: string, f: () => Promise<T> | T): Promise<T> => {
  const t0 = performance.now(); const c0 = process.cpuUsage(); const v = await f(); const c = process.cpuUsage(c0); console.log(name.padEnd(22), (performance.now() - t0).toFixed(0).padStart(6), 'ms  cpu', ((c.user + c.system) / 1000).toFixed(0).padStart(6), 'ms  rss', (process.memoryUsage().rss/1e6).toFixed(0)); return v
}
for (const round of [1, 2]) {
  const csv = round === 1 ? `/tmp/imp/gen-${n}.csv` : `/tmp/imp/gen2-${n}.csv`
  if (round === 2) fs.writeFileSync(csv, fs.readFileSync(`/tmp/imp/gen-${n}.csv`, 'utf8').replace(/Regional corridor/g, 'Regional corridor (revised)'))
  console.log(round === 1 ? '-- creates' : '-- updates (every title changed)')
  const read = await step('parse+cells', () => readInterchangeCsv(fs.readFileSync(csv)))
  const checked = await step('checkedRows', () => checkedRows(db, read))
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors.slice(0,3)))
  const plan = await step('plan', () => planImport(db, checked.rows, 'as_recorded'))
  await step('write transaction', () => db.transaction().execute(async (trx) => { if (!(await planHolds(trx, plan))) throw new Error('moved'); if (!(await writePlan(trx, plan, null, new Date().toISOString()))) throw new Error('x') }))
  dump()
  await step('statistics', () => refreshStatistics(db))
  console.log(await db.selectFrom('sqlite_stat1' as any).select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst().catch(() => 'no stat1'))
}
console.log('peak rss', (process.resourceUsage().maxRSS/1e3).toFixed(0), 'MB')
await db.destroy(); for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
