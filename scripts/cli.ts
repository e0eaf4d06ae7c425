import { configOrExit } from '../app/config.server'
import { connect, migrateToLatest } from '../db/connect'

/** Opens DATABASE_URL (default ./data/pipeline.db), brings it up to date, runs `work`, closes. */
export async function withDatabase(work: (db: ReturnType<typeof connect>) => Promise<void>): Promise<void> {
  const db = connect(configOrExit().DATABASE_URL)
  try {
    await migrateToLatest(db)
    await work(db)
  } finally {
    await db.destroy()
  }
}

export function fail(message: string): never {
  console.error(message)
  process.exit(1)
}
