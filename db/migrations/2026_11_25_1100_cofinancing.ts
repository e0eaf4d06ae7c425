import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Co-financing flags (issue 3): a development partner's interest in an item, one live flag per
// (item, organisation). Withdrawing keeps the row (withdrawn = 1) so the history can refer to it;
// flagging again revives it. See docs/decisions/0006-cofinancing.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cofinancing_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    // the partner's organisation as on their user record (users.organisation), e.g. ADB
    .addColumn('organisation', 'text', (c) => c.notNull())
    // who last set the flag
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // grant, loan, technical_assistance, guarantee, equity, other (app/cofinancing/schema.ts)
    .addColumn('instrument', 'text', (c) => c.notNull())
    // indicative amount in integer thousands of USD, like the items' amounts; null: not said
    .addColumn('amount_kusd', 'integer')
    // interest, in_discussion, committed: committed amounts count as secured in the item's gap
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('withdrawn', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // One flag row per item and organisation: flagging again after a withdrawal revives it.
    .addUniqueConstraint('cofinancing_flags_item_org', ['item_id', 'organisation'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cofinancing_flags').execute()
}
