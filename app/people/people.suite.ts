import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connect, databaseKind } from '../../db/connect'
import type { Database } from '../../db/schema'
import { insertUser, toCsv } from '../../tests/setup/fixtures'
import { sessionIdOf, validateSession } from '../auth/sessions.server'
import { verifyPassword } from '../auth/password.server'
import { importCsv } from '../importer/import.server'
import { deliverDigests } from '../notifications/digest.server'
import { savePreferences } from '../notifications/preferences.server'
import type { Actor } from '../permissions/permissions'
import { transition } from '../workflow/workflow.server'
import { listAccessLog } from './access-log.server'
import {
  acceptInvitation,
  getInvitation,
  invitePerson,
  resendInvitation,
  withdrawInvitation,
} from './invitations.server'
import {
  addOrganisation,
  listOrganisations,
  removeOrganisation,
  updateOrganisation,
} from './organisations.server'
import { changePassword, getPasswordReset, requestPasswordReset, resetPassword } from './passwords.server'
import { listPeople } from './people.server'
import { InviteForm } from './schema'
import { endOtherSessions, endSession, listSessions } from './sessions.server'
import { changeRoleAndScope, deactivatePerson, reactivatePerson } from './status.server'

// The people-and-access module tests, run on SQLite (people.test.ts) and on PostgreSQL
// (db/postgres-people.test.ts) unchanged: the same rules must hold on both databases.

export interface SuiteDb {
  db: Kysely<Database>
  /** a DATABASE_URL for a second connection to the same database */
  url: string
  close(): Promise<void>
}

const GOOD = 'copper kettle whistles at dawn'
const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString()
const secretOf = (link: string) => link.slice(link.lastIndexOf('/') + 1)

export function peopleSuite(open: () => Promise<SuiteDb>): void {
  let t: SuiteDb
  let secretariat: Actor
  beforeEach(async () => {
    t = await open()
    secretariat = await insertUser(t.db, 'secretariat')
    await t.db
      .updateTable('users')
      .set({ name: 'Sofia Secretariat' })
      .where('id', '=', secretariat.id)
      .execute()
  })
  afterEach(async () => {
    await t.close()
  })

  const invite = (over: Record<string, unknown> = {}, now?: string) =>
    invitePerson(
      t.db,
      secretariat,
      InviteForm.parse({
        email: 'Nurlan.Abenov@Example.org',
        name: 'Nurlan Abenov',
        role: 'working_group',
        countries: ['KAZ'],
        ...over,
      }),
      { mail: true, now },
    )

  /**
   * Another app instance. On PostgreSQL a second pool, so the two really interleave; on SQLite the
   * same handle (better-sqlite3 blocks its thread while another connection writes, so two in one
   * process would only wait out the busy timeout), whose transactions run one after the other.
   */
  const secondConnection = () => {
    if (databaseKind(t.url) !== 'postgres') return { db: t.db, close: async () => {} }
    const db = connect(t.url)
    return { db, close: () => db.destroy() }
  }

  // The session store keeps the SHA-256 of the cookie's token as the id (app/auth/sessions.server.ts).
  const tokens = new Map<string, string>()
  const sessionUser = (id: string) => validateSession(t.db, tokens.get(id)!)
  const addSession = async (userId: string, userAgent: string | null = null) => {
    const token = randomUUID()
    const id = sessionIdOf(token)
    tokens.set(id, token)
    const now = new Date().toISOString()
    await t.db
      .insertInto('sessions')
      .values({
        id,
        user_id: userId,
        expires_at: at(now, 30 * DAY),
        created_at: now,
        last_used_at: now,
        user_agent: userAgent,
      })
      .execute()
    return id
  }
  const sessionCount = async (userId: string) =>
    (await t.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length
  const events = async () =>
    await t.db
      .selectFrom('access_log')
      .select(['event', 'subject_id', 'actor_id'])
      .orderBy('at')
      .orderBy('event')
      .execute()
  const outbox = () =>
    t.db.selectFrom('email_outbox').select(['to_address', 'subject', 'body']).orderBy('created_at').execute()
  const activePerson = async (
    role: 'working_group' | 'secretariat' | 'viewer' = 'viewer',
    email = 'vera@example.org',
  ) => {
    const invited = await invite({
      email,
      name: 'Vera Viewer',
      role,
      countries: role === 'working_group' ? ['KAZ'] : [],
    })
    if (invited.kind !== 'invited') throw new Error(invited.kind)
    const accepted = await acceptInvitation(t.db, secretOf(invited.link), {
      name: 'Vera Viewer',
      language: 'en',
      password: GOOD,
      confirm: GOOD,
    })
    if (accepted.kind !== 'accepted') throw new Error(accepted.kind)
    return accepted.userId
  }

  describe('invitations', () => {
    it('an invitation mails a one-time link valid seven days; accepting sets the password and makes the account active', async () => {
      const now = '2026-12-01T09:00:00.000Z'
      const invited = await invite({}, now)
      expect(invited).toMatchObject({ kind: 'invited', expiresAt: '2026-12-08T09:00:00.000Z' })
      if (invited.kind !== 'invited') return
      const [mail] = await outbox()
      expect(mail).toMatchObject({
        to_address: 'nurlan.abenov@example.org',
        subject: 'Your invitation to CAREC Pipeline',
      })
      expect(mail!.body).toContain('Sofia Secretariat has invited you')
      expect(mail!.body).toContain(invited.link)
      const secret = secretOf(invited.link)
      // only a hash is stored
      const stored = await t.db.selectFrom('one_time_tokens').select('token_hash').execute()
      expect(stored.map((s) => s.token_hash)).not.toContain(secret)
      expect(JSON.stringify(stored)).not.toContain(secret)

      const person = () =>
        t.db
          .selectFrom('users')
          .select(['status', 'name', 'language', 'password_hash'])
          .where('id', '=', invited.userId)
          .executeTakeFirstOrThrow()
      expect(await person()).toMatchObject({ status: 'invited', password_hash: '' })
      expect(await getInvitation(t.db, secret, at(now, 7 * DAY - 60_000))).toMatchObject({ kind: 'valid' })
      expect(await getInvitation(t.db, secret, at(now, 7 * DAY))).toEqual({ kind: 'expired' })

      const weak = {
        name: 'Nurlan A.',
        language: 'ru' as const,
        password: 'password1234',
        confirm: 'password1234',
      }
      expect(await acceptInvitation(t.db, secret, weak, { now: at(now, DAY) })).toEqual({
        kind: 'weak_password',
        problem: 'password.common',
      })
      const good = { ...weak, password: GOOD, confirm: GOOD }
      expect(await acceptInvitation(t.db, secret, good, { now: at(now, DAY) })).toEqual({
        kind: 'accepted',
        userId: invited.userId,
      })
      const accepted = await person()
      expect(accepted).toMatchObject({ status: 'active', name: 'Nurlan A.', language: 'ru' })
      expect(await verifyPassword(accepted.password_hash, GOOD)).toBe(true)
      expect(await acceptInvitation(t.db, secret, good, { now: at(now, DAY) })).toEqual({ kind: 'used' })
      expect(await getInvitation(t.db, secret, at(now, DAY))).toEqual({ kind: 'used' })
      expect((await events()).map((e) => e.event)).toEqual(['invited', 'accepted'])
    })

    it('an expired invitation cannot be accepted', async () => {
      const now = '2026-12-01T09:00:00.000Z'
      const invited = await invite({}, now)
      if (invited.kind !== 'invited') throw new Error(invited.kind)
      const input = { name: 'N', language: 'en' as const, password: GOOD, confirm: GOOD }
      expect(
        await acceptInvitation(t.db, secretOf(invited.link), input, { now: at(now, 7 * DAY + 1) }),
      ).toEqual({
        kind: 'expired',
      })
      expect(await acceptInvitation(t.db, 'A'.repeat(43), input)).toEqual({ kind: 'unknown' })
      expect(await acceptInvitation(t.db, 'not-a-link', input)).toEqual({ kind: 'unknown' })
    })

    it('resending replaces the link; withdrawing ends it; reactivating invites again', async () => {
      const first = await invite()
      if (first.kind !== 'invited') throw new Error(first.kind)
      const resent = await resendInvitation(t.db, secretariat, first.userId, { mail: true })
      if (resent.kind !== 'resent') throw new Error(resent.kind)
      expect(await getInvitation(t.db, secretOf(first.link))).toEqual({ kind: 'withdrawn' })
      expect(await getInvitation(t.db, secretOf(resent.link))).toMatchObject({ kind: 'valid' })
      expect(await outbox()).toHaveLength(2)

      expect(await withdrawInvitation(t.db, secretariat, first.userId)).toEqual({ kind: 'withdrawn' })
      expect(await getInvitation(t.db, secretOf(resent.link))).toEqual({ kind: 'withdrawn' })
      expect((await listPeople(t.db, { status: 'deactivated' })).map((p) => p.email)).toEqual([
        'nurlan.abenov@example.org',
      ])
      expect(await resendInvitation(t.db, secretariat, first.userId, { mail: true })).toEqual({
        kind: 'not_invited',
      })

      const again = await reactivatePerson(t.db, secretariat, first.userId, { mail: true })
      expect(again).toMatchObject({ kind: 'reinvited' })
      if (again.kind !== 'reinvited') return
      expect(await getInvitation(t.db, secretOf(again.link))).toMatchObject({ kind: 'valid' })
    })

    it('refuses a used e-mail (whatever its case), an unknown organisation and anyone but the secretariat', async () => {
      expect(await invite()).toMatchObject({ kind: 'invited' })
      expect(await invite({ email: 'NURLAN.ABENOV@example.org' })).toEqual({ kind: 'email_taken' })
      expect(await invite({ email: 'p@example.org', role: 'partner', organisation: 'GIZ' })).toEqual({
        kind: 'unknown_organisation',
        organisation: 'GIZ',
      })
      const wg = await insertUser(t.db, 'working_group', ['KAZ'])
      const input = InviteForm.parse({ email: 'x@example.org', name: 'X', role: 'viewer' })
      expect(await invitePerson(t.db, wg, input, { mail: true })).toEqual({ kind: 'forbidden' })
    })

    it('a partner is stored with the listed spelling of their organisation; a role keeps only its own scope', async () => {
      await invite({
        email: 'p@example.org',
        name: 'Pat',
        role: 'partner',
        organisation: 'world bank',
        countries: ['KAZ'],
      })
      await invite({
        email: 'v@example.org',
        name: 'Val',
        role: 'viewer',
        organisation: 'ADB',
        countries: ['KAZ'],
      })
      const people = await listPeople(t.db, { q: '@example.org' })
      expect(people.map((p) => [p.email, p.role, p.countries, p.organisation])).toEqual([
        ['p@example.org', 'partner', [], 'World Bank'],
        ['v@example.org', 'viewer', [], null],
      ])
    })
  })

  describe('passwords', () => {
    it('a reset link works once, for one hour, and ends every session of the account', async () => {
      const userId = await activePerson()
      await addSession(userId)
      await addSession(userId)
      const now = '2026-12-01T09:00:00.000Z'
      await requestPasswordReset(t.db, 'Vera@Example.org', { now, floorMs: 0 })
      const mail = (await outbox()).find((m) => m.subject === 'Reset your CAREC Pipeline password')
      expect(mail?.to_address).toBe('vera@example.org')
      const secret = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail!.body)![1]!
      expect(await getPasswordReset(t.db, secret, at(now, HOUR - 1000))).toMatchObject({ kind: 'valid' })
      expect(await getPasswordReset(t.db, secret, at(now, HOUR))).toEqual({ kind: 'expired' })
      expect(await resetPassword(t.db, secret, 'the viewer of a 2026 sky', { now: at(now, 60_000) })).toEqual(
        {
          kind: 'weak_password',
          problem: 'password.containsName',
        },
      )
      const next = 'seven blue herons fishing'
      expect(await resetPassword(t.db, secret, next, { now: at(now, 60_000) })).toEqual({
        kind: 'reset',
        userId,
        sessionsEnded: 2,
      })
      expect(await sessionCount(userId)).toBe(0)
      const { password_hash } = await t.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
      expect(await verifyPassword(password_hash, next)).toBe(true)
      expect(await resetPassword(t.db, secret, 'another fine passphrase', { now: at(now, 120_000) })).toEqual(
        {
          kind: 'used',
        },
      )
    })

    it('a reset asked for an unknown, invited or deactivated e-mail sends nothing; a second ask within five minutes neither', async () => {
      await invite({ email: 'invited@example.org' })
      const userId = await activePerson()
      const before = (await outbox()).length
      expect(await requestPasswordReset(t.db, 'nobody@example.org', { floorMs: 0 })).toEqual({
        kind: 'requested',
      })
      expect(await requestPasswordReset(t.db, 'invited@example.org', { floorMs: 0 })).toEqual({
        kind: 'requested',
      })
      expect((await outbox()).length).toBe(before)
      const now = '2026-12-01T09:00:00.000Z'
      await requestPasswordReset(t.db, 'vera@example.org', { now, floorMs: 0 })
      await requestPasswordReset(t.db, 'vera@example.org', { now: at(now, 60_000), floorMs: 0 })
      expect((await outbox()).length).toBe(before + 1)
      await requestPasswordReset(t.db, 'vera@example.org', { now: at(now, 6 * 60_000), floorMs: 0 })
      expect((await outbox()).length).toBe(before + 2)
      await deactivatePerson(t.db, secretariat, userId)
      await requestPasswordReset(t.db, 'vera@example.org', { now: at(now, HOUR), floorMs: 0 })
      expect((await outbox()).length).toBe(before + 2)
    })

    it('changing one’s password needs the current one and ends one’s other sessions only', async () => {
      const userId = await activePerson()
      const here = await addSession(userId)
      await addSession(userId)
      expect(await changePassword(t.db, userId, here, { current: 'wrong', password: 'x' })).toEqual({
        kind: 'wrong_password',
      })
      expect(await changePassword(t.db, userId, here, { current: GOOD, password: 'short' })).toEqual({
        kind: 'weak_password',
        problem: 'password.tooShort',
      })
      expect(
        await changePassword(t.db, userId, here, {
          current: GOOD,
          password: 'amber lanterns over the steppe',
        }),
      ).toEqual({ kind: 'changed', sessionsEnded: 1 })
      expect(await t.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).toEqual([
        { id: here },
      ])
    })
  })

  describe('deactivation and the last secretariat', () => {
    it('deactivating ends every session at once and the session check refuses the account', async () => {
      const userId = await activePerson('working_group')
      const sessionId = await addSession(userId)
      expect(await sessionUser(sessionId)).toMatchObject({ userId })
      expect(await deactivatePerson(t.db, secretariat, userId)).toEqual({
        kind: 'deactivated',
        sessionsEnded: 1,
      })
      expect(await sessionCount(userId)).toBe(0)
      // a session that slipped past (written by a request already under way) still gets no user
      const late = await addSession(userId)
      expect(await sessionUser(late)).toBeNull()
      expect(await deactivatePerson(t.db, secretariat, userId)).toEqual({ kind: 'not_active' })
      expect(await reactivatePerson(t.db, secretariat, userId, { mail: true })).toEqual({
        kind: 'reactivated',
      })
      // refused once, that session ended for good: reactivating does not bring it back
      expect(await sessionUser(late)).toBeNull()
      // the name stays for what they did
      expect(
        await t.db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst(),
      ).toEqual({
        name: 'Vera Viewer',
      })
      expect((await events()).filter((e) => e.subject_id === userId).map((e) => e.event)).toEqual(
        expect.arrayContaining(['deactivated', 'reactivated']),
      )
    })

    it('the last active secretariat account can be neither deactivated nor demoted', async () => {
      const other = await activePerson('secretariat', 'second@example.org')
      expect(await deactivatePerson(t.db, secretariat, secretariat.id)).toEqual({ kind: 'self' })
      expect(await deactivatePerson(t.db, secretariat, other)).toMatchObject({ kind: 'deactivated' })
      expect(await deactivatePerson(t.db, null, secretariat.id)).toEqual({ kind: 'last_secretariat' })
      const viewer = { role: 'viewer' as const, countries: [], organisation: undefined }
      expect(await changeRoleAndScope(t.db, null, secretariat.id, viewer)).toEqual({
        kind: 'last_secretariat',
      })
      // a deactivated secretariat does not count; once reactivated, the first may step down
      expect(await reactivatePerson(t.db, null, other, { mail: false })).toEqual({ kind: 'reactivated' })
      expect(await changeRoleAndScope(t.db, null, secretariat.id, viewer)).toEqual({ kind: 'changed' })
      expect(await changeRoleAndScope(t.db, null, other, viewer)).toEqual({ kind: 'last_secretariat' })
    })

    it('two members demoting each other at the same moment leave one secretariat', async () => {
      const other = await activePerson('secretariat', 'second@example.org')
      const viewer = { role: 'viewer' as const, countries: [], organisation: undefined }
      const second = secondConnection()
      try {
        const outcomes = await Promise.all([
          changeRoleAndScope(t.db, null, secretariat.id, viewer),
          changeRoleAndScope(second.db, null, other, viewer),
        ])
        expect(outcomes.map((o) => o.kind).sort()).toEqual(['changed', 'last_secretariat'])
      } finally {
        await second.close()
      }
      expect(await listPeople(t.db, { role: 'secretariat', status: 'active' })).toHaveLength(1)
    })

    it('a role and scope change is checked, applied at once and logged with before and after', async () => {
      const userId = await activePerson('working_group')
      expect(
        await changeRoleAndScope(t.db, secretariat, userId, {
          role: 'partner',
          countries: [],
          organisation: 'GIZ',
        }),
      ).toEqual({ kind: 'unknown_organisation', organisation: 'GIZ' })
      expect(
        await changeRoleAndScope(t.db, secretariat, userId, {
          role: 'working_group',
          countries: ['UZB', 'KAZ'],
        }),
      ).toEqual({ kind: 'changed' })
      expect(
        await changeRoleAndScope(t.db, secretariat, userId, {
          role: 'working_group',
          countries: ['KAZ', 'UZB'],
        }),
      ).toEqual({ kind: 'unchanged' })
      const sessionId = await addSession(userId)
      expect((await sessionUser(sessionId))?.role).toBe('working_group')
      expect((await listPeople(t.db, { country: 'UZB' })).map((p) => p.id)).toEqual([userId])
      const log = await listAccessLog(t.db, { event: 'role_changed' })
      expect(log.entries).toHaveLength(1)
      expect(log.entries[0]).toMatchObject({
        actor: { name: 'Sofia Secretariat' },
        subject: { name: 'Vera Viewer' },
        details: { from: { role: 'working_group', countries: ['KAZ'] }, to: { countries: ['KAZ', 'UZB'] } },
      })
      expect((await listAccessLog(t.db, { person: 'vera@' })).entries.map((e) => e.event)).toEqual([
        'role_changed',
        'accepted',
        'invited',
      ])
      expect((await listAccessLog(t.db, { person: 'nobody%' })).entries).toEqual([])
    })
  })

  describe('organisations', () => {
    it('are seeded with the programme’s partners; short names are unique whatever their case; one in use stays', async () => {
      const seeded = (await listOrganisations(t.db)).map((o) => o.shortName)
      expect(seeded).toEqual(
        expect.arrayContaining([
          'ADB',
          'AIIB',
          'EBRD',
          'EFSD',
          'IFC',
          'IsDB',
          'World Bank',
          'IMF',
          'UNDP',
          'UNESCAP',
          'WTO',
        ]),
      )
      expect(
        await addOrganisation(t.db, secretariat, { short_name: 'adb', name: 'x', type: 'other' }),
      ).toEqual({
        kind: 'taken',
        existing: 'ADB',
      })
      const added = await addOrganisation(t.db, secretariat, {
        short_name: 'GIZ',
        name: 'GIZ',
        type: 'bilateral',
      })
      if (added.kind !== 'saved') throw new Error(added.kind)
      expect(
        await updateOrganisation(t.db, secretariat, added.id, {
          name: 'Deutsche Gesellschaft für Internationale Zusammenarbeit',
          type: 'bilateral',
        }),
      ).toMatchObject({ kind: 'saved' })
      await invite({ email: 'g@example.org', role: 'partner', organisation: 'GIZ' })
      expect(await removeOrganisation(t.db, secretariat, added.id)).toEqual({ kind: 'in_use' })
      const wg = await insertUser(t.db, 'working_group', ['KAZ'])
      expect(await removeOrganisation(t.db, wg, added.id)).toEqual({ kind: 'forbidden' })
      const unused = await addOrganisation(t.db, secretariat, {
        short_name: 'KfW',
        name: 'KfW',
        type: 'bilateral',
      })
      if (unused.kind !== 'saved') throw new Error(unused.kind)
      expect(await removeOrganisation(t.db, secretariat, unused.id)).toEqual({ kind: 'removed' })
      expect((await listAccessLog(t.db, {})).entries.map((e) => e.event)).toEqual(
        expect.arrayContaining(['organisation_added', 'organisation_changed', 'organisation_removed']),
      )
    })
  })

  describe('sessions', () => {
    it('lists one’s sessions with their browser, and ends one or all others', async () => {
      const userId = await activePerson()
      const here = await addSession(
        userId,
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0',
      )
      await addSession(
        userId,
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1',
      )
      await addSession(userId, null)
      const sessions = await listSessions(t.db, userId, here)
      expect(sessions[0]).toMatchObject({ current: true, browser: 'Firefox', system: 'Windows' })
      expect(sessions.map((s) => s.key).join()).not.toContain(here)
      const phone = sessions.find((s) => s.system === 'iOS')!
      expect(await endSession(t.db, userId, phone.key)).toBe(true)
      expect(await endSession(t.db, userId, phone.key)).toBe(false)
      const someoneElse = await insertUser(t.db, 'viewer')
      expect(await endSession(t.db, someoneElse.id, sessions[0]!.key)).toBe(false)
      expect(await endOtherSessions(t.db, userId, here)).toBe(1)
      expect((await listSessions(t.db, userId, here)).map((s) => s.current)).toEqual([true])
    })
  })

  describe('e-mail preferences and the daily digest', () => {
    const ITEMS = [
      { ref: 'D-01', strategy: 'CITA 2030', title_en: 'Dry port', proposers: 'KAZ', status: 'proposed' },
    ]

    it('each kind of notification is mailed at once, kept for the digest, or not mailed; the inbox has them all', async () => {
      await importCsv(t.db, toCsv(ITEMS), null)
      const userId = await activePerson('working_group', 'kaz@example.org')
      const mails = async () =>
        (
          await t.db
            .selectFrom('email_outbox')
            .select('to_address')
            .where('to_address', '=', 'kaz@example.org')
            .execute()
        ).length
      const before = await mails()
      await transition(t.db, secretariat, 'D-01', 'under_review', null)
      expect(await mails()).toBe(before + 1)
      const prefs = {
        mentions: 'immediate',
        status_changes: 'digest',
        cofinancing: 'none',
        changes: 'immediate',
      } as const
      await savePreferences(t.db, userId, prefs)
      await transition(t.db, secretariat, 'D-01', 'proposed', 'Needs a cost')
      expect(await mails()).toBe(before + 1)
      expect(
        await t.db
          .selectFrom('digest_entries')
          .select(['subject', 'link'])
          .where('user_id', '=', userId)
          .execute(),
      ).toEqual([{ subject: 'D-01 is now Proposed', link: expect.stringContaining('/items/D-01') }])
      await savePreferences(t.db, userId, { ...prefs, status_changes: 'none' })
      await transition(t.db, secretariat, 'D-01', 'under_review', null)
      expect(await mails()).toBe(before + 1)
      expect(
        await t.db.selectFrom('digest_entries').select('id').where('user_id', '=', userId).execute(),
      ).toHaveLength(1)
      expect(
        await t.db.selectFrom('notifications').select('id').where('user_id', '=', userId).execute(),
      ).toHaveLength(3)
    })

    it('the digest goes once per person and UTC day from its hour on, even with two deliverers at once', async () => {
      const userId = await activePerson('viewer', 'digest@example.org')
      const entry = async (createdAt: string, subject: string) =>
        t.db
          .insertInto('digest_entries')
          .values({
            id: randomUUID(),
            user_id: userId,
            notification_id: null,
            subject,
            link: 'http://x/items/A',
            created_at: createdAt,
            digest_id: null,
          })
          .execute()
      await entry('2026-12-01T10:00:00.000Z', 'A moved')
      await entry('2026-12-01T18:00:00.000Z', 'B moved')
      const digests = () =>
        t.db
          .selectFrom('email_outbox')
          .select(['subject', 'body'])
          .where('to_address', '=', 'digest@example.org')
          .where('subject', 'like', 'CAREC Pipeline:%')
          .execute()
      expect(await deliverDigests(t.db, '2026-12-02T02:59:00.000Z', 3)).toBe(0)
      const second = secondConnection()
      try {
        const made = await Promise.all([
          deliverDigests(t.db, '2026-12-02T03:00:00.000Z', 3),
          deliverDigests(second.db, '2026-12-02T03:00:01.000Z', 3),
        ])
        expect(made[0] + made[1]).toBe(1)
      } finally {
        await second.close()
      }
      const [digest, ...more] = await digests()
      expect(more).toEqual([])
      expect(digest!.subject).toBe('CAREC Pipeline: 2 notifications (2026-12-02)')
      expect(digest!.body).toContain('- A moved')
      expect(digest!.body).toContain('- B moved')
      await entry('2026-12-02T05:00:00.000Z', 'C moved')
      expect(await deliverDigests(t.db, '2026-12-02T23:00:00.000Z', 3)).toBe(0)
      expect(await deliverDigests(t.db, '2026-12-03T03:00:00.000Z', 3)).toBe(1)
      expect((await digests()).map((d) => d.subject)).toEqual([
        'CAREC Pipeline: 2 notifications (2026-12-02)',
        'CAREC Pipeline: 1 notification (2026-12-03)',
      ])
    })
  })

  it('an account made with a password (the command line) is active and can sign in; its password obeys the rules', async () => {
    const { createPersonWithPassword } = await import('./invitations.server')
    const input = InviteForm.parse({ email: 'ops@example.org', name: 'Ops Robot', role: 'viewer' })
    expect(await createPersonWithPassword(t.db, input, 'ops@example.org rocks!')).toEqual({
      kind: 'weak_password',
      problem: 'password.containsEmail',
    })
    expect(await createPersonWithPassword(t.db, input, GOOD)).toMatchObject({ kind: 'created' })
    const row = await t.db
      .selectFrom('users')
      .select(['status', 'password_hash'])
      .where('email', '=', 'ops@example.org')
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('active')
    expect(await verifyPassword(row.password_hash, GOOD)).toBe(true)
  })
}
