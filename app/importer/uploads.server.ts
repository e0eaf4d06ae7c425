import { createHash, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, DB } from '../../db/schema'
import { can, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import { nowIso } from '../portfolio/items.server'
import { inspectImportFile } from './files.server'
import { transactionKeepingIf } from '../../db/transactions'
import { refreshStatistics, rightAway, type Afterwards } from '../../db/statistics'
import {
  planDigest,
  IMPORTED_TABLES,
  STATISTICS_AFTER,
  writtenCount,
  type ImportProgress,
  type ImportSummary,
} from './import.server'
import type { ImportError } from './interchange'
import {
  keptBatches,
  keptPlan,
  keptPlanWhole,
  PlanKeeper,
  removeKeptPlans,
  type KeptPlan,
} from './kept-plan.server'
import { PlanSpill, planFile, writePlannedBatches } from './staged.server'
import type { StatusMove, StatusPolicy } from './status-moves'

// The browser's import (docs/decisions/0011-browser-import.md): the uploaded file is kept in
// `import_uploads` so the preview and the confirmation read the same bytes on any app instance;
// the confirmation imports only if the plan is still the one previewed (its digest), in the
// same transaction that marks the upload imported. The preview's plan is kept in `import_plans`
// and written by the confirmation when nothing it read has moved, so the file is not planned
// twice (docs/decisions/0060-kept-import-plan.md).

/** Uploads not imported within this time are removed when someone next uploads. */
const KEEP_UNIMPORTED_MS = 24 * 60 * 60 * 1000

export interface UploadInfo {
  id: string
  filename: string
  size: number
  created_at: string
}

export type SaveUploadOutcome = { ok: true; id: string } | { ok: false; error: ImportError }

/** Keeps a file for import if it is one we read (size, type, not empty, within the limits); its rows are checked by the preview. */
export async function saveUpload(
  db: Kysely<Database>,
  user: Actor,
  filename: string,
  bytes: Uint8Array,
): Promise<SaveUploadOutcome> {
  const checked = await inspectImportFile(filename, bytes)
  if (!checked.ok) return checked
  const id = randomUUID()
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('import_uploads')
      .where('imported_at', 'is', null)
      .where('created_at', '<', new Date(Date.now() - KEEP_UNIMPORTED_MS).toISOString())
      .execute()
    await trx
      .insertInto('import_uploads')
      .values({
        id,
        user_id: user.id,
        filename: filename.slice(0, 255),
        kind: checked.kind,
        size: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        content: Buffer.from(bytes).toString('base64'),
        created_at: now,
        imported_at: null,
        result: null,
      })
      .execute()
  })
  return { ok: true, id }
}

async function loadUpload(db: Kysely<Database>, user: Actor, id: string) {
  // Each person sees only their own uploads.
  return db
    .selectFrom('import_uploads')
    .select(['id', 'filename', 'size', 'created_at', 'content', 'imported_at', 'result'])
    .where('id', '=', id)
    .where('user_id', '=', user.id)
    .executeTakeFirst()
}

/** Whether the upload is the person's and imported, without its bytes. */
async function uploadState(db: Kysely<Database>, user: Actor, id: string) {
  return db
    .selectFrom('import_uploads')
    .select('imported_at')
    .where('id', '=', id)
    .where('user_id', '=', user.id)
    .executeTakeFirst()
}

export type PreviewOutcome =
  | { kind: 'not_found' }
  | { kind: 'imported'; upload: UploadInfo; summary: ImportSummary; importedAt: string }
  /** the first problems (IMPORT_LIMITS.listedProblems) and how many more there are */
  | { kind: 'errors'; upload: UploadInfo; errors: ImportError[]; moreErrors: number }
  | {
      kind: 'ready'
      upload: UploadInfo
      summary: ImportSummary
      digest: string
      /** read as our own XLSX export, and its columns not imported (interchange.ts FileRead) */
      fromExport: boolean
      ignored: string[]
    }

/** The stored bytes of an upload; the base64 text is let go of as soon as it is decoded. */
function contentOf(upload: { content: string }): Buffer {
  const bytes = Buffer.from(upload.content, 'base64')
  upload.content = ''
  return bytes
}

const infoOf = (u: UploadInfo): UploadInfo => ({
  id: u.id,
  filename: u.filename,
  size: u.size,
  created_at: u.created_at,
})

/** The dry run of an upload: every error, or what importing it now would do (and its digest, for the confirmation). */
export async function previewUpload(
  db: Kysely<Database>,
  user: Actor,
  id: string,
  onProgress?: ImportProgress,
): Promise<PreviewOutcome> {
  const upload = await loadUpload(db, user, id)
  if (!upload) return { kind: 'not_found' }
  if (upload.imported_at)
    return {
      kind: 'imported',
      upload: infoOf(upload),
      summary: JSON.parse(upload.result ?? 'null') as ImportSummary,
      importedAt: upload.imported_at,
    }
  // Read, checked and planned a batch at a time: only the summary is held (staged.server.ts);
  // each batch's plan is kept in the database for the confirmation (kept-plan.server.ts).
  const keeper = new PlanKeeper(db, upload.id, nowIso())
  const planned = await planFile(db, upload.filename, contentOf(upload), 'as_recorded', {
    onProgress,
    onBatch: (batch) => keeper.add(batch),
  }).catch(async (error: unknown) => {
    await keeper.discard()
    throw error
  })
  if (!planned.ok) {
    await keeper.discard()
    return { kind: 'errors', upload: infoOf(upload), errors: planned.errors, moreErrors: planned.moreErrors }
  }
  const digest = planDigest(planned.summary)
  await keeper.finish(digest, {
    policy: 'as_recorded',
    summary: planned.summary,
    newTaxonomy: planned.newTaxonomy,
    taxonomyFingerprint: planned.taxonomyFingerprint,
  })
  return {
    kind: 'ready',
    upload: infoOf(upload),
    summary: planned.summary,
    digest,
    fromExport: planned.fromExport,
    ignored: planned.ignored,
  }
}

export type CommitOutcome =
  | Forbidden
  | { kind: 'not_found' }
  | { kind: 'already_imported' }
  | { kind: 'errors'; errors: ImportError[] }
  /** the database changed since the preview, so the import would not do what was shown: nothing was written */
  | { kind: 'changed' }
  /** status changes the workflow does not allow, and the secretariat did not tick "as recorded": nothing was written */
  | { kind: 'status_refused'; moves: StatusMove[] }
  /** `planned`: the preview's kept plan was written, or the file was planned again (the register moved) */
  | { kind: 'done'; summary: ImportSummary; planned: 'at_preview' | 'again' }

/**
 * Imports an upload if what it does is still what the preview showed (`digest`): all rows or
 * none, with the upload marked imported (and its summary kept) in the same transaction. Marking
 * it first also makes a second confirmation, even a simultaneous one, find it imported.
 * Status changes the workflow does not allow are refused unless `asRecorded` (the secretariat's
 * "apply status changes as recorded by the secretariat" for this import); then each is marked so
 * in the item's history. After a big import the planner's statistics are refreshed when
 * `afterwards` runs it: at once, or after the job's answer (decision 0069).
 */
export async function commitUpload(
  db: Kysely<Database>,
  user: Actor,
  id: string,
  digest: string,
  asRecorded = false,
  onProgress?: ImportProgress,
  afterwards: Afterwards = rightAway,
): Promise<CommitOutcome> {
  if (!can(user, 'item:import')) return forbiddenOutcome('item:import')
  const state = await uploadState(db, user, id)
  if (!state) return { kind: 'not_found' }
  if (state.imported_at) return { kind: 'already_imported' }
  const policy = asRecorded ? 'as_recorded' : 'workflow'
  // The preview's plan, if it is the one confirmed and was made under the same rules: a plan made
  // "as recorded" is the same plan when no status change needs that (status-moves.ts); otherwise
  // planning again gives the refusal with the register's moves of now.
  const kept = await keptPlan(db, id, digest)
  if (kept && (kept.policy === policy || kept.summary.disallowedMoves.length === 0)) {
    const outcome = await writeKept(db, user, id, kept)
    if (outcome.kind !== 'changed') return finished(db, outcome, afterwards)
    // the register moved since the preview: planned again, the plan then compared with the preview's
  }
  return finished(db, await planAndWrite(db, user, id, digest, policy, onProgress), afterwards)
}

/** After an import of many rows, the database's statistics brought up to date (0041), when `afterwards` says (0069). */
async function finished(
  db: Kysely<Database>,
  outcome: CommitOutcome,
  afterwards: Afterwards,
): Promise<CommitOutcome> {
  if (outcome.kind === 'done' && writtenCount(outcome.summary) >= STATISTICS_AFTER)
    await afterwards(() => refreshStatistics(db, IMPORTED_TABLES))
  return outcome
}

/**
 * Marks the upload imported, writes `write`'s plan and keeps the summary, in one transaction
 * that anything but 'done' rolls back: the upload stays unimported, nothing is written. Marking
 * it first also makes a second confirmation, even a simultaneous one, find it imported.
 */
function importInTransaction(
  db: Kysely<Database>,
  user: Actor,
  id: string,
  summary: ImportSummary,
  planned: 'at_preview' | 'again',
  write: (trx: DB, now: string) => Promise<boolean>,
): Promise<CommitOutcome> {
  const now = nowIso()
  return transactionKeepingIf(
    db,
    async (trx): Promise<CommitOutcome> => {
      const claimed = await trx
        .updateTable('import_uploads')
        .set({ imported_at: now })
        .where('id', '=', id)
        .where('user_id', '=', user.id)
        .where('imported_at', 'is', null)
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1) return { kind: 'already_imported' }
      if (!(await write(trx, now))) return { kind: 'changed' }
      await trx
        .updateTable('import_uploads')
        .set({ result: JSON.stringify(summary) })
        .where('id', '=', id)
        .execute()
      await removeKeptPlans(trx, id)
      return { kind: 'done', summary, planned }
    },
    (outcome) => outcome.kind === 'done',
  )
}

/** The preview's kept plan written: 'changed' when anything it read has moved (or it is no longer whole). */
function writeKept(db: Kysely<Database>, user: Actor, id: string, kept: KeptPlan): Promise<CommitOutcome> {
  return importInTransaction(db, user, id, kept.summary, 'at_preview', async (trx, now) => {
    if (!(await keptPlanWhole(trx, kept))) return false
    return writePlannedBatches(trx, kept, keptBatches(trx, kept), user.id, now)
  })
}

/** The file planned again, as at the preview, and written if it still does what the preview showed. */
async function planAndWrite(
  db: Kysely<Database>,
  user: Actor,
  id: string,
  digest: string,
  policy: StatusPolicy,
  onProgress?: ImportProgress,
): Promise<CommitOutcome> {
  const upload = await loadUpload(db, user, id)
  if (!upload) return { kind: 'not_found' }
  if (upload.imported_at) return { kind: 'already_imported' }
  // Checked and planned before the write transaction, a batch at a time, each batch's plan kept
  // in a temporary file: SQLite's write lock is held only while the plan is written
  // (docs/decisions/0041-import-batches.md), and the whole plan is never in memory at once
  // (0051); writePlannedBatches makes sure the register has not moved in between.
  const spill = await PlanSpill.create()
  try {
    const planned = await planFile(db, upload.filename, contentOf(upload), policy, {
      onProgress,
      onBatch: (batch) => spill.add(batch),
    })
    if (!planned.ok) return { kind: 'errors', errors: planned.errors }
    if (planDigest(planned.summary) !== digest)
      // a second confirmation of the same upload, planned after the first was written
      return (await uploadState(db, user, id))?.imported_at
        ? { kind: 'already_imported' }
        : { kind: 'changed' }
    if (planned.summary.disallowedMoves.length > 0 && policy !== 'as_recorded')
      return { kind: 'status_refused', moves: planned.summary.disallowedMoves }
    return await importInTransaction(db, user, id, planned.summary, 'again', (trx, now) =>
      writePlannedBatches(trx, planned, spill.batches(), user.id, now),
    )
  } finally {
    await spill.remove()
  }
}
