import type { Kysely } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { usePortfolio } from '../../tests/setup/portfolio'
import { toCsv } from '../../tests/setup/fixtures'
import { FlagForm } from '../cofinancing/schema'
import { saveFlag, withdrawFlag } from '../cofinancing/cofinancing.server'
import { addComment, editComment } from '../comments/comments.server'
import { importCsv } from '../importer/import.server'
import { translator } from '../i18n/i18n'
import type { Actor } from '../permissions/permissions'
import { getItemByRef, updateItem } from '../portfolio/items.server'
import { formValuesOf, ItemForm } from '../portfolio/schema'
import { transition } from '../workflow/workflow.server'
import { followItem, followOf, followersOf } from './follows.server'
import { getInbox, markRead, unreadCount } from './inbox.server'
import { notificationText } from './messages'
import type { MailSender, OutgoingMail } from './mail.server'
import { senderFor } from './mail.server'
import { deliverOutbox, MAX_ATTEMPTS } from './outbox.server'

const ROWS: Array<Record<string, string>> = [
  {
    ref: 'N-01',
    strategy: 'CITA 2030',
    title_en: 'Single window',
    proposers: 'KAZ;UZB',
    status: 'proposed',
    cost_usd_m: '20',
  },
  { ref: 'N-02', strategy: 'CITA 2030', title_en: 'Dry port', proposers: 'GEO', status: 'proposed' },
]

const kinds = async (db: Kysely<Database>, user: Actor) =>
  (await getInbox(db, user.id)).entries.map((e) => [e.kind, e.ref])
const names = async (db: Kysely<Database>, ref: string) => {
  const item = await db.selectFrom('items').select('id').where('ref', '=', ref).executeTakeFirstOrThrow()
  return (await followersOf(db, item.id)).map((f) => f.name)
}

describe('notifications', () => {
  const t = usePortfolio({
    items: ROWS,
    people: {
      kaz: { role: 'working_group', countries: ['KAZ'], name: 'Aigerim Kaz' },
      uzb: { role: 'working_group', countries: ['UZB'], name: 'Bekzod Uzb' },
      geo: { role: 'working_group', countries: ['GEO'], name: 'Giorgi Geo' },
      secretariat: { role: 'secretariat', name: 'Sofia Secretariat' },
      committee: { role: 'steering_committee', name: 'Chen Committee' },
      adb: { role: 'partner', organisation: 'ADB', name: 'Ana Partner' },
      viewer: { role: 'viewer', name: 'Victor Viewer' },
    },
  })
  const { kaz, uzb, geo, secretariat, committee, adb, viewer } = t.people

  it("working groups follow their own countries' items; others follow what they comment on, flag or are mentioned on", async () => {
    expect(await names(t.db, 'N-01')).toEqual(['Aigerim Kaz', 'Bekzod Uzb'])
    expect(await names(t.db, 'N-02')).toEqual(['Giorgi Geo'])
    await addComment(t.db, viewer, 'N-01', 'Looks good, @Chen Committee should see this')
    await saveFlag(t.db, adb, 'N-01', FlagForm.parse({ instrument: 'grant', stage: 'interest' }))
    expect(await names(t.db, 'N-01')).toEqual([
      'Aigerim Kaz',
      'Ana Partner',
      'Bekzod Uzb',
      'Chen Committee',
      'Victor Viewer',
    ])
  })

  it('a status change reaches every follower but the one who made it, in the inbox and the outbox', async () => {
    await addComment(t.db, viewer, 'N-01', 'Following this one')
    expect(await transition(t.db, kaz, 'N-01', 'under_review', null)).toMatchObject({ kind: 'done' })
    expect(await kinds(t.db, kaz)).toEqual([])
    expect(await kinds(t.db, uzb)).toEqual([['transition', 'N-01']])
    expect(await kinds(t.db, viewer)).toEqual([['transition', 'N-01']])
    expect(await kinds(t.db, geo)).toEqual([])
    expect(await kinds(t.db, committee)).toEqual([])
    const [entry] = (await getInbox(t.db, uzb.id)).entries
    expect(entry).toMatchObject({
      read: false,
      by: 'Aigerim Kaz',
      title: 'Single window',
      details: { from: 'proposed', to: 'under_review' },
    })
    const mail = await t.db
      .selectFrom('email_outbox')
      .select(['to_address', 'subject', 'body', 'sent_at'])
      .orderBy('to_address')
      .execute()
    expect(mail.map((m) => [m.to_address, m.subject, m.sent_at])).toEqual([
      ['bekzod.uzb@test.carec', 'N-01 is now Under review', null],
      ['victor.viewer@test.carec', 'N-01 is now Under review', null],
    ])
    expect(mail[0]!.body).toContain('Aigerim Kaz moved N-01 "Single window" from Proposed to Under review.')
    expect(mail[0]!.body).toContain('/items/N-01')
  })

  it("writes each mail in its recipient's preferred language, with the item's title in it", async () => {
    await t.db.updateTable('users').set({ language: 'ru' }).where('id', '=', uzb.id).execute()
    await t.db.updateTable('users').set({ language: 'zh' }).where('id', '=', viewer.id).execute()
    await t.db.updateTable('items').set({ title_ru: 'Единое окно' }).where('ref', '=', 'N-01').execute()
    await addComment(t.db, viewer, 'N-01', 'Following this one')
    expect(await transition(t.db, kaz, 'N-01', 'under_review', null)).toMatchObject({ kind: 'done' })
    const mail = await t.db
      .selectFrom('email_outbox')
      .select(['to_address', 'subject', 'body'])
      .orderBy('to_address')
      .execute()
    expect(mail.map((m) => [m.to_address, m.subject])).toEqual([
      ['bekzod.uzb@test.carec', 'N-01: новый статус «На рассмотрении»'],
      [
        'victor.viewer@test.carec',
        translator('zh')('notifications.mail.transitionSubject', {
          ref: 'N-01',
          to: translator('zh')('status.under_review'),
        }),
      ],
    ])
    // Russian: the Russian title; Chinese: no Chinese title, so the English one marked [en]
    expect(mail[0]!.body).toContain(
      'Aigerim Kaz: статус N-01 «Единое окно» изменен с «Предложено» на «На рассмотрении».',
    )
    expect(mail[0]!.body).not.toContain('Single window')
    expect(mail[1]!.body).toContain('“Single window [en]”')
    expect(mail[1]!.subject).not.toContain('Under review')
  })

  it('a field edit reaches followers as "changed: cost", translated, in the inbox and the outbox', async () => {
    await followItem(t.db, committee, 'N-01', true)
    const edit = async (over: Record<string, unknown>) =>
      updateItem(
        t.db,
        kaz,
        'N-01',
        ItemForm.parse({ ...formValuesOf((await getItemByRef(t.db, 'N-01'))!), ...over }),
        null,
      )
    expect(await edit({ cost_usd_m: '25' })).toEqual({ kind: 'saved', ref: 'N-01' })
    // the editor hears nothing; their fellow working group (by country) and the follower do
    expect(await kinds(t.db, kaz)).toEqual([])
    expect(await kinds(t.db, uzb)).toEqual([['change', 'N-01']])
    expect(await kinds(t.db, committee)).toEqual([['change', 'N-01']])
    expect(await kinds(t.db, geo)).toEqual([])
    const [entry] = (await getInbox(t.db, committee.id)).entries
    expect(entry).toMatchObject({ kind: 'change', by: 'Aigerim Kaz', ref: 'N-01' })
    const t9n = translator()
    expect(notificationText(t9n, entry!)).toBe('Aigerim Kaz changed N-01: Cost (USD m)')
    const mail = await t.db
      .selectFrom('email_outbox')
      .select(['to_address', 'subject', 'body'])
      .where('to_address', '=', 'chen.committee@test.carec')
      .execute()
    expect(mail.map((m) => m.subject)).toEqual(['N-01 changed: Cost (USD m)'])
    expect(mail[0]!.body).toContain('Aigerim Kaz changed N-01 "Single window": Cost (USD m).')

    // several fields at once are listed in the history's order; a save that changes nothing tells nobody
    expect(await edit({ cost_usd_m: '30', secured_usd_m: '4', start_year: 2026 })).toMatchObject({
      kind: 'saved',
    })
    const [latest] = (await getInbox(t.db, committee.id)).entries
    expect(notificationText(t9n, latest!)).toBe(
      'Aigerim Kaz changed N-01: Start year, Cost (USD m), Secured (USD m)',
    )
    const count = (await getInbox(t.db, committee.id)).entries.length
    await updateItem(
      t.db,
      kaz,
      'N-01',
      ItemForm.parse(formValuesOf((await getItemByRef(t.db, 'N-01'))!)),
      null,
    )
    expect((await getInbox(t.db, committee.id)).entries).toHaveLength(count)
  })

  it('an import that changes a followed item tells its followers too; one that creates items tells nobody', async () => {
    const outcome = await importCsv(
      t.db,
      toCsv([
        { ...ROWS[0]!, cost_usd_m: '21' },
        { ref: 'N-03', strategy: 'CITA 2030', title_en: 'New one', proposers: 'KAZ', status: 'proposed' },
      ]),
      secretariat.id,
    )
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors))
    expect(await kinds(t.db, kaz)).toEqual([['change', 'N-01']])
    expect(notificationText(translator(), (await getInbox(t.db, kaz.id)).entries[0]!)).toBe(
      'Sofia Secretariat changed N-01: Cost (USD m)',
    )
  })

  it('a refused transition tells nobody', async () => {
    expect(await transition(t.db, geo, 'N-01', 'under_review', null)).toMatchObject({ kind: 'refused' })
    expect(await t.db.selectFrom('notifications').select('id').execute()).toEqual([])
    expect(await t.db.selectFrom('email_outbox').select('id').execute()).toEqual([])
  })

  it('a new flag reaches followers, its later updates do not, and a flag after withdrawal is new again', async () => {
    const interest = FlagForm.parse({ instrument: 'loan', stage: 'interest' })
    await saveFlag(t.db, adb, 'N-01', interest)
    expect(await kinds(t.db, kaz)).toEqual([['flag', 'N-01']])
    await saveFlag(t.db, adb, 'N-01', FlagForm.parse({ instrument: 'loan', stage: 'in_discussion' }))
    expect(await kinds(t.db, kaz)).toHaveLength(1)
    await withdrawFlag(t.db, adb, 'N-01')
    await saveFlag(t.db, adb, 'N-01', interest)
    expect(await kinds(t.db, kaz)).toEqual([
      ['flag', 'N-01'],
      ['flag', 'N-01'],
    ])
    expect(await kinds(t.db, adb)).toEqual([])
    expect((await getInbox(t.db, uzb.id)).entries[0]).toMatchObject({
      by: 'Ana Partner',
      details: { organisation: 'ADB', stage: 'interest' },
    })
  })

  it('a mention reaches the person mentioned, with the comment; an edit tells only the newly mentioned', async () => {
    const posted = await addComment(
      t.db,
      geo,
      'N-02',
      'Could @Chen Committee and @Nobody Here look at the **cost**?',
    )
    if (posted.kind !== 'done') throw new Error(posted.kind)
    expect(await kinds(t.db, committee)).toEqual([['mention', 'N-02']])
    expect((await getInbox(t.db, committee.id)).entries[0]).toMatchObject({
      by: 'Giorgi Geo',
      details: {
        comment_id: posted.commentId,
        comment: 'Could @Chen Committee and @Nobody Here look at the **cost**?',
      },
    })
    await editComment(
      t.db,
      geo,
      'N-02',
      posted.commentId,
      'Could @Chen Committee and @Sofia Secretariat look at the cost?',
    )
    expect(await kinds(t.db, committee)).toHaveLength(1)
    expect(await kinds(t.db, secretariat)).toEqual([['mention', 'N-02']])
    // mentioning yourself tells nobody
    await addComment(t.db, geo, 'N-02', 'Note to self, @Giorgi Geo')
    expect(await kinds(t.db, geo)).toEqual([])
    // the mentioned now follow the item, so they hear of its next status change
    await transition(t.db, geo, 'N-02', 'under_review', null)
    expect((await kinds(t.db, committee))[0]).toEqual(['transition', 'N-02'])
  })

  it('unfollowing wins over the country rule; following by hand works for anyone', async () => {
    expect(await followItem(t.db, uzb, 'N-01', false)).toEqual({ kind: 'done' })
    expect(await followItem(t.db, committee, 'N-01', true)).toEqual({ kind: 'done' })
    expect(await followItem(t.db, committee, 'NOPE', true)).toEqual({ kind: 'not_found' })
    const item = {
      id: (await t.db.selectFrom('items').select('id').where('ref', '=', 'N-01').executeTakeFirstOrThrow())
        .id,
      proposers: ['KAZ', 'UZB'],
    }
    expect([
      await followOf(t.db, kaz, item),
      await followOf(t.db, uzb, item),
      await followOf(t.db, committee, item),
      await followOf(t.db, viewer, item),
    ]).toEqual(['country', 'none', 'explicit', 'none'])
    await transition(t.db, kaz, 'N-01', 'under_review', null)
    expect(await kinds(t.db, uzb)).toEqual([])
    expect(await kinds(t.db, committee)).toEqual([['transition', 'N-01']])
  })

  it("counts unread and marks read, only in the person's own inbox", async () => {
    await transition(t.db, kaz, 'N-01', 'under_review', null)
    await transition(t.db, secretariat, 'N-01', 'proposed', 'Add the cost breakdown')
    expect(await unreadCount(t.db, uzb.id)).toBe(2)
    expect(await unreadCount(t.db, kaz.id)).toBe(1)
    const [newest, oldest] = (await getInbox(t.db, uzb.id)).entries
    expect(newest!.details).toMatchObject({ to: 'proposed', reason: 'Add the cost breakdown' })
    expect(await markRead(t.db, kaz.id, [newest!.id], new Date().toISOString())).toBe(0)
    expect(await markRead(t.db, uzb.id, [newest!.id], new Date().toISOString())).toBe(1)
    expect(await unreadCount(t.db, uzb.id)).toBe(1)
    expect((await getInbox(t.db, uzb.id, { unreadOnly: true })).entries.map((e) => e.id)).toEqual([
      oldest!.id,
    ])
    expect(await markRead(t.db, uzb.id, 'all', new Date().toISOString())).toBe(1)
    expect(await unreadCount(t.db, uzb.id)).toBe(0)
    expect(await unreadCount(t.db, kaz.id)).toBe(1)
  })

  it('pages the inbox newest first with a cursor', async () => {
    for (let i = 0; i < 30; i++) {
      await transition(t.db, kaz, 'N-01', 'under_review', null)
      await transition(t.db, secretariat, 'N-01', 'proposed', `round ${i}`)
    }
    const first = await getInbox(t.db, uzb.id)
    expect(first.entries).toHaveLength(50)
    expect(first.unread).toBe(60)
    const second = await getInbox(t.db, uzb.id, { before: first.older })
    expect(second.entries).toHaveLength(10)
    expect(second.older).toBeNull()
    const ids = [...first.entries, ...second.entries].map((e) => e.id)
    expect(new Set(ids).size).toBe(60)
    expect(first.entries[0]!.details).toMatchObject({ reason: 'round 29' })
  })
})

describe('the e-mail outbox', () => {
  const t = usePortfolio({
    items: ROWS,
    people: {
      kaz: { role: 'working_group', countries: ['KAZ'], name: 'Aigerim Kaz' },
      bekzod: { role: 'working_group', countries: ['UZB'], name: 'Bekzod Uzb' },
      dilnoza: { role: 'working_group', countries: ['UZB'], name: 'Dilnoza Uzb' },
    },
  })

  function recorder(
    fail: (mail: OutgoingMail) => boolean = () => false,
  ): MailSender & { sent: OutgoingMail[] } {
    const sent: OutgoingMail[] = []
    return {
      name: 'test',
      sent,
      async send(mail) {
        if (fail(mail)) throw new Error('connection refused')
        sent.push(mail)
      },
    }
  }

  beforeEach(async () => {
    await transition(t.db, t.people.kaz, 'N-01', 'under_review', null)
  })

  it('sends each mail once, even with two deliverers at the same moment', async () => {
    const sender = recorder()
    const now = new Date().toISOString()
    const reports = await Promise.all([deliverOutbox(t.db, sender, now), deliverOutbox(t.db, sender, now)])
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(2)
    expect(sender.sent.map((m) => m.to).sort()).toEqual(['bekzod.uzb@test.carec', 'dilnoza.uzb@test.carec'])
    expect(await deliverOutbox(t.db, sender)).toEqual({ sent: 0, failed: 0 })
    expect(
      await t.db.selectFrom('email_outbox').select('sent_at').where('sent_at', 'is', null).execute(),
    ).toEqual([])
  })

  it('keeps a failed mail and retries it later, giving up after the last attempt', async () => {
    const down = recorder((mail) => mail.to.startsWith('bekzod'))
    const now = Date.now()
    expect(await deliverOutbox(t.db, down, new Date(now).toISOString())).toEqual({ sent: 1, failed: 1 })
    const failed = await t.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('to_address', 'like', 'bekzod%')
      .executeTakeFirstOrThrow()
    expect(failed).toMatchObject({ attempts: 1, sent_at: null, last_error: 'connection refused' })
    // not again before its retry time
    expect(await deliverOutbox(t.db, down, new Date(now + 30_000).toISOString())).toEqual({
      sent: 0,
      failed: 0,
    })
    let at = now
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      at += 60 * 60_000
      expect(await deliverOutbox(t.db, down, new Date(at).toISOString())).toEqual({ sent: 0, failed: 1 })
    }
    expect(await deliverOutbox(t.db, recorder(), new Date(at + 24 * 3600_000).toISOString())).toEqual({
      sent: 0,
      failed: 0,
    })
    const up = recorder()
    await t.db.updateTable('email_outbox').set({ attempts: 1 }).where('id', '=', failed.id).execute()
    expect(await deliverOutbox(t.db, up, new Date(at + 24 * 3600_000).toISOString())).toEqual({
      sent: 1,
      failed: 0,
    })
  })

  it('uses SMTP when SMTP_URL is set, else the log', () => {
    const from = 'CAREC Pipeline <no-reply@localhost>'
    expect(senderFor({ SMTP_URL: undefined, MAIL_FROM: from }).name).toBe('log')
    expect(senderFor({ SMTP_URL: 'smtp://mail.example.org:587', MAIL_FROM: from }).name).toBe('smtp')
  })
})
