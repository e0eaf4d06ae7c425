import type { Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Written procedures: the committee decides on a set of items by vote, without a meeting
// (issue 11, "Decisions belong to the committee"). See docs/decisions/0029-written-procedures.md.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('written_procedures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    // ISO time (UTC) after which no vote is taken and the procedure closes
    .addColumn('deadline', 'text', (c) => c.notNull())
    // the installation's outcome rule when it opened (app/procedures/rules.ts), kept so a later
    // change of configuration does not change how an open procedure is counted
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('closed_at', 'text')
    // endorsed or not_endorsed, once closed
    .addColumn('outcome', 'text')
    .execute()
  await db.schema
    .createIndex('written_procedures_open')
    .on('written_procedures')
    .columns(['closed_at', 'deadline'])
    .execute()

  // The items put to the committee, in order, and what closing did to each: endorsed, unchanged
  // (the outcome was not to endorse) or refused (the workflow refused the move; `refusal` says why).
  await db.schema
    .createTable('written_procedure_items')
    .addColumn('procedure_id', 'text', (c) =>
      c.notNull().references('written_procedures.id').onDelete('cascade'),
    )
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('refusal', 'text')
    .addPrimaryKeyConstraint('written_procedure_items_pk', ['procedure_id', 'item_id'])
    .execute()

  // The electorate (the committee's members when the procedure opened), one row each; `vote`
  // (endorse, object, abstain) stays null until they vote, once.
  await db.schema
    .createTable('written_procedure_votes')
    .addColumn('procedure_id', 'text', (c) =>
      c.notNull().references('written_procedures.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('vote', 'text')
    .addColumn('comment', 'text')
    .addColumn('voted_at', 'text')
    .addPrimaryKeyConstraint('written_procedure_votes_pk', ['procedure_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('written_procedure_votes_user')
    .on('written_procedure_votes')
    .columns(['user_id', 'vote'])
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('written_procedure_votes').execute()
  await db.schema.dropTable('written_procedure_items').execute()
  await db.schema.dropTable('written_procedures').execute()
}
