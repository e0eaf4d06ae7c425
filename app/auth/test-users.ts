import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Role } from '../permissions/permissions'
import { insertUser } from '../../tests/setup/fixtures'
import { hashPassword } from './password.server'

export const PASSWORD = 'correct horse battery staple'

// One argon2 hash per test process: hashing is deliberately slow.
let hashed: Promise<string> | undefined

/** A person who can sign in with PASSWORD; returns their id and e-mail. */
export async function insertSignInUser(
  db: Kysely<Database>,
  role: Role = 'viewer',
): Promise<{ id: string; email: string; role: Role }> {
  const actor = await insertUser(db, role)
  hashed ??= hashPassword(PASSWORD)
  await db
    .updateTable('users')
    .set({ password_hash: await hashed })
    .where('id', '=', actor.id)
    .execute()
  const { email } = await db
    .selectFrom('users')
    .select('email')
    .where('id', '=', actor.id)
    .executeTakeFirstOrThrow()
  return { id: actor.id, email, role }
}
