import { describe, expect, it } from 'vitest'
import { insertUser, toCsv } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { getHistory } from '../history/history.server'
import type { Actor } from '../permissions/permissions'
import { getItemByRef } from '../portfolio/items.server'
import { importCsv } from './import.server'
import { commitUpload, previewUpload, saveUpload } from './uploads.server'

// An import that changes statuses (issue 11): the preview lists each change as a move the workflow
// allows or not; disallowed moves are refused unless the secretariat ticks "apply status changes
// as recorded by the secretariat", and then each is marked so in the item's history.

const row = (ref: string, status: string, over: Record<string, string> = {}) => ({
  ref,
  strategy: 'CITA 2030',
  title_en: `Item ${ref}`,
  proposers: 'KAZ',
  status,
  ...over,
})

const STORED = [
  row('S-01', 'proposed'),
  row('S-02', 'proposed'),
  row('S-03', 'under_review'),
  row('S-04', 'proposed'),
]
// S-01 submitted (allowed), S-02 jumps to completed (no such move), S-03 endorsed (the committee's
// decision, not an import's), S-04 unchanged
const CHANGED = [
  row('S-01', 'under_review'),
  row('S-02', 'completed'),
  row('S-03', 'endorsed'),
  row('S-04', 'proposed'),
]

describe('status changes by import', () => {
  const t = useTestDb()

  async function uploaded(secretariat: Actor) {
    const stored = await importCsv(t.db, toCsv(STORED), null)
    if (!stored.ok) throw new Error('seed refused')
    const saved = await saveUpload(t.db, secretariat, 'plan.csv', new Uint8Array(Buffer.from(toCsv(CHANGED))))
    if (!saved.ok) throw new Error('upload refused')
    const preview = await previewUpload(t.db, secretariat, saved.id)
    if (preview.kind !== 'ready') throw new Error(`preview: ${preview.kind}`)
    return { id: saved.id, preview }
  }
  const statuses = async () =>
    Promise.all(['S-01', 'S-02', 'S-03', 'S-04'].map(async (ref) => (await getItemByRef(t.db, ref))!.status))

  it('the preview lists each status change as allowed by the workflow or not', async () => {
    const secretariat = await insertUser(t.db, 'secretariat')
    const { preview } = await uploaded(secretariat)
    const moves = preview.summary.entries.flatMap((e) => (e.statusMove ? [e.statusMove] : []))
    expect(moves.map(({ ref, from, to, allowed, refusal }) => [ref, from, to, allowed, refusal])).toEqual([
      ['S-01', 'proposed', 'under_review', true, null],
      ['S-02', 'proposed', 'completed', false, 'not_allowed_from_state'],
      ['S-03', 'under_review', 'endorsed', false, 'forbidden'],
    ])
    expect(preview.summary.disallowedMoves.map((m) => m.ref)).toEqual(['S-02', 'S-03'])
  })

  it('refuses the whole import while disallowed moves are not ticked as recorded: nothing is written', async () => {
    const secretariat = await insertUser(t.db, 'secretariat')
    const { id, preview } = await uploaded(secretariat)
    const outcome = await commitUpload(t.db, secretariat, id, preview.digest)
    expect(outcome).toMatchObject({ kind: 'status_refused' })
    expect(outcome.kind === 'status_refused' && outcome.moves.map((m) => m.ref)).toEqual(['S-02', 'S-03'])
    expect(await statuses()).toEqual(['proposed', 'proposed', 'under_review', 'proposed'])
    // the upload is still there to confirm, ticked this time
    expect((await previewUpload(t.db, secretariat, id)).kind).toBe('ready')
  })

  it('ticked, applies every change and marks the disallowed ones as recorded by the secretariat', async () => {
    const secretariat = await insertUser(t.db, 'secretariat')
    const { id, preview } = await uploaded(secretariat)
    expect(await commitUpload(t.db, secretariat, id, preview.digest, true)).toMatchObject({ kind: 'done' })
    expect(await statuses()).toEqual(['under_review', 'completed', 'endorsed', 'proposed'])
    const latest = async (ref: string) => (await getHistory(t.db, ref))![0]!
    expect((await latest('S-01')).details).not.toHaveProperty('status_as_recorded')
    expect(await latest('S-02')).toMatchObject({ kind: 'imported', details: { status_as_recorded: true } })
    expect(await latest('S-03')).toMatchObject({ kind: 'imported', details: { status_as_recorded: true } })
  })

  it('a file whose status changes are all allowed imports without the tick', async () => {
    const secretariat = await insertUser(t.db, 'secretariat')
    await importCsv(t.db, toCsv(STORED), null)
    const saved = await saveUpload(
      t.db,
      secretariat,
      'plan.csv',
      new Uint8Array(Buffer.from(toCsv([row('S-01', 'under_review'), row('S-03', 'proposed')]))),
    )
    if (!saved.ok) throw new Error('upload refused')
    const preview = await previewUpload(t.db, secretariat, saved.id)
    if (preview.kind !== 'ready') throw new Error(preview.kind)
    expect(preview.summary.disallowedMoves).toEqual([])
    expect(await commitUpload(t.db, secretariat, saved.id, preview.digest)).toMatchObject({ kind: 'done' })
    expect((await getItemByRef(t.db, 'S-03'))!.status).toBe('proposed')
  })
})
