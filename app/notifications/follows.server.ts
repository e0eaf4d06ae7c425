import type { DB } from '../../db/schema'
import {
  actorOf,
  can,
  followsByCountry,
  forbiddenOutcome,
  type Actor,
  type Forbidden,
} from '../permissions/permissions'

// Who follows an item (docs/decisions/0008-notifications.md): working group members follow their
// own countries' items without asking (the rule is app/permissions followsByCountry); anyone
// follows an item they comment on, flag or are mentioned on; the Follow button adds or removes an
// item by hand. An unfollow (a row with following = 0) wins over the country rule, until the
// person comments, flags or is mentioned again.

export type FollowReason = 'commented' | 'flagged' | 'mentioned' | 'chosen'

export interface Follower {
  id: string
  name: string
  email: string
  /** the person's preferred language (app/people): their mail is written in it */
  language: string
}

/** Sets (following) or clears (unfollowing) a person's follow of an item. */
export async function setFollow(
  db: DB,
  userId: string,
  itemId: string,
  following: boolean,
  reason: FollowReason,
  at: string,
): Promise<void> {
  await db
    .insertInto('item_follows')
    .values({ user_id: userId, item_id: itemId, following: following ? 1 : 0, reason, updated_at: at })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'item_id'])
        .doUpdateSet({ following: following ? 1 : 0, reason, updated_at: at }),
    )
    .execute()
}

/** Everyone who follows the item, explicitly or through a proposer country, without unfollows; by name. */
export async function followersOf(db: DB, itemId: string): Promise<Follower[]> {
  const [explicit, proposers, candidates] = await Promise.all([
    db
      .selectFrom('users as u')
      .innerJoin('item_follows as f', 'f.user_id', 'u.id')
      .select(['u.id', 'u.name', 'u.email', 'u.language'])
      .where('f.item_id', '=', itemId)
      .where('f.following', '=', 1)
      .execute(),
    db.selectFrom('item_proposers').select('country_code').where('item_id', '=', itemId).execute(),
    // People with a country among the item's proposers and no row of their own for it (a row
    // decides either way); permissions decides which of them follow by country.
    db
      .selectFrom('users as u')
      .innerJoin('user_countries as uc', 'uc.user_id', 'u.id')
      .innerJoin('item_proposers as p', 'p.country_code', 'uc.country_code')
      .select(['u.id', 'u.name', 'u.email', 'u.language', 'u.role', 'u.organisation'])
      .where('p.item_id', '=', itemId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('item_follows as f')
              .select('f.user_id')
              .whereRef('f.user_id', '=', 'u.id')
              .where('f.item_id', '=', itemId),
          ),
        ),
      )
      .distinct()
      .execute(),
  ])
  const item = { proposers: proposers.map((p) => p.country_code) }
  const countries = await countriesOfUsers(
    db,
    candidates.map((c) => c.id),
  )
  const byCountry = candidates.filter((c) => followsByCountry(actorOf(c, countries.get(c.id) ?? []), item))
  const all = new Map(
    [...explicit, ...byCountry].map((f) => [
      f.id,
      { id: f.id, name: f.name, email: f.email, language: f.language },
    ]),
  )
  return [...all.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

async function countriesOfUsers(db: DB, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>()
  if (userIds.length === 0) return byUser
  const rows = await db
    .selectFrom('user_countries')
    .select(['user_id', 'country_code'])
    .where('user_id', 'in', [...new Set(userIds)])
    .execute()
  for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.country_code])
  return byUser
}

/** Does `actor` follow the item, and why: by hand or activity ('explicit'), through a proposer country, or not at all. */
export async function followOf(
  db: DB,
  actor: Actor,
  item: { id: string; proposers: readonly string[] },
): Promise<'explicit' | 'country' | 'none'> {
  const row = await db
    .selectFrom('item_follows')
    .select('following')
    .where('user_id', '=', actor.id)
    .where('item_id', '=', item.id)
    .executeTakeFirst()
  if (row) return Number(row.following) === 1 ? 'explicit' : 'none'
  return followsByCountry(actor, item) ? 'country' : 'none'
}

export type FollowOutcome = { kind: 'done' } | { kind: 'not_found' } | Forbidden

/** The Follow button: follows or unfollows the item by ref. */
export async function followItem(
  db: DB,
  actor: Actor,
  ref: string,
  following: boolean,
): Promise<FollowOutcome> {
  if (!can(actor, 'item:follow')) return forbiddenOutcome('item:follow')
  const item = await db.selectFrom('items').select('id').where('ref', '=', ref).executeTakeFirst()
  if (!item) return { kind: 'not_found' }
  await setFollow(db, actor.id, item.id, following, 'chosen', new Date().toISOString())
  return { kind: 'done' }
}
