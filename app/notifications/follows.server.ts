import type { DB } from '../../db/schema'
import type { Actor } from '../permissions/permissions'

// Who follows an item (docs/decisions/0008-notifications.md): working group members follow their
// own countries' items without asking; anyone follows an item they comment on, flag or are
// mentioned on; the Follow button adds or removes an item by hand. An unfollow (a row with
// following = 0) wins over the country rule, until the person comments, flags or is mentioned again.

export type FollowReason = 'commented' | 'flagged' | 'mentioned' | 'chosen'

export interface Follower {
  id: string
  name: string
  email: string
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

/** Everyone who follows the item, explicitly or through a proposer country, without unfollows. */
export async function followersOf(db: DB, itemId: string): Promise<Follower[]> {
  const rows = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.name', 'u.email'])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('item_follows as f')
            .select('f.user_id')
            .whereRef('f.user_id', '=', 'u.id')
            .where('f.item_id', '=', itemId)
            .where('f.following', '=', 1),
        ),
        eb.and([
          eb.exists(
            eb
              .selectFrom('user_countries as uc')
              .innerJoin('item_proposers as p', 'p.country_code', 'uc.country_code')
              .select('uc.user_id')
              .whereRef('uc.user_id', '=', 'u.id')
              .where('p.item_id', '=', itemId),
          ),
          eb.not(
            eb.exists(
              eb
                .selectFrom('item_follows as f')
                .select('f.user_id')
                .whereRef('f.user_id', '=', 'u.id')
                .where('f.item_id', '=', itemId)
                .where('f.following', '=', 0),
            ),
          ),
        ]),
      ]),
    )
    .orderBy('u.name')
    .execute()
  return rows
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
  return item.proposers.some((code) => actor.countries.includes(code)) ? 'country' : 'none'
}

/** The Follow button: follows or unfollows the item by ref; false when there is no such item. */
export async function followItem(db: DB, actor: Actor, ref: string, following: boolean): Promise<boolean> {
  const item = await db.selectFrom('items').select('id').where('ref', '=', ref).executeTakeFirst()
  if (!item) return false
  await setFollow(db, actor.id, item.id, following, 'chosen', new Date().toISOString())
  return true
}
