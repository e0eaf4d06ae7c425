import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely'

// SQLite starts a plain BEGIN as a reader and takes the write lock at its first write. When
// another connection (the CLI, a worker, a second process) commits in between, that upgrade fails
// at once with SQLITE_BUSY_SNAPSHOT, which busy_timeout does not retry: `npm run users -- add`
// failed so while the server wrote. BEGIN IMMEDIATE takes the write lock first and waits for it
// under busy_timeout like any other write. A transaction that only reads (a snapshot's reader)
// says so and keeps BEGIN, so it never holds the write lock (docs/decisions/0062).

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    const begin = settings?.accessMode === 'read only' ? 'begin' : 'begin immediate'
    await connection.executeQuery(CompiledQuery.raw(begin))
  }
}

/** Kysely's SQLite dialect whose writing transactions begin IMMEDIATE. */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig

  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
  }
}
