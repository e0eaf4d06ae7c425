import type { DB } from '../../db/schema'
import type { Config } from '../config.server'
import { LANGUAGES, type Language } from '../i18n/languages'
import { can, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import { DAC_PURPOSE_CODES } from './codelists'
import { DAC_CODE, type Publisher, type PublisherInput } from './publisher'

// The publisher settings as stored (one row) or, until the secretariat saves them, as the
// configuration starts them (IATI_* in app/config.server.ts); and the areas' DAC purpose codes.

const ROW_ID = 'publisher'

type IatiConfig = Pick<
  Config,
  'IATI_REPORTING_ORG_REF' | 'IATI_REPORTING_ORG_NAME' | 'IATI_REPORTING_ORG_TYPE' | 'IATI_ACTIVITY_PREFIX'
>

/** The starting values from configuration; the prefix defaults to the organisation identifier and "-". */
export function publisherFromConfig(cfg: IatiConfig): Publisher {
  const ref = cfg.IATI_REPORTING_ORG_REF ?? ''
  return {
    org_ref: ref,
    org_name: { en: cfg.IATI_REPORTING_ORG_NAME ?? null, ru: null, zh: null },
    org_type: cfg.IATI_REPORTING_ORG_TYPE ?? '',
    activity_prefix: cfg.IATI_ACTIVITY_PREFIX ?? (ref ? `${ref}-` : ''),
    default_currency: 'USD',
    default_language: 'en',
  }
}

export async function getPublisher(
  db: DB,
  cfg: IatiConfig,
): Promise<{ publisher: Publisher; stored: boolean }> {
  const row = await db.selectFrom('iati_publisher').selectAll().where('id', '=', ROW_ID).executeTakeFirst()
  if (!row) return { publisher: publisherFromConfig(cfg), stored: false }
  return {
    stored: true,
    publisher: {
      org_ref: row.org_ref,
      org_name: { en: row.org_name_en, ru: row.org_name_ru, zh: row.org_name_zh },
      org_type: row.org_type,
      activity_prefix: row.activity_prefix,
      default_currency: row.default_currency,
      default_language: (LANGUAGES as readonly string[]).includes(row.default_language)
        ? (row.default_language as Language)
        : 'en',
    },
  }
}

export async function savePublisher(
  db: DB,
  actor: Actor,
  input: PublisherInput,
  now: string,
): Promise<{ kind: 'saved' } | Forbidden> {
  if (!can(actor, 'iati:manage')) return forbiddenOutcome('iati:manage')
  const values = { ...input, updated_at: now, updated_by: actor.id }
  await db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('iati_publisher')
      .select('id')
      .where('id', '=', ROW_ID)
      .executeTakeFirst()
    if (exists) await trx.updateTable('iati_publisher').set(values).where('id', '=', ROW_ID).execute()
    else
      await trx
        .insertInto('iati_publisher')
        .values({ id: ROW_ID, ...values })
        .execute()
  })
  return { kind: 'saved' }
}

export interface AreaCode {
  id: string
  name: string
  pillar: string
  dac_code: string | null
}

export async function listAreaCodes(db: DB): Promise<AreaCode[]> {
  return db
    .selectFrom('areas as a')
    .innerJoin('pillars as p', 'p.id', 'a.pillar_id')
    .select(['a.id', 'a.name', 'p.name as pillar', 'a.dac_code'])
    .orderBy('p.name')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute()
}

export type AreaCodesOutcome =
  | { kind: 'saved'; changed: number }
  | { kind: 'invalid'; errors: Record<string, string> }
  | Forbidden

/** Sets the areas' codes (area id -> code, empty for none); every code must be a known DAC purpose code. */
export async function saveAreaCodes(
  db: DB,
  actor: Actor,
  codes: Record<string, string>,
): Promise<AreaCodesOutcome> {
  if (!can(actor, 'iati:manage')) return forbiddenOutcome('iati:manage')
  const errors: Record<string, string> = {}
  for (const [id, code] of Object.entries(codes)) {
    const trimmed = code.trim()
    if (trimmed === '') continue
    if (!DAC_CODE.test(trimmed)) errors[id] = 'validation.dacCode'
    else if (!DAC_PURPOSE_CODES.has(trimmed)) errors[id] = 'iatiExport.validation.unknownCode'
  }
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors }
  let changed = 0
  await db.transaction().execute(async (trx) => {
    for (const [id, code] of Object.entries(codes)) {
      const result = await trx
        .updateTable('areas')
        .set({ dac_code: code.trim() || null })
        .where('id', '=', id)
        .executeTakeFirst()
      changed += Number(result.numUpdatedRows)
    }
  })
  return { kind: 'saved', changed }
}

/** The seed's codes, by area name (db/data/iati/area-dac-codes.csv); answers how many areas got one. */
export async function setAreaCodesByName(db: DB, codes: ReadonlyMap<string, string>): Promise<number> {
  let set = 0
  await db.transaction().execute(async (trx) => {
    for (const [name, code] of codes) {
      const result = await trx
        .updateTable('areas')
        .set({ dac_code: code })
        .where('name', '=', name)
        .executeTakeFirst()
      set += Number(result.numUpdatedRows)
    }
  })
  return set
}

/** A plan's period (its items without years take it as indicative planned dates). */
export async function setPlanPeriod(db: DB, strategy: string, start: number, end: number): Promise<number> {
  const result = await db
    .updateTable('strategies')
    .set({ period_start_year: start, period_end_year: end })
    .where('name', '=', strategy)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
