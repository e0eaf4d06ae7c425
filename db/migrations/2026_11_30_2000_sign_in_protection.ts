import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Sign-in protection, two-factor sign-in and personal API tokens (issue 8, part B;
// docs/decisions/0022-sign-in-protection.md and 0023-api-tokens.md). Every secret a client holds
// (session cookie, pending second-factor cookie, recovery code, API token) is kept here only as a
// SHA-256, so a copy of the database opens no account.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Failed sign-ins, by key: a SHA-256 of "account:<e-mail>" or "address:<client address>", so
  // neither typed e-mails nor addresses are kept. Rows are written before the password is checked
  // (and removed if it was right), so parallel attempts on several app instances all count.
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sign_in_failures_key_at')
    .on('sign_in_failures')
    .columns(['key', 'at'])
    .execute()
  await db.schema.createIndex('sign_in_failures_at').on('sign_in_failures').columns(['at']).execute()

  // Session ids are now the SHA-256 of the cookie's token (app/auth/sessions.server.ts), so the
  // sessions made before cannot be found again: they are removed, and everyone signs in once more.
  // absolute_expires_at is 30 days after sign-in, whatever the use; expires_at slides (14 days).
  await db.deleteFrom('sessions').execute()
  await db.schema.alterTable('sessions').addColumn('absolute_expires_at', 'text').execute()

  // A password that was right, waiting for its second factor: the cookie holds the secret, this the hash.
  await db.schema
    .createTable('sign_in_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()

  // One authenticator per person. enabled_at is null while the person is still confirming it.
  // secret: "v1:<iv>:<tag>:<ciphertext>" (AES-256-GCM, TWO_FACTOR_SECRET_KEY) or "plain:<base32>".
  // last_step is the RFC 6238 time step of the last code accepted: no code works twice.
  await db.schema
    .createTable('two_factor')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('enabled_at', 'text')
    .addColumn('last_step', 'integer')
    .execute()

  // One-time recovery codes: "<salt>:<sha256(salt + code)>", each single use.
  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('recovery_codes_user').on('recovery_codes').columns(['user_id']).execute()

  // Personal API tokens: read (GET only) or write; shown once, kept as a SHA-256.
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // read, write
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .execute()
  await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id', 'created_at']).execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_tokens').execute()
  await db.schema.dropTable('recovery_codes').execute()
  await db.schema.dropTable('two_factor').execute()
  await db.schema.dropTable('sign_in_challenges').execute()
  await db.schema.alterTable('sessions').dropColumn('absolute_expires_at').execute()
  await db.schema.dropTable('sign_in_failures').execute()
}
