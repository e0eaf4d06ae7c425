import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, DB } from '../../db/schema'
import type { ImportSummary } from './import.server'
import type { BatchPlan } from './plan.server'
import type { StatusPolicy } from './status-moves'
import type { NewTaxonomyRow } from './taxonomy-index.server'

// An upload's plan as its preview made it, kept in the database (`import_plans`) until the
// confirmation (docs/decisions/0060-kept-import-plan.md). The confirmation then writes it without
// reading, checking and planning the file again, when everything the plan read still holds (the
// taxonomy's fingerprint, every named item's version, every new ref free: the checks made of a
// plan made again, 0041 and 0051); otherwise it plans again as before. In the database, not in a
// process, so that any server's confirmation finds it, after a restart too.

/**
 * The shape of a kept plan. A server that reads a head of another format (a kept plan from before
 * an upgrade) plans the file again.
 */
export const KEPT_PLAN_FORMAT = 1

/** What the confirmation needs of a plan besides its batches. */
export interface KeptPlanHead {
  format: number
  /** the status policy it was planned with */
  policy: StatusPolicy
  summary: ImportSummary
  newTaxonomy: NewTaxonomyRow[]
  taxonomyFingerprint: string
  /** how many batches (parts 1..batches) */
  batches: number
}

export interface KeptPlan extends KeptPlanHead {
  planId: string
}

/**
 * Keeps a preview's plan as it is made: each batch as it is planned (a statement of its own, no
 * transaction: a preview holds no lock), then the head, which makes it usable, and only then are
 * the upload's older plans removed. A plan without its head (a preview that failed or found
 * problems) is removed by `discard`, or with its upload.
 */
export class PlanKeeper {
  private parts = 0
  readonly planId = randomUUID()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly uploadId: string,
    private readonly now: string,
  ) {}

  async add(batch: BatchPlan): Promise<void> {
    this.parts++
    await this.db
      .insertInto('import_plans')
      .values({
        plan_id: this.planId,
        part: this.parts,
        upload_id: this.uploadId,
        digest: null,
        body: JSON.stringify(batch),
        created_at: this.now,
      })
      .execute()
  }

  async finish(digest: string, head: Omit<KeptPlanHead, 'format' | 'batches'>): Promise<void> {
    const body: KeptPlanHead = { format: KEPT_PLAN_FORMAT, ...head, batches: this.parts }
    await this.db
      .insertInto('import_plans')
      .values({
        plan_id: this.planId,
        part: 0,
        upload_id: this.uploadId,
        digest,
        body: JSON.stringify(body),
        created_at: this.now,
      })
      .execute()
    await this.db
      .deleteFrom('import_plans')
      .where('upload_id', '=', this.uploadId)
      .where('plan_id', '<>', this.planId)
      .execute()
  }

  async discard(): Promise<void> {
    await this.db.deleteFrom('import_plans').where('plan_id', '=', this.planId).execute()
  }
}

/** The upload's kept plan whose summary has `digest` (the preview the person confirms), if any. */
export async function keptPlan(db: DB, uploadId: string, digest: string): Promise<KeptPlan | null> {
  const head = await db
    .selectFrom('import_plans')
    .select(['plan_id', 'body'])
    .where('upload_id', '=', uploadId)
    .where('part', '=', 0)
    .where('digest', '=', digest)
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
  if (!head) return null
  const body = JSON.parse(head.body) as KeptPlanHead
  if (body.format !== KEPT_PLAN_FORMAT) return null
  return { ...body, planId: head.plan_id }
}

/** Whether all of a kept plan's batches are still there (a newer preview's removes them). */
export async function keptPlanWhole(db: DB, plan: KeptPlan): Promise<boolean> {
  const row = await db
    .selectFrom('import_plans')
    .select((eb) => eb.fn.countAll<number>().as('parts'))
    .where('plan_id', '=', plan.planId)
    .where('part', '>', 0)
    .executeTakeFirstOrThrow()
  return Number(row.parts) === plan.batches
}

/** A kept plan's batches in order, one read at a time (call `keptPlanWhole` first). */
export async function* keptBatches(db: DB, plan: KeptPlan): AsyncGenerator<BatchPlan> {
  for (let part = 1; part <= plan.batches; part++) {
    const row = await db
      .selectFrom('import_plans')
      .select('body')
      .where('plan_id', '=', plan.planId)
      .where('part', '=', part)
      .executeTakeFirstOrThrow()
    yield JSON.parse(row.body) as BatchPlan
  }
}

/** Removes an upload's kept plans (in the confirmation's transaction, once it is imported). */
export async function removeKeptPlans(db: DB, uploadId: string): Promise<void> {
  await db.deleteFrom('import_plans').where('upload_id', '=', uploadId).execute()
}
