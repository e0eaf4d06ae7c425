import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The overview (issue 10): items become published or internal, and every status change gets a
// row of its own so the dashboard's "status over time" is a GROUP BY, not a read of every event's
// JSON (which the two databases parse differently). docs/decisions/0026-public-portfolio.md.

const BATCH = 500

interface EventRow {
  item_id: string
  seq: number
  kind: string
  at: string
  data: string
}

/** The status change an event records, as app/workflow/status-changes.ts reads it at the time of this migration. */
function changeOf(event: EventRow): { from: string | null; to: string } | null {
  let details: Record<string, unknown>
  try {
    details = JSON.parse(event.data) as Record<string, unknown>
  } catch {
    return null
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : null)
  if (event.kind === 'created') return text(details.status) ? { from: null, to: text(details.status)! } : null
  if (event.kind === 'transition')
    return text(details.to) ? { from: text(details.from), to: text(details.to)! } : null
  if (event.kind === 'imported') {
    if (details.created === true && text(details.status)) return { from: null, to: text(details.status)! }
    const changes = Array.isArray(details.changes) ? (details.changes as Array<Record<string, unknown>>) : []
    const status = changes.find((change) => change.field === 'status')
    return status && text(status.new) ? { from: text(status.old), to: text(status.new)! } : null
  }
  return null
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // 0 internal (every existing item, and new ones), 1 published on /public
  await db.schema
    .alterTable('items')
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // The public pages and API read only published items, not archived.
  await db.schema
    .createIndex('items_published')
    .on('items')
    .columns(['published', 'archived', 'ref'])
    .execute()

  await db.schema
    .createTable('item_status_changes')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
    // the seq of the history event that made the change
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // YYYY-MM of `at` (UTC), made in app code: the dashboard groups by it
    .addColumn('month', 'text', (c) => c.notNull())
    // null for the status an item started with
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_status_changes_pk', ['item_id', 'seq'])
    .execute()
  // In the order the dashboard groups by, holding what it sums: each figure is one read of an
  // index in order, with no table rows fetched and no sort (docs/performance.md, "Dashboard").
  await db.schema
    .createIndex('item_status_changes_month')
    .on('item_status_changes')
    .columns(['month', 'from_status', 'to_status', 'item_id'])
    .execute()
  await db.schema
    .createIndex('items_dashboard')
    .on('items')
    .columns([
      'archived',
      'status',
      'quadrant',
      'strategy_id',
      'pillar_id',
      'start_year',
      'cost_kusd',
      'secured_kusd',
      'gap_kusd',
    ])
    .execute()
  for (const key of ['proposers_key', 'modalities_key'])
    await db.schema
      .createIndex(`items_dashboard_${key}`)
      .on('items')
      .columns(['archived', key, 'cost_kusd', 'secured_kusd', 'gap_kusd'])
      .execute()

  // The changes already in the history, read in batches so a large register never sits in memory.
  let after = { item_id: '', seq: 0 }
  for (;;) {
    const rows: EventRow[] = await db
      .selectFrom('item_events')
      .select(['item_id', 'seq', 'kind', 'at', 'data'])
      .where('kind', 'in', ['created', 'transition', 'imported'])
      .where((eb) =>
        eb.or([
          eb('item_id', '>', after.item_id),
          eb.and([eb('item_id', '=', after.item_id), eb('seq', '>', after.seq)]),
        ]),
      )
      .orderBy('item_id')
      .orderBy('seq')
      .limit(BATCH)
      .execute()
    if (rows.length === 0) break
    const values = rows.flatMap((row) => {
      const change = changeOf(row)
      return change
        ? [
            {
              item_id: row.item_id,
              seq: row.seq,
              at: row.at,
              month: row.at.slice(0, 7),
              from_status: change.from,
              to_status: change.to,
            },
          ]
        : []
    })
    if (values.length) await db.insertInto('item_status_changes').values(values).execute()
    const last = rows[rows.length - 1]!
    after = { item_id: last.item_id, seq: last.seq }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['items_dashboard', 'items_dashboard_proposers_key', 'items_dashboard_modalities_key'])
    await db.schema.dropIndex(index).execute()
  await db.schema.dropTable('item_status_changes').execute()
  await db.schema.dropIndex('items_published').execute()
  await db.schema.alterTable('items').dropColumn('published').execute()
}
