import { sql, type Kysely } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Only portable column types (text, integer) so the same file runs on SQLite and PostgreSQL.

const COUNTRIES: Array<[string, string, string, string]> = [
  ['AZE', 'Azerbaijan', 'Азербайджан', '阿塞拜疆'],
  ['PRC', "People's Republic of China", 'Китайская Народная Республика', '中华人民共和国'],
  ['GEO', 'Georgia', 'Грузия', '格鲁吉亚'],
  ['KAZ', 'Kazakhstan', 'Казахстан', '哈萨克斯坦'],
  ['KGZ', 'Kyrgyz Republic', 'Кыргызская Республика', '吉尔吉斯共和国'],
  ['MON', 'Mongolia', 'Монголия', '蒙古国'],
  ['PAK', 'Pakistan', 'Пакистан', '巴基斯坦'],
  ['TAJ', 'Tajikistan', 'Таджикистан', '塔吉克斯坦'],
  ['TKM', 'Turkmenistan', 'Туркменистан', '土库曼斯坦'],
  ['UZB', 'Uzbekistan', 'Узбекистан', '乌兹别克斯坦'],
  ['REG', 'Regional', 'Региональный', '区域'],
]

const ITEM_TYPES: Array<[string, string]> = [
  ['policy_dialogue', 'Policy dialogue'],
  ['investment_project', 'Investment project'],
  ['knowledge_services', 'Knowledge products and services'],
  ['technical_assistance', 'Technical assistance'],
]

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('countries')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute()
  await db
    .insertInto('countries')
    .values(COUNTRIES.map(([code, name_en, name_ru, name_zh], position) => ({ code, name_en, name_ru, name_zh, position })))
    .execute()

  await db.schema
    .createTable('item_types')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute()
  await db
    .insertInto('item_types')
    .values(ITEM_TYPES.map(([code, name_en], position) => ({ code, name_en, position })))
    .execute()

  await db.schema
    .createTable('strategies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('pillars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('strategy_id', 'text', (c) => c.notNull().references('strategies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pillars_strategy_name', ['strategy_id', 'name'])
    .execute()

  await db.schema
    .createTable('areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pillar_id', 'text', (c) => c.notNull().references('pillars.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('areas_pillar_name', ['pillar_id', 'name'])
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('user_countries')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('country_code', 'text', (c) => c.notNull().references('countries.code'))
    .addPrimaryKeyConstraint('user_countries_pk', ['user_id', 'country_code'])
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text')
    .addColumn('title_ru', 'text')
    .addColumn('description_en', 'text')
    .addColumn('source', 'text')
    .addColumn('strategy_id', 'text', (c) => c.notNull().references('strategies.id'))
    .addColumn('pillar_id', 'text', (c) => c.references('pillars.id'))
    .addColumn('area_id', 'text', (c) => c.references('areas.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_year', 'integer')
    .addColumn('end_year', 'integer')
    .addColumn('cost_kusd', 'integer')
    .addColumn('secured_kusd', 'integer')
    .addColumn('gap_kusd', 'integer')
    .addColumn('strategic_importance', 'integer')
    .addColumn('ease_of_implementation', 'integer')
    .addColumn('quadrant', 'text', (c) => c.notNull())
    .addColumn('partners', 'text', (c) => c.notNull())
    .addColumn('proposers_key', 'text')
    .addColumn('modalities_key', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute()

  // Refs are unique whatever their case: a second "cita-01-a" beside "CITA-01-a" would be a trap.
  await db.schema.createIndex('items_ref_lower').on('items').unique().expression(sql`lower(ref)`).execute()

  // The list is always filtered on `archived`, so every sort index leads with it, and ends with
  // `ref`, the tie-break of every sort: a page is then read in index order (or, for a column of
  // few values, per value in ref order) and counting per value reads only the index. See
  // listItems in app/portfolio/items.server.ts and docs/performance.md.
  const sortable = [
    'ref', 'title_en', 'status', 'start_year', 'end_year', 'cost_kusd', 'secured_kusd',
    'gap_kusd', 'quadrant', 'updated_at', 'strategy_id', 'pillar_id', 'area_id', 'proposers_key',
    'modalities_key',
  ]
  for (const column of sortable) {
    const columns = column === 'ref' ? ['archived', 'ref'] : ['archived', column, 'ref']
    await db.schema.createIndex(`items_archived_${column}`).on('items').columns(columns).execute()
  }
  // Every list filter and every sort column but the title (and the search text: see listItems),
  // then ref: a filtered view finds its matches, and sorts them, from this index alone instead
  // of fetching table rows. Status and quadrant first, so that filtering on them seeks.
  await db.schema
    .createIndex('items_filters')
    .on('items')
    .columns([
      'archived', 'status', 'quadrant', 'strategy_id', 'pillar_id', 'area_id', 'proposers_key', 'modalities_key',
      'start_year', 'end_year', 'cost_kusd', 'secured_kusd', 'gap_kusd', 'updated_at', 'ref',
    ])
    .execute()

  await db.schema
    .createTable('item_proposers')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('country_code', 'text', (c) => c.notNull().references('countries.code'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_proposers_pk', ['item_id', 'country_code'])
    .execute()
  await db.schema.createIndex('item_proposers_country').on('item_proposers').columns(['country_code', 'item_id']).execute()

  await db.schema
    .createTable('item_modalities')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('type_code', 'text', (c) => c.notNull().references('item_types.code'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_modalities_pk', ['item_id', 'type_code'])
    .execute()
  await db.schema.createIndex('item_modalities_type').on('item_modalities').columns(['type_code', 'item_id']).execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'item_modalities', 'item_proposers', 'items', 'sessions', 'user_countries', 'users',
    'areas', 'pillars', 'strategies', 'item_types', 'countries',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
