import type { DB } from '../../db/schema'
import { getFlags } from '../cofinancing/cofinancing.server'
import { getComments, getMentionableNames } from '../comments/comments.server'
import { can, canOnComment, type Actor } from '../permissions/permissions'
import { getItemWorkflow } from '../workflow/workflow.server'
import { followOf } from '../notifications/follows.server'
import { getScores } from '../prioritisation/scores.server'
import { iatiFactsOf } from '../iati/item-facts.server'
import { visibleHistory, visibleScores } from '../prioritisation/visibility'
import { committedKusdOf, getItemByRef } from '../portfolio/items.server'
import { financingOf, kusdToMillion, millionToKusd } from '../portfolio/money'

/**
 * Everything the item page shows, and what the user may do there: one function, so the page's
 * loader and `npm run bench` read exactly the same. Null when there is no such item.
 */
export async function getItemPage(db: DB, actor: Actor, ref: string) {
  const item = await getItemByRef(db, ref)
  if (!item) return null
  const mentionable = await getMentionableNames(db)
  const [workflow, flags, committedKusd, comments, follow, scores, iati] = await Promise.all([
    getItemWorkflow(db, actor, item),
    getFlags(db, item.id),
    committedKusdOf(db, item.id),
    getComments(db, actor, item.id, mentionable),
    followOf(db, actor, item),
    getScores(db, item.id),
    iatiFactsOf(db, item),
  ])
  const financing = financingOf(
    millionToKusd(item.cost_usd_m),
    millionToKusd(item.secured_usd_m),
    {
      government: millionToKusd(item.secured_government_usd_m),
      partners: millionToKusd(item.secured_partners_usd_m),
      private: millionToKusd(item.secured_private_usd_m),
    },
    committedKusd,
  )
  return {
    item,
    /** the financing block, USD million: secured by source, what no source accounts for, committed flags, the stored gap */
    financing: {
      unallocated: kusdToMillion(financing.unallocated) ?? 0,
      overAllocated: kusdToMillion(financing.overAllocated) ?? 0,
      committed: kusdToMillion(financing.committed) ?? 0,
    },
    // members' named scores and notes for the committee and the secretariat only (issue 11)
    workflow: { ...workflow, history: visibleHistory(actor, workflow.history) },
    canEdit: !item.archived && can(actor, 'item:edit', item),
    canArchive: can(actor, item.archived ? 'item:restore' : 'item:archive', item),
    canPublish: can(actor, 'item:publish'),
    /** may confirm that an outdated translation still stands (docs/decisions/0034) */
    canTranslate: !item.archived && can(actor, 'item:translate', item),
    flags,
    /** the committed co-financing, which counts as secured in the gap (gapOf) */
    committed: kusdToMillion(committedKusd) ?? 0,
    /** the partner's organisation when they may flag this item now, else null */
    flagAs: !item.archived && can(actor, 'flag:write', item) ? actor.organisation!.trim() : null,
    mentionable,
    comments,
    canComment: !item.archived && canOnComment(actor, 'comment:create'),
    /** whether the user follows the item: by hand or activity, through a proposer country, or not */
    follow: can(actor, 'item:follow') ? follow : null,
    scores: visibleScores(actor, scores),
    /** the IATI file's planned years (indicative when from the plan's period) and sector (app/iati) */
    iati,
    /** a committee member's own score (null: not scored yet); undefined for those who do not score */
    myScore:
      !item.archived && can(actor, 'score:write')
        ? (scores.members.find((m) => m.userId === actor.id) ?? null)
        : undefined,
  }
}
