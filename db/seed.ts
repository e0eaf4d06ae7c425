import fs from 'node:fs'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import type { Database } from './schema'
import { hashPassword } from '../app/auth/password.server'
import { importCsv, type ImportOutcome } from '../app/importer/import.server'
import type { Role } from '../app/permissions/permissions'
import type { CountryCode } from '../app/portfolio/codes'
import { parseTaxonomyNames, setTaxonomyNames } from '../app/portfolio/taxonomy-names.server'
import { parseAreaCodes } from '../app/iati/area-codes'
import { setAreaCodesByName, setPlanPeriod } from '../app/iati/publisher.server'
import { importFrameworkFile } from '../app/monitoring/framework.server'

/** The real tentative CITA 2030 RSAP 2025-2028, copied unchanged from shared/data. */
export const PLAN_FILE = fileURLToPath(new URL('./data/rsap-cita-2025-2028.csv', import.meta.url))
/** Russian and Chinese names of the plan's strategy, pillars and areas (docs/glossary.md's terms). */
export const TAXONOMY_NAMES_FILE = fileURLToPath(new URL('./data/taxonomy-names.csv', import.meta.url))
/** The DAC purpose code of each of the plan's 22 areas: their items' IATI sector (app/iati). */
export const AREA_DAC_CODES_FILE = fileURLToPath(new URL('./data/area-dac-codes.csv', import.meta.url))
/** The plan's period: its items without years take it as indicative planned dates (IATI export). */
export const PLAN_PERIOD = { strategy: 'CITA 2030', start: 2025, end: 2028 } as const
/**
 * The Digital Strategy 2030 midterm review's monitoring framework (27 KPIs): shared/data's file, its
 * columns unchanged, with our Russian names added (recommendation_ru, kpi_ru; the programme's file has
 * English and Chinese only, and our translation awaits a native speaker's review).
 */
export const KPI_FILE = fileURLToPath(new URL('./data/digital-kpis.csv', import.meta.url))
export const DEMO_PASSWORD = 'demo-pass-2026'

export const DEMO_USERS: Array<{
  email: string
  name: string
  role: Role
  countries?: CountryCode[]
  organisation?: string
}> = [
  { email: 'secretariat@demo.carec', name: 'Aigerim Sadykova', role: 'secretariat' },
  { email: 'wg.kaz@demo.carec', name: 'Nurlan Abenov', role: 'working_group', countries: ['KAZ'] },
  { email: 'wg.uzb@demo.carec', name: 'Dilnoza Karimova', role: 'working_group', countries: ['UZB'] },
  { email: 'sc@demo.carec', name: 'Batbayar Dorj', role: 'steering_committee' },
  { email: 'sc2@demo.carec', name: 'Elena Petrova', role: 'steering_committee' },
  { email: 'partner.adb@demo.carec', name: 'Maria Santos', role: 'partner', organisation: 'ADB' },
  { email: 'viewer@demo.carec', name: 'Vera Viewer', role: 'viewer' },
]

export async function createDemoUsers(db: Kysely<Database>): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  let created = 0
  await db.transaction().execute(async (trx) => {
    for (const user of DEMO_USERS) {
      const exists = await trx
        .selectFrom('users')
        .select('id')
        .where('email', '=', user.email)
        .executeTakeFirst()
      if (exists) continue
      const id = randomUUID()
      await trx
        .insertInto('users')
        .values({
          id,
          email: user.email,
          name: user.name,
          role: user.role,
          organisation: user.organisation ?? null,
          password_hash: passwordHash,
          created_at: new Date().toISOString(),
        })
        .execute()
      for (const country_code of user.countries ?? [])
        await trx.insertInto('user_countries').values({ user_id: id, country_code }).execute()
      created++
    }
  })
  return created
}

/** The plan's IATI facts: its areas' DAC purpose codes and its period, so it exports whole. */
export async function seedPlanIati(db: Kysely<Database>): Promise<void> {
  await setAreaCodesByName(db, parseAreaCodes(fs.readFileSync(AREA_DAC_CODES_FILE)))
  await setPlanPeriod(db, PLAN_PERIOD.strategy, PLAN_PERIOD.start, PLAN_PERIOD.end)
}

/** Demo accounts plus the real plan, through the same importer users have, its taxonomy's names, IATI facts and the KPI framework. */
export async function seedDemo(db: Kysely<Database>): Promise<{ users: number; plan: ImportOutcome }> {
  const users = await createDemoUsers(db)
  const plan = await importCsv(db, fs.readFileSync(PLAN_FILE), null)
  if (plan.ok) {
    await setTaxonomyNames(db, parseTaxonomyNames(fs.readFileSync(TAXONOMY_NAMES_FILE)))
    await seedPlanIati(db)
  }
  // the monitoring framework, through the importer `npm run kpis:import` uses
  await importFrameworkFile(db, fs.readFileSync(KPI_FILE))
  return { users, plan }
}
