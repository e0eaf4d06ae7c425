// npx tsx scripts/bench-search.ts --file /tmp/x.db | --database postgres://.../name [--items N] [--runs N]
//
// Where a text search's time goes (issue 13, decision 0045), on a database kept between runs: the
// SQLite file or PostgreSQL database named is filled with --items generated items the first time
// (scripts/bench-data.ts, seeded as `npm run bench`) and reused after, so each change can be
// measured in a minute. Prints, per search, listItems whole and each part on its own: finding the
// matches (the index alone), counting the listed ones, the page's refs, reading the page's rows.

import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import pg from 'pg'
import { connect, databaseKind, migrateToLatest } from '../db/connect'
import { fillItems } from './bench-data'
import { timeSamples } from './bench-timing'
import { countSearch, countSearchNow, listItems } from '../app/portfolio/list.server'
import { parseListQuery } from '../app/portfolio/list-query'
import { foldForSearch } from '../app/portfolio/search-text'
import { escapeLike } from '../app/portfolio/search-match.server'

const args = process.argv.slice(2)
const option = (name: string) => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const url = option('--database') ?? option('--file')
if (!url) throw new Error('--file PATH or --database postgres://... needed')
const items = Number(option('--items') ?? 100_000)
const runs = Number(option('--runs') ?? 20)
const only = option('--only')

const WORDS = ['corridor', '铁路', '铁路走', 'коридор', '-012345']

async function ensureDatabase() {
  if (databaseKind(url!) === 'postgres') {
    const target = new URL(url!)
    const server = Object.assign(new URL(url!), { pathname: '/postgres' }).toString()
    const client = new pg.Client({ connectionString: server })
    await client.connect()
    const exists = await client.query('select 1 from pg_database where datname = $1', [
      target.pathname.slice(1),
    ])
    if (exists.rowCount === 0) await client.query(`create database ${target.pathname.slice(1)}`)
    await client.end()
  }
  const db = connect(url!)
  if (!args.includes('--no-migrate')) await migrateToLatest(db)
  const n = Number(
    (
      await db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  if (n === 0) {
    const t0 = performance.now()
    await fillItems(db, items, null)
    if (databaseKind(url!) === 'postgres') await sql`analyze`.execute(db)
    else await sql`pragma wal_checkpoint(truncate)`.execute(db)
    console.log(`filled ${items} items in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  } else console.log(`${n} items already there`)
  return db
}

async function timeIt(once: () => Promise<unknown>, prepare?: () => Promise<void>) {
  const { p50, p95 } = await timeSamples(runs, async () => void (await once()), 2, prepare)
  return `${p50.toFixed(1).padStart(6)} ${p95.toFixed(1).padStart(6)}`
}

/**
 * An edit of one item's search text by plain SQL (a character added, then taken away again), as
 * any writer's: the triggers log it and move the search version, so the next count is brought up
 * to date (decision 0050).
 */
const EDIT_ONE_TEXT = sql`update items set search_text = case when search_text like ${'%~'}
  then substr(search_text, 1, length(search_text) - 1) else search_text || ${'~'} end
  where ref = (select min(ref) from items)`

async function main() {
  const db = await ensureDatabase()
  const pgKind = databaseKind(url!) === 'postgres'
  const query = (params: string) => {
    const parsed = parseListQuery(new URLSearchParams(params))
    if (!parsed.ok) throw new Error(params)
    return parsed.query
  }
  console.log('part                                   p50    p95 (ms)')
  console.log(`default first page                  ${await timeIt(() => listItems(db, query('')))}`)
  for (const words of WORDS) {
    if (only && words !== only) continue
    const folded = foldForSearch(words)
    const like = `%${escapeLike(folded)}%`
    const q = query(`q=${encodeURIComponent(words)}`)
    const page = await listItems(db, q)
    console.log(`\n"${words}": ${page.total} listed`)
    console.log(`  listItems (count stored)          ${await timeIt(() => listItems(db, q))}`)
    console.log(
      `  listItems, after a text edit      ${await timeIt(
        () => listItems(db, q),
        async () => void (await EDIT_ONE_TEXT.execute(db)),
      )}`,
    )
    console.log(`  the count alone, counted now      ${await timeIt(() => countSearchNow(db, q))}`)
    console.log(`  the stored count, brought up to date ${await timeIt(() => countSearch(db, q))}`)
    if (!pgKind && [...folded].length >= 3) {
      const phrase = `"${folded.replace(/"/g, '""')}"`
      console.log(
        `  index only: count(*) of matches    ${await timeIt(() => sql`select count(*) from item_search where item_search match ${phrase}`.execute(db))}`,
      )
      console.log(
        `  index only: count not archived    ${await timeIt(() => sql`select count(*) from item_search where item_search match ${phrase} and rowid not in (select rowid from items where archived = 1)`.execute(db))}`,
      )
      console.log(
        `  + items row: count not archived   ${await timeIt(() => sql`select count(*) from items i where +i.archived = 0 and i.rowid in (select rowid from item_search where item_search match ${phrase})`.execute(db))}`,
      )
      console.log(
        `  + sort: first 50 refs by ref      ${await timeIt(() => sql`select i.ref from items i where +i.archived = 0 and i.rowid in (select rowid from item_search where item_search match ${phrase}) order by i.ref || '' limit 50`.execute(db))}`,
      )
      console.log(
        `  index order walk: first 50        ${await timeIt(() => sql`select i.ref from items i where i.archived = 0 and i.rowid in (select rowid from item_search where item_search match ${phrase}) order by i.ref limit 50`.execute(db))}`,
      )
    } else {
      console.log(
        `  scan: count not archived          ${await timeIt(() => sql`select count(*) from items i where +i.archived = 0 and i.search_text like ${like} escape '\\'`.execute(db))}`,
      )
      console.log(
        `  scan: first 50 by ref (sort)      ${await timeIt(() => sql`select i.ref from items i where +i.archived = 0 and i.search_text like ${like} escape '\\' order by i.ref || '' limit 50`.execute(db))}`,
      )
      console.log(
        `  index order walk: first 50        ${await timeIt(() => sql`select i.ref from items i where i.archived = 0 and i.search_text like ${like} escape '\\' order by i.ref limit 50`.execute(db))}`,
      )
    }
  }
  await db.destroy()
}

void main()
