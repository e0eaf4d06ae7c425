import { sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// People and access (issue 8, part A; docs/decisions/0020-accounts-and-invitations.md and
// 0021-notification-email-preferences.md): account status, preferred language and last sign-in;
// the development partners' organisations as a managed list; one-time links for invitations and
// password resets (hashes only); the append-only access log; what the account page shows of a
// session; e-mail preferences per kind of notification and the daily digest.

/** The programme's development partners (shared/DOMAIN.md), by the short name flags already use. */
const ORGANISATIONS: Array<[string, string, string]> = [
  ['ADB', 'Asian Development Bank', 'multilateral'],
  ['AIIB', 'Asian Infrastructure Investment Bank', 'multilateral'],
  ['EBRD', 'European Bank for Reconstruction and Development', 'multilateral'],
  ['EFSD', 'Eurasian Fund for Stabilization and Development', 'multilateral'],
  ['IFC', 'International Finance Corporation', 'multilateral'],
  ['IsDB', 'Islamic Development Bank', 'multilateral'],
  ['World Bank', 'World Bank', 'multilateral'],
  ['IMF', 'International Monetary Fund', 'multilateral'],
  ['UNDP', 'United Nations Development Programme', 'multilateral'],
  ['UNESCAP', 'United Nations Economic and Social Commission for Asia and the Pacific', 'multilateral'],
  ['WTO', 'World Trade Organization', 'multilateral'],
]

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString()

  // A partner account and a co-financing flag name their organisation by its short name, as
  // users.organisation and cofinancing_flags.organisation always have; the short name is
  // therefore fixed once created, and a name or type may change.
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('short_name', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    // multilateral, bilateral, private, other
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  const known = new Set(ORGANISATIONS.map(([short]) => short.toLowerCase()))
  const rows = ORGANISATIONS.map(([short_name, name, type]) => ({ short_name, name, type }))
  // Organisations already named by an account or a flag join the list as they are spelt there.
  const named = [
    ...(await db
      .selectFrom('users')
      .select('organisation as name')
      .where('organisation', 'is not', null)
      .execute()),
    ...(await db.selectFrom('cofinancing_flags').select('organisation as name').execute()),
  ]
  for (const { name } of named as Array<{ name: string | null }>) {
    const short = name?.trim()
    if (!short || known.has(short.toLowerCase())) continue
    known.add(short.toLowerCase())
    rows.push({ short_name: short, name: short, type: 'other' })
  }
  await db
    .insertInto('organisations')
    .values(
      rows.map((r, i) => ({
        id: `org-${String(i + 1).padStart(3, '0')}`,
        ...r,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()

  // Status: invited (no password yet), active, deactivated. Accounts made before this migration
  // signed in already, so they are active.
  await db.schema
    .alterTable('users')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute()
  await db.schema
    .alterTable('users')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .execute()
  await db.schema.alterTable('users').addColumn('last_sign_in_at', 'text').execute()
  await db.schema.alterTable('users').addColumn('updated_at', 'text').execute()
  await db
    .updateTable('users')
    .set({ updated_at: sql`created_at` })
    .execute()
  await db.schema.createIndex('users_role_status').on('users').columns(['role', 'status']).execute()

  // Invitation (7 days) and password-reset (1 hour) links. Only a SHA-256 of the link's secret is
  // kept, so a copy of the database opens no account; used_at and revoked_at make each single use.
  await db.schema
    .createTable('one_time_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // invitation, password_reset
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema
    .createIndex('one_time_tokens_user')
    .on('one_time_tokens')
    .columns(['user_id', 'purpose'])
    .execute()

  // Every change to people and access. Append-only: app code inserts and reads, never updates or
  // deletes (app/people/access-log.server.ts).
  await db.schema
    .createTable('access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    // invited, accepted, role_changed, ... (app/people/access-events.ts)
    .addColumn('event', 'text', (c) => c.notNull())
    // who did it; null for the command line and for events with no signed-in person
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    // whose account it concerns; null when none is known (a reset asked for an unknown e-mail)
    .addColumn('subject_id', 'text', (c) => c.references('users.id'))
    // the client address, when a request caused it
    .addColumn('ip', 'text')
    // JSON text, shaped by event
    .addColumn('details', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('access_log_at').on('access_log').columns(['at', 'id']).execute()
  await db.schema.createIndex('access_log_subject').on('access_log').columns(['subject_id', 'at']).execute()
  await db.schema.createIndex('access_log_event').on('access_log').columns(['event', 'at']).execute()

  // What the account page shows of each session: since when, last used, which browser.
  await db.schema.alterTable('sessions').addColumn('created_at', 'text').execute()
  await db.schema.alterTable('sessions').addColumn('last_used_at', 'text').execute()
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute()
  await db.updateTable('sessions').set({ created_at: now, last_used_at: now }).execute()

  // E-mail per kind of notification: immediate, digest or none; no row means immediate.
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // mentions, status_changes, cofinancing, changes
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute()

  // One digest mail per person and UTC day: the primary key is what keeps two app instances from
  // sending it twice. Entries wait with digest_id null until a digest takes them.
  await db.schema
    .createTable('mail_digests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('entry_count', 'integer', (c) => c.notNull())
    .addUniqueConstraint('mail_digests_user_day', ['user_id', 'day'])
    .execute()
  await db.schema
    .createTable('digest_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('notification_id', 'text', (c) => c.references('notifications.id').onDelete('set null'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('digest_id', 'text', (c) => c.references('mail_digests.id'))
    .execute()
  await db.schema
    .createIndex('digest_entries_pending')
    .on('digest_entries')
    .columns(['digest_id', 'user_id'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digest_entries').execute()
  await db.schema.dropTable('mail_digests').execute()
  await db.schema.dropTable('notification_preferences').execute()
  await db.schema.alterTable('sessions').dropColumn('user_agent').execute()
  await db.schema.alterTable('sessions').dropColumn('last_used_at').execute()
  await db.schema.alterTable('sessions').dropColumn('created_at').execute()
  await db.schema.dropTable('access_log').execute()
  await db.schema.dropTable('one_time_tokens').execute()
  await db.schema.dropIndex('users_role_status').execute()
  for (const column of ['updated_at', 'last_sign_in_at', 'language', 'status'])
    await db.schema.alterTable('users').dropColumn(column).execute()
  await db.schema.dropTable('organisations').execute()
}
