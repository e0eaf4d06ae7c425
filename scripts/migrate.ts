import { configOrExit } from '../app/config.server'
import { connect, migrateToLatest } from '../db/connect'

const db = connect(configOrExit().DATABASE_URL)
try {
  const applied = await migrateToLatest(db)
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database already up to date.')
} finally {
  await db.destroy()
}
