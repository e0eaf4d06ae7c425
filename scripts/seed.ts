import { configOrExit } from '../app/config.server'
import { seedDemo } from '../db/seed'
import { fail, withDatabase } from './cli'

if (configOrExit().NODE_ENV === 'production')
  fail('Refusing to create demo accounts with NODE_ENV=production.')

await withDatabase(async (db) => {
  const { users, plan } = await seedDemo(db)
  if (!plan.ok) fail(`The demo plan did not import: ${JSON.stringify(plan.errors.slice(0, 5))}`)
  const { created, updated, unchanged } = plan.summary
  console.log(
    `Demo accounts created: ${users}. Plan items created: ${created.length}, updated: ${updated.length}, unchanged: ${unchanged.length}.`,
  )
})
