import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { DB } from '../../db/schema'
import { can, type Actor } from '../permissions/permissions'
import { recordAccessEvent } from './access-log.server'
import { inTransaction } from './transaction.server'
import type { OrganisationInput, OrganisationType } from './schema'

// The development partners' organisations, a managed list (docs/decisions/0020). Accounts and
// co-financing flags name an organisation by its short name, so the short name never changes
// once created and an organisation in use is never removed; its name and type may change.

export interface Organisation {
  id: string
  shortName: string
  name: string
  type: OrganisationType
  /** partner accounts that belong to it */
  people: number
  /** co-financing flags it has ever made */
  flags: number
}

export async function listOrganisations(db: DB): Promise<Organisation[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .select((eb) => [
      'o.id',
      'o.short_name',
      'o.name',
      'o.type',
      eb
        .selectFrom('users as u')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('u.organisation', '=', 'o.short_name')
        .as('people'),
      eb
        .selectFrom('cofinancing_flags as f')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('f.organisation', '=', 'o.short_name')
        .as('flags'),
    ])
    .orderBy(sql`lower(o.short_name)`)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    shortName: r.short_name,
    name: r.name,
    type: r.type as OrganisationType,
    people: Number(r.people ?? 0),
    flags: Number(r.flags ?? 0),
  }))
}

/** The stored short name matching `name` whatever its case, or null. */
export async function findOrganisation(db: DB, name: string): Promise<string | null> {
  const row = await db
    .selectFrom('organisations')
    .select('short_name')
    .where(sql`lower(short_name)`, '=', name.trim().toLowerCase())
    .executeTakeFirst()
  return row?.short_name ?? null
}

export type OrganisationOutcome =
  | { kind: 'saved'; id: string }
  | { kind: 'removed' }
  | { kind: 'forbidden' }
  | { kind: 'not_found' }
  | { kind: 'taken'; existing: string }
  | { kind: 'in_use' }

export async function addOrganisation(
  db: DB,
  actor: Actor,
  input: OrganisationInput,
  now = new Date().toISOString(),
): Promise<OrganisationOutcome> {
  if (!can(actor, 'organisation:manage')) return { kind: 'forbidden' }
  return inTransaction(db, async (trx) => {
    const existing = await findOrganisation(trx, input.short_name)
    if (existing) return { kind: 'taken', existing }
    const id = randomUUID()
    await trx
      .insertInto('organisations')
      .values({
        id,
        short_name: input.short_name,
        name: input.name,
        type: input.type,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await recordAccessEvent(trx, {
      event: 'organisation_added',
      actorId: actor.id,
      subjectId: null,
      details: { short_name: input.short_name, name: input.name, type: input.type },
      at: now,
    })
    return { kind: 'saved', id }
  })
}

/** Changes an organisation's name and type; its short name stays (see above). */
export async function updateOrganisation(
  db: DB,
  actor: Actor,
  id: string,
  input: Pick<OrganisationInput, 'name' | 'type'>,
  now = new Date().toISOString(),
): Promise<OrganisationOutcome> {
  if (!can(actor, 'organisation:manage')) return { kind: 'forbidden' }
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('organisations')
      .select(['short_name', 'name', 'type'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!before) return { kind: 'not_found' }
    if (before.name === input.name && before.type === input.type) return { kind: 'saved', id }
    await trx
      .updateTable('organisations')
      .set({ name: input.name, type: input.type, updated_at: now })
      .where('id', '=', id)
      .execute()
    await recordAccessEvent(trx, {
      event: 'organisation_changed',
      actorId: actor.id,
      subjectId: null,
      details: {
        short_name: before.short_name,
        from: { name: before.name, type: before.type },
        to: { name: input.name, type: input.type },
      },
      at: now,
    })
    return { kind: 'saved', id }
  })
}

/** Removes an organisation no account and no co-financing flag names (a mistyped entry). */
export async function removeOrganisation(
  db: DB,
  actor: Actor,
  id: string,
  now = new Date().toISOString(),
): Promise<OrganisationOutcome> {
  if (!can(actor, 'organisation:manage')) return { kind: 'forbidden' }
  return inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('organisations')
      .select('short_name')
      .where('id', '=', id)
      .executeTakeFirst()
    if (!found) return { kind: 'not_found' }
    const used =
      (await trx
        .selectFrom('users')
        .select('id')
        .where('organisation', '=', found.short_name)
        .executeTakeFirst()) ??
      (await trx
        .selectFrom('cofinancing_flags')
        .select('id')
        .where('organisation', '=', found.short_name)
        .executeTakeFirst())
    if (used) return { kind: 'in_use' }
    await trx.deleteFrom('organisations').where('id', '=', id).execute()
    await recordAccessEvent(trx, {
      event: 'organisation_removed',
      actorId: actor.id,
      subjectId: null,
      details: { short_name: found.short_name },
      at: now,
    })
    return { kind: 'removed' }
  })
}
