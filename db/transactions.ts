import type { Kysely, Transaction } from 'kysely'
import type { Database, DB } from './schema'

// Who owns a transaction: the caller. Server functions take `db`, a database handle or an open
// transaction (DB), and run their writes through `withinTransaction`: inside the caller's
// transaction when given one, so a caller can make several writes commit together, else in a
// transaction of their own. One function per write, not a twin per caller (docs/decisions/0016).

/** Runs `work` in `db` when it is a transaction (the caller's), else in a new transaction. */
export function withinTransaction<T>(db: DB, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>)
  return (db as Kysely<Database>).transaction().execute(work)
}

/** Thrown to end a transaction whose work must not be kept, carrying what it found. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back on purpose')
  }
}

/**
 * Runs `work` in a new transaction and keeps its writes only when `keep` says so: otherwise the
 * transaction is rolled back and `work`'s answer is still returned. A dry run keeps nothing.
 */
export async function transactionKeepingIf<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
  keep: (value: T) => boolean,
): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      const value = await work(trx)
      if (!keep(value)) throw new Rollback(value)
      return value
    })
  } catch (error) {
    if (error instanceof Rollback) return error.value as T
    throw error
  }
}

/** Runs `work` in a transaction that always rolls back, and answers what it returned. */
export function inRolledBackTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return transactionKeepingIf(db, work, () => false)
}
