import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeEach, describe, expect, it } from 'vitest'
import { insertUser } from '../../tests/setup/fixtures'
import { useTestDb } from '../../tests/setup/test-db'
import { saveFlag, withdrawFlag } from '../cofinancing/cofinancing.server'
import { FlagForm } from '../cofinancing/schema'
import { addComment, deleteComment, editComment } from '../comments/comments.server'
import { commitUpload } from '../importer/uploads.server'
import {
  addByRefs,
  addFromView,
  carryDeferred,
  moveAgendaItem,
  openMeeting,
  recordDecision,
  removeAgendaItem,
  updateMeeting,
  createMeeting,
} from '../meetings/meetings.server'
import { amendDecision, correctMeetingDetails, deleteDraftMeeting } from '../meetings/corrections.server'
import { loadMeetingRows, newMeeting } from '../meetings/test-fixtures'
import { followItem } from '../notifications/follows.server'
import { createItem, getItemByRef, setArchived, updateItem } from '../portfolio/items.server'
import { formValuesOf, ItemForm } from '../portfolio/schema'
import { ScoreForm } from '../prioritisation/schema'
import { saveScore, withdrawScore } from '../prioritisation/scores.server'
import { takeSnapshot } from '../snapshots/snapshots.server'
import { transition } from '../workflow/workflow.server'
import type { Actor } from './permissions'

// Below the routes, a refusal is an outcome (docs/decisions/0016-refusal-path.md): every server
// module that writes answers { kind: 'forbidden', action } to someone who may not, throws
// nothing (no HTTP response, no error class) and writes nothing. The routes turn it into a 403.

const MEETING = {
  title: 'RTG 2026',
  body: 'regional_trade_group' as const,
  meeting_date: '2026-03-10',
  place: 'Tbilisi',
}

describe('server modules refuse with an outcome, never a thrown response', () => {
  const t = useTestDb()
  let secretariat: Actor
  let viewer: Actor
  let wgGeo: Actor
  let wgKaz: Actor
  let meeting: string
  let m01: string
  let comment: string

  /** Everything a refused write could have touched. */
  const written = async () =>
    Promise.all(
      (
        [
          'items',
          'item_events',
          'item_follows',
          'notifications',
          'email_outbox',
          'meetings',
          'meeting_agenda',
          'meeting_decisions',
          'snapshots',
          'comments',
          'cofinancing_flags',
          'item_scores',
        ] as const
      ).map(async (table) =>
        Number(
          (
            await t.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    )

  beforeEach(async () => {
    await loadMeetingRows(t.db) // M-01 proposed by KAZ and UZB, in review
    secretariat = await insertUser(t.db, 'secretariat')
    viewer = await insertUser(t.db, 'viewer')
    wgGeo = await insertUser(t.db, 'working_group', ['GEO'])
    wgKaz = await insertUser(t.db, 'working_group', ['KAZ'])
    meeting = await newMeeting(t.db, secretariat, MEETING)
    m01 = (await getItemByRef(t.db, 'M-01'))!.id
    const posted = await addComment(t.db, secretariat, 'M-01', 'First')
    if (posted.kind !== 'done') throw new Error(posted.kind)
    comment = posted.commentId
  })

  const form = async (over: Record<string, unknown> = {}) =>
    ItemForm.parse({ ...formValuesOf((await getItemByRef(t.db, 'M-01'))!), ...over })

  const cases: Array<[string, () => Promise<unknown>, string]> = [
    ['createMeeting', () => createMeeting(t.db, viewer, MEETING), 'meeting:manage'],
    ['updateMeeting', () => updateMeeting(t.db, viewer, meeting, MEETING), 'meeting:manage'],
    ['addFromView', () => addFromView(t.db, viewer, meeting, '?status=proposed'), 'meeting:manage'],
    ['addByRefs', () => addByRefs(t.db, viewer, meeting, ['M-01']), 'meeting:manage'],
    ['moveAgendaItem', () => moveAgendaItem(t.db, viewer, meeting, m01, 'up'), 'meeting:manage'],
    ['removeAgendaItem', () => removeAgendaItem(t.db, viewer, meeting, m01), 'meeting:manage'],
    ['openMeeting', () => openMeeting(t.db, viewer, meeting), 'meeting:manage'],
    ['recordDecision', () => recordDecision(t.db, viewer, meeting, m01, 'endorse', 'Yes'), 'meeting:manage'],
    ['carryDeferred', () => carryDeferred(t.db, viewer, meeting, meeting), 'meeting:manage'],
    ['amendDecision', () => amendDecision(t.db, viewer, meeting, m01, 'note', 'N', 'R'), 'meeting:amend'],
    [
      'correctMeetingDetails',
      () => correctMeetingDetails(t.db, viewer, meeting, { title: 'T', place: 'P' }),
      'meeting:manage',
    ],
    ['deleteDraftMeeting', () => deleteDraftMeeting(t.db, viewer, meeting), 'meeting:manage'],
    ['takeSnapshot by hand', () => takeSnapshot(t.db, wgKaz, 'Mine'), 'snapshot:take'],
    [
      'takeSnapshot for a meeting',
      () => takeSnapshot(t.db, viewer, 'Mine', { meetingId: meeting }),
      'meeting:manage',
    ],
    ['createItem', async () => createItem(t.db, viewer, await form({ ref: 'M-99' })), 'item:create'],
    [
      'updateItem (not their country)',
      async () => updateItem(t.db, wgGeo, 'M-01', await form(), null),
      'item:edit',
    ],
    ['setArchived', () => setArchived(t.db, wgKaz, 'M-01', true), 'item:archive'],
    ['setArchived (restore)', () => setArchived(t.db, viewer, 'M-01', false), 'item:restore'],
    [
      'saveFlag',
      () => saveFlag(t.db, viewer, 'M-01', FlagForm.parse({ instrument: 'grant', stage: 'interest' })),
      'flag:write',
    ],
    ['withdrawFlag', () => withdrawFlag(t.db, secretariat, 'M-01'), 'flag:write'],
    [
      'saveScore',
      () =>
        saveScore(
          t.db,
          secretariat,
          'M-01',
          ScoreForm.parse({ strategic_importance: '4', ease_of_implementation: '4' }),
        ),
      'score:write',
    ],
    ['withdrawScore', () => withdrawScore(t.db, viewer, 'M-01'), 'score:write'],
    [
      'editComment (not theirs)',
      () => editComment(t.db, viewer, 'M-01', comment, 'Mine now'),
      'comment:edit',
    ],
    ['deleteComment (not theirs)', () => deleteComment(t.db, wgKaz, 'M-01', comment), 'comment:delete'],
    // every role may follow items: only a person whose role the app does not know may not
    [
      'followItem',
      () => followItem(t.db, { ...viewer, role: 'nobody' as never }, 'M-01', true),
      'item:follow',
    ],
    ['commitUpload', () => commitUpload(t.db, viewer, 'no-such-upload', '0'.repeat(64)), 'item:import'],
  ]

  for (const [name, call, action] of cases)
    it(`${name} answers forbidden (${action}) and writes nothing`, async () => {
      const before = await written()
      const outcome = await call() // a thrown Response or error would fail here
      expect(outcome).not.toBeInstanceOf(Response)
      expect(outcome).toMatchObject({ kind: 'forbidden', action })
      expect(await written()).toEqual(before)
    })

  it("a workflow move someone may not make is the workflow's refusal, with nothing written", async () => {
    const before = await written()
    expect(await transition(t.db, viewer, 'M-01', 'endorsed', null)).toMatchObject({
      kind: 'refused',
      refusal: { outcome: 'forbidden', httpStatus: 403 },
    })
    expect(await transition(t.db, wgGeo, 'M-01', 'proposed', 'No')).toMatchObject({
      kind: 'refused',
      refusal: { outcome: 'forbidden' },
    })
    expect(await written()).toEqual(before)
  })

  it("a working group member's edit that leaves their countries is refused at the proposers", async () => {
    expect(await updateItem(t.db, wgKaz, 'M-01', await form({ proposers: ['GEO'] }), null)).toEqual({
      kind: 'forbidden',
      action: 'item:edit',
      field: 'proposers',
    })
    expect(await updateItem(t.db, wgGeo, 'M-01', await form({ proposers: ['GEO'] }), null)).toEqual({
      kind: 'forbidden',
      action: 'item:edit',
      field: null,
    })
  })

  it('a working group takes only its own country off a joint item: UZB stays unless UZB or the secretariat removes it', async () => {
    const wgUzb = await insertUser(t.db, 'working_group', ['UZB'])
    // KAZ takes UZB off the joint KAZ-UZB item M-01: refused beside the proposers, nothing written
    expect(await updateItem(t.db, wgKaz, 'M-01', await form({ proposers: ['KAZ'] }), null)).toEqual({
      kind: 'forbidden',
      action: 'item:edit',
      field: 'proposers_removed',
    })
    expect((await getItemByRef(t.db, 'M-01'))!.proposers).toEqual(['KAZ', 'UZB'])
    // UZB's own group may leave the item to KAZ
    expect(await updateItem(t.db, wgUzb, 'M-01', await form({ proposers: ['KAZ'] }), null)).toMatchObject({
      kind: 'saved',
    })
    expect((await getItemByRef(t.db, 'M-01'))!.proposers).toEqual(['KAZ'])
  })

  it("a working group does not set the item's direct scores; the secretariat does", async () => {
    const scored = { strategic_importance: '5', ease_of_implementation: '5' }
    expect(await updateItem(t.db, wgKaz, 'M-01', await form(scored), null)).toEqual({
      kind: 'forbidden',
      action: 'score:set-direct',
      field: 'scores',
    })
    expect(await createItem(t.db, wgKaz, await form({ ...scored, ref: 'M-99' }))).toEqual({
      kind: 'forbidden',
      action: 'score:set-direct',
      field: 'scores',
    })
    expect(
      await updateItem(t.db, secretariat, 'M-01', await form({ strategic_importance: '2' }), null),
    ).toMatchObject({
      kind: 'saved',
    })
    // the working group's form has no score fields: its edit keeps the secretariat's score
    expect(
      await updateItem(
        t.db,
        wgKaz,
        'M-01',
        await form({ title_en: 'Renamed', strategic_importance: '' }),
        null,
      ),
    ).toMatchObject({ kind: 'saved' })
    expect(await getItemByRef(t.db, 'M-01')).toMatchObject({ title_en: 'Renamed', strategic_importance: 2 })
  })
})

describe('no server module throws an HTTP response', () => {
  // The edge is allowed to: the route guards, the API's response helpers, and the document stream
  // entry.server.tsx sends (it adapts React's stream to Remix's, and refuses nothing).
  const EDGE = new Set([
    'auth/session.server.ts',
    'permissions/guard.server.ts',
    'api/responses.server.ts',
    'html-stream.server.ts',
  ])
  const app = path.resolve(fileURLToPath(new URL('..', import.meta.url)))

  function serverModules(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) return entry.name === 'routes' ? [] : serverModules(full)
      return entry.name.endsWith('.server.ts') ? [full] : []
    })
  }

  it('finds the server modules', () => {
    expect(serverModules(app).length).toBeGreaterThan(20)
  })

  for (const file of serverModules(app).map((f) => path.relative(app, f).split(path.sep).join('/')))
    if (!EDGE.has(file))
      it(`${file} throws no response, redirect or error class for a refusal`, () => {
        const source = fs.readFileSync(path.join(app, file), 'utf8')
        expect(source).not.toMatch(
          /throw new Response|throw Response\.|throw redirect\(|throw data\(|requirePermission\(|@remix-run\/node/,
        )
        expect(source).not.toMatch(/class \w*(Forbidden|NotFound|Denied)\w* extends Error/)
      })
})
