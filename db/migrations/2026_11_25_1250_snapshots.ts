import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Named snapshots of the portfolio and the items as they were (issue 4, "Snapshots and what
// changed"). See docs/decisions/0013-snapshots.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    // null when no signed-in person took it (a script); kept if the user goes
    .addColumn('taken_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    // The meeting whose opening took it. Plain nullable text without a foreign key on purpose:
    // the meetings table arrives in another branch (issue 4, meetings), and a snapshot must not
    // stop a meeting from being deleted or depend on the order the two migrations land in.
    .addColumn('meeting_id', 'text')
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('snapshots_taken_at').on('snapshots').columns(['taken_at', 'id']).execute()
  await db.schema.createIndex('snapshots_meeting').on('snapshots').column('meeting_id').execute()

  // One row per item in the snapshot. What the "changes since" report compares is in columns,
  // so a diff reads no JSON for items that did not change; the rest of the item (taxonomy
  // names, lists, years, partners) is one JSON text in `data`. Amounts in integer thousands of
  // USD like items (0002). `flags` is the item's live co-financing flags as canonical JSON text
  // (sorted by organisation), so equal flags compare as equal strings.
  await db.schema
    .createTable('snapshot_items')
    .addColumn('snapshot_id', 'text', (c) => c.notNull().references('snapshots.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text')
    .addColumn('title_ru', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cost_kusd', 'integer')
    .addColumn('secured_kusd', 'integer')
    .addColumn('gap_kusd', 'integer')
    .addColumn('strategic_importance', 'integer')
    .addColumn('ease_of_implementation', 'integer')
    .addColumn('scores_count', 'integer', (c) => c.notNull())
    .addColumn('importance_median', 'double precision')
    .addColumn('ease_median', 'double precision')
    .addColumn('quadrant', 'text', (c) => c.notNull())
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('snapshot_items_pk', ['snapshot_id', 'item_id'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('snapshot_items').execute()
  await db.schema.dropTable('snapshots').execute()
}
