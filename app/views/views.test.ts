import { describe, expect, it } from 'vitest'
import { usePortfolio } from '../../tests/setup/portfolio'
import { deleteView, listViews, normaliseViewQuery, renameView, saveView, viewParamsOf } from './views.server'

describe('saved views', () => {
  const t = usePortfolio({
    people: {
      secretariat: { role: 'secretariat' },
      committee: { role: 'steering_committee' },
      other: { role: 'steering_committee' },
    },
  })
  const { secretariat, committee, other } = t.people

  it('keeps a view for its owner, or for everyone when shared by someone who may share', async () => {
    const own = await saveView(t.db, committee, {
      name: 'My KAZ',
      query: '/items?proposers=KAZ&page=3',
      shared: false,
    })
    expect(own).toMatchObject({ kind: 'saved' })
    expect(
      await saveView(t.db, committee, { name: 'Shared', query: '?status=proposed', shared: true }),
    ).toEqual({
      kind: 'forbidden',
      action: 'view:share',
    })
    await saveView(t.db, secretariat, {
      name: 'For the committee',
      query: '?status=under_review',
      shared: true,
    })
    expect((await listViews(t.db, committee)).map((v) => [v.name, v.query, v.shared, v.mine])).toEqual([
      ['For the committee', 'status=under_review', true, false],
      ['My KAZ', 'proposers=KAZ', false, true],
    ])
    expect((await listViews(t.db, other)).map((v) => v.name)).toEqual(['For the committee'])
  })

  it('refuses a view the table cannot read and a name the owner already uses', async () => {
    expect(
      await saveView(t.db, committee, { name: 'Bad', query: '?status=bogus', shared: false }),
    ).toMatchObject({
      kind: 'bad_view',
      problem: { param: 'status' },
    })
    await saveView(t.db, committee, { name: 'Mine', query: '', shared: false })
    expect(await saveView(t.db, committee, { name: 'MINE', query: '', shared: false })).toEqual({
      kind: 'duplicate',
      name: 'MINE',
    })
  })

  it('lets the owner rename and delete; others only the shared ones, and only if they may share', async () => {
    const saved = await saveView(t.db, committee, { name: 'Mine', query: '', shared: false })
    const id = saved.kind === 'saved' ? saved.view.id : ''
    expect(await renameView(t.db, other, id, 'Theirs')).toEqual({ kind: 'not_found' })
    expect(await renameView(t.db, committee, id, 'Renamed')).toMatchObject({ kind: 'saved' })
    const shared = await saveView(t.db, secretariat, { name: 'Shared', query: '', shared: true })
    const sharedId = shared.kind === 'saved' ? shared.view.id : ''
    expect(await deleteView(t.db, committee, sharedId)).toEqual({ kind: 'forbidden', action: 'view:share' })
    expect(await deleteView(t.db, committee, id)).toEqual({ kind: 'deleted', name: 'Renamed' })
    expect((await listViews(t.db, committee)).map((v) => v.name)).toEqual(['Shared'])
  })

  it('saves the short form of the address, without the page or a selection', () => {
    expect(
      normaliseViewQuery('http://x/items?status=proposed&status=endorsed&page=2&ref=A-1&sort=ref'),
    ).toEqual({
      ok: true,
      query: 'status=proposed%2Cendorsed',
    })
  })

  it('stands for its parameters where a page takes a saved view (?view=), for those who may see it', async () => {
    const saved = await saveView(t.db, committee, { name: 'Mine', query: '?status=proposed', shared: false })
    const id = saved.kind === 'saved' ? saved.view.id : ''
    const found = await viewParamsOf(t.db, committee, new URLSearchParams({ view: id }))
    expect(found.kind === 'ok' && [found.params.toString(), found.view?.name]).toEqual([
      'status=proposed',
      'Mine',
    ])
    expect(await viewParamsOf(t.db, other, new URLSearchParams({ view: id }))).toEqual({ kind: 'not_found' })
    const plain = await viewParamsOf(t.db, other, new URLSearchParams('q=rail'))
    expect(plain.kind === 'ok' && [plain.params.toString(), plain.view]).toEqual(['q=rail', null])
  })
})
