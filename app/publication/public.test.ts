import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { fillItems } from '../../scripts/bench-data'
import { insertUser } from '../../tests/setup/fixtures'
import { databaseTargets } from '../../tests/setup/db-targets'
import type { Actor } from '../permissions/permissions'
import { ListQuery } from '../portfolio/list-query'
import { listItems } from '../portfolio/list.server'
import { getHistory } from '../history/history.server'
import { setItemPublished, setPublished } from './publication.server'
import {
  INTERNAL_PARAMETERS,
  PUBLIC_FIELDS,
  getPublicItem,
  getPublicOverview,
  listPublicItems,
  parsePublicQuery,
  publicJson,
} from './public.server'

// The public portfolio shows published, live items and only their public fields, whatever the
// parameters; publishing is the secretariat's and leaves a history event. On a generated
// portfolio with a quarter published (some of those archived); on PostgreSQL too when
// TEST_DATABASE_URL_PG is set.

const PARAMETERS = [
  '',
  'status=proposed,endorsed',
  'proposers=KAZ&sort=-cost_usd_m',
  'modalities=policy_dialogue,investment_project&sort=proposers',
  'q=corridor',
  'q=-0001',
  'strategy=CITA%202030&quadrant=quick_win,unscored&sort=-gap_usd_m',
  'start_year=2020,2024&sort=start_year',
  'pageSize=7&page=3&sort=title_en',
  'sort=-updated_at&pageSize=200',
  'cols=ref,title&sort=area',
]

for (const target of databaseTargets()) {
  describe(`the public portfolio on ${target.name}`, () => {
    let handle: { db: Kysely<Database>; close(): Promise<void> }
    const db = () => handle.db
    let secretariat: Actor
    let published: Set<string>

    beforeAll(async () => {
      handle = await target.open()
      secretariat = await insertUser(db(), 'secretariat')
      await fillItems(db(), 400, null)
      const items = await db().selectFrom('items').select(['ref', 'archived']).orderBy('ref').execute()
      const chosen = items.filter((_, k) => k % 4 === 0).map((i) => i.ref)
      expect(await setPublished(db(), secretariat, chosen, true)).toEqual({ kind: 'done', changed: chosen })
      published = new Set(
        items.filter((i) => chosen.includes(i.ref) && Number(i.archived) === 0).map((i) => i.ref),
      )
      expect(published.size).toBeGreaterThan(50)
      expect(chosen.length).toBeGreaterThan(published.size) // some published items are archived
    }, 60_000)
    afterAll(async () => handle?.close())

    for (const parameters of PARAMETERS) {
      it(`lists only published, live items and only public fields for "${parameters}"`, async () => {
        const parsed = parsePublicQuery(new URLSearchParams(parameters), ['cols'])
        if (!parsed.ok) throw new Error(parsed.problem.key)
        const page = await listPublicItems(db(), parsed.query)
        for (const item of page.items) {
          expect(Object.keys(item).sort()).toEqual([...PUBLIC_FIELDS].sort())
          expect(published.has(item.ref), item.ref).toBe(true)
        }
        // The same view on the internal side, narrowed to published items by hand, has the same total.
        const internal = ListQuery.parse({ ...parsed.query, published: undefined, pageSize: 200, page: 1 })
        const all = []
        for (let p = 1; ; p++) {
          const rows = await listItems(db(), { ...internal, page: p })
          all.push(...rows.items)
          if (rows.items.length < 200) break
        }
        expect(page.total).toBe(all.filter((item) => published.has(item.ref)).length)
      })
    }

    it('refuses the internal parameters as unknown', () => {
      for (const parameter of INTERNAL_PARAMETERS) {
        const parsed = parsePublicQuery(new URLSearchParams(`${parameter}=any`))
        expect(parsed).toEqual({
          ok: false,
          problem: { param: parameter, key: 'params.unknown', values: { param: parameter } },
        })
      }
    })

    it('answers an internal, archived or unknown ref as nothing, a published one with its public fields', async () => {
      const rows = await db().selectFrom('items').select(['ref', 'published', 'archived']).execute()
      const internal = rows.find((r) => r.published === 0 && r.archived === 0)!
      const archived = rows.find((r) => r.published === 1 && r.archived === 1)!
      expect(await getPublicItem(db(), internal.ref)).toBeNull()
      expect(await getPublicItem(db(), archived.ref)).toBeNull()
      expect(await getPublicItem(db(), 'NO-SUCH-REF')).toBeNull()
      const shown = await getPublicItem(db(), [...published][0]!)
      expect(Object.keys(shown!).sort()).toEqual([...PUBLIC_FIELDS].sort())
    })

    it('counts only published items in the public figures, with no partner interest', async () => {
      const overview = await getPublicOverview(db(), ListQuery.parse({}))
      expect(overview.total.items).toBe(published.size)
      expect(overview.interest).toEqual([])
    })

    it('lets only the secretariat publish, records each change, and changes nothing for an unknown ref', async () => {
      const ref = [...published][1]!
      for (const role of ['working_group', 'steering_committee', 'partner', 'viewer'] as const) {
        const actor = await insertUser(
          db(),
          role,
          role === 'working_group' ? ['KAZ'] : [],
          role === 'partner' ? 'ADB' : null,
        )
        expect(await setItemPublished(db(), actor, ref, false)).toEqual({ kind: 'forbidden' })
      }
      expect(await setPublished(db(), secretariat, [ref, 'NO-SUCH-REF'], false)).toEqual({
        kind: 'not_found',
        refs: ['NO-SUCH-REF'],
      })
      expect(await getPublicItem(db(), ref)).not.toBeNull()

      const outcome = await setItemPublished(db(), secretariat, ref, false)
      expect(outcome.kind === 'done' && outcome.item.published).toBe(false)
      expect(await getPublicItem(db(), ref)).toBeNull()
      // Unpublishing again changes nothing and records nothing.
      expect(await setPublished(db(), secretariat, [ref], false)).toEqual({ kind: 'done', changed: [] })
      const history = (await getHistory(db(), ref))!.filter((e) => e.kind === 'publication')
      expect(history.map((e) => e.kind === 'publication' && e.details.published)).toEqual([false, true])
      await setItemPublished(db(), secretariat, ref, true)
    })
  })
}

describe('public JSON answers', () => {
  it('carry Cache-Control and an ETag, and answer 304 to a matching If-None-Match', async () => {
    const first = publicJson(new Request('http://x/api/public/v1/items'), { items: [1] })
    expect(first.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+/)
    const etag = first.headers.get('ETag')!
    expect(etag).toMatch(/^".+"$/)
    const again = publicJson(new Request('http://x/', { headers: { 'If-None-Match': etag } }), { items: [1] })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const changed = publicJson(new Request('http://x/', { headers: { 'If-None-Match': etag } }), {
      items: [2],
    })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('ETag')).not.toBe(etag)
  })
})
