import type { DB } from '../../db/schema'
import { recordAccessEvent } from './access-log.server'
import type { ProfileInput } from './schema'
import { inTransaction } from './transaction.server'

// One's own account: name and preferred language. Passwords: passwords.server.ts; sessions:
// sessions.server.ts; e-mail preferences: app/notifications/preferences.server.ts.

export async function getProfile(db: DB, userId: string) {
  return db
    .selectFrom('users')
    .select(['email', 'name', 'language', 'role', 'organisation', 'last_sign_in_at'])
    .where('id', '=', userId)
    .executeTakeFirst()
}

export async function updateProfile(
  db: DB,
  userId: string,
  input: ProfileInput,
  now = new Date().toISOString(),
): Promise<{ kind: 'saved' } | { kind: 'unchanged' } | { kind: 'not_found' }> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('users')
      .select(['name', 'language'])
      .where('id', '=', userId)
      .executeTakeFirst()
    if (!before) return { kind: 'not_found' }
    if (before.name === input.name && before.language === input.language) return { kind: 'unchanged' }
    await trx
      .updateTable('users')
      .set({ name: input.name, language: input.language, updated_at: now })
      .where('id', '=', userId)
      .execute()
    await recordAccessEvent(trx, {
      event: 'profile_changed',
      actorId: userId,
      subjectId: userId,
      details: { from: before, to: { name: input.name, language: input.language } },
      at: now,
    })
    return { kind: 'saved' }
  })
}
