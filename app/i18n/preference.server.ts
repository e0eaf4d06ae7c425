import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Language } from './languages'

/**
 * Remembers a signed-in person's language choice in their account (users.language, issue 8), so
 * it follows them to other devices; the account page (/account) sets the same column.
 */
export async function rememberLanguageInAccount(
  db: Kysely<Database>,
  userId: string,
  language: Language,
): Promise<void> {
  await db.updateTable('users').set({ language }).where('id', '=', userId).execute()
}
