import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Language } from './languages'

/**
 * ACCOUNTS HOOK: remembers a signed-in person's language choice in their account, so it follows
 * them to other devices. The column users.preferred_language comes with the accounts work (issue
 * 8); until it lands the choice lives in the browser's cookie only and this does nothing.
 *
 * To wire it once the column exists:
 *   1. here: `await db.updateTable('users').set({ preferred_language: language })
 *        .where('id', '=', userId).execute()`
 *   2. in app/auth/session.server.ts, put the column on the signed-in user as `preferredLanguage`
 *      (resolveLanguage in ./language.server.ts reads it, after ?lng= and the cookie).
 */
export async function rememberLanguageInAccount(
  _db: Kysely<Database>,
  _userId: string,
  _language: Language,
): Promise<void> {}
