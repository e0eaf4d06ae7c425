import fs from 'node:fs'
import { importFrameworkFile } from '../app/monitoring/framework.server'
import { KPI_FILE } from '../db/seed'
import { fail, withDatabase } from './cli'

// npm run kpis:import [-- FILE]: loads a monitoring framework file (default: the Digital Strategy
// 2030's, db/data/digital-kpis.csv) into DATABASE_URL, creating and updating KPIs by code; the
// units, directions, baselines and targets the secretariat set stay as they are. Safe to run again.
const file = process.argv[2] ?? KPI_FILE
if (!fs.existsSync(file)) fail(`No such file: ${file}`)

await withDatabase(async (db) => {
  const outcome = await importFrameworkFile(db, fs.readFileSync(file))
  if (outcome.kind === 'invalid')
    fail(
      [`${file}: nothing imported.`, ...outcome.errors.map((e) => `  line ${e.line}: ${e.message}`)].join(
        '\n',
      ),
    )
  console.log(
    `${file}: ${outcome.created} KPIs created, ${outcome.updated} updated, ${outcome.recommendations} new recommendations.`,
  )
})
