import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Language } from './languages'

/**
 * ACCOUNTS HOOK: remembers a signed-in person's language choice in their account, so it follows
 * them to other devices. The column comes with the accounts work (issue 8; on its branch
 * `users.language`, en/ru/zh, default 'en', set when invited and confirmed on accepting); until it
 * lands the choice lives in the browser's cookie only and this does nothing.
 *
 * To wire it once the column exists:
 *   1. here: `await db.updateTable('users').set({ language }).where('id', '=', userId).execute()`
 *      (with the access-log entry the accounts work records for a profile change, if it wants one);
 *   2. in app/auth/session.server.ts, put the column on the signed-in user as `preferredLanguage`
 *      (resolveLanguage in ./language.server.ts reads it, after ?lng= and the cookie).
 */
export async function rememberLanguageInAccount(
  _db: Kysely<Database>,
  _userId: string,
  _language: Language,
): Promise<void> {}
