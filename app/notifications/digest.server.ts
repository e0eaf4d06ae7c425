import { randomUUID } from 'node:crypto'
import type { DB } from '../../db/schema'
import { DEFAULTS } from '../config.server'
import { translator } from '../i18n/i18n'
import { inTransaction } from '../people/transaction.server'
import { appUrl } from './mail.server'
import { enqueueMail } from './outbox.server'

// The daily digest (docs/decisions/0021-notification-email-preferences.md): notifications a person
// wants "in a daily digest" wait in digest_entries; once a UTC day, from DIGEST_HOUR_UTC on, each
// person with waiting entries gets one mail listing them, through the outbox. The digest row's
// (user, day) key is claimed with ON CONFLICT DO NOTHING, so two app instances (or the cron
// script beside them) never send one person two digests on one day.

const BATCH = 100

/** Makes today's digests that are due; returns how many mails were queued. */
export async function deliverDigests(
  db: DB,
  now: string = new Date().toISOString(),
  hourUtc: number = DEFAULTS.DIGEST_HOUR_UTC,
): Promise<number> {
  if (new Date(now).getUTCHours() < hourUtc) return 0
  const day = now.slice(0, 10)
  const waiting = await db
    .selectFrom('digest_entries as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .select('e.user_id')
    .distinct()
    .where('e.digest_id', 'is', null)
    .where('e.created_at', '<=', now)
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('mail_digests as d')
            .select('d.id')
            .whereRef('d.user_id', '=', 'e.user_id')
            .where('d.day', '=', day),
        ),
      ),
    )
    .limit(BATCH)
    .execute()
  let queued = 0
  for (const { user_id } of waiting) if (await digestFor(db, user_id, day, now)) queued++
  return queued
}

async function digestFor(db: DB, userId: string, day: string, now: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const id = randomUUID()
    const claimed = await trx
      .insertInto('mail_digests')
      .values({ id, user_id: userId, day, created_at: now, entry_count: 0 })
      .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing())
      .executeTakeFirst()
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return false // another instance has it
    await trx
      .updateTable('digest_entries')
      .set({ digest_id: id })
      .where('user_id', '=', userId)
      .where('digest_id', 'is', null)
      .where('created_at', '<=', now)
      .execute()
    const entries = await trx
      .selectFrom('digest_entries')
      .select(['subject', 'link'])
      .where('digest_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    const person = await trx
      .selectFrom('users')
      .select(['email', 'language'])
      .where('id', '=', userId)
      .executeTakeFirst()
    if (entries.length === 0 || !person) return false
    await trx.updateTable('mail_digests').set({ entry_count: entries.length }).where('id', '=', id).execute()
    const t = translator(person.language)
    const body = [
      t('digest.intro', { count: entries.length, day }),
      '',
      ...entries.flatMap((e) => [`- ${e.subject}`, `  ${e.link}`]),
      '',
      t('digest.footer', { inbox: `${appUrl()}/inbox`, account: `${appUrl()}/account` }),
    ].join('\n')
    await enqueueMail(trx, {
      to: person.email,
      subject: t('digest.subject', { count: entries.length, day }),
      body,
      at: now,
    })
    return true
  })
}
