import type { Transaction } from 'kysely'
import type { Database, DB } from '../../db/schema'

/** Runs `work` in the caller's transaction when there is one, else in a new one. */
export function inTransaction<T>(db: DB, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>)
  return db.transaction().execute(work)
}
