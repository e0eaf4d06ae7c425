import { createHash, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { can, forbiddenOutcome, type Actor, type Forbidden } from '../permissions/permissions'
import { nowIso } from '../portfolio/items.server'
import { inspectImportFile } from './files.server'
import { transactionKeepingIf } from '../../db/transactions'
import { refreshStatistics } from '../../db/statistics'
import {
  planDigest,
  STATISTICS_AFTER,
  writtenCount,
  type ImportProgress,
  type ImportSummary,
} from './import.server'
import type { ImportError } from './interchange'
import { PlanSpill, planFile, writeSpilledPlan } from './staged.server'
import type { StatusMove } from './status-moves'

// The browser's import (docs/decisions/0011-browser-import.md): the uploaded file is kept in
// `import_uploads` so the preview and the confirmation read the same bytes on any app instance;
// the confirmation imports only if the plan is still the one previewed (its digest), in the
// same transaction that marks the upload imported.

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
  // read, checked and planned a batch at a time: only the summary is kept (staged.server.ts)
  const planned = await planFile(db, upload.filename, contentOf(upload), 'as_recorded', { onProgress })
  if (!planned.ok)
    return { kind: 'errors', upload: infoOf(upload), errors: planned.errors, moreErrors: planned.moreErrors }
  return {
    kind: 'ready',
    upload: infoOf(upload),
    summary: planned.summary,
    digest: planDigest(planned.summary),
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
  | { kind: 'done'; summary: ImportSummary }

/**
 * Imports an upload if what it does is still what the preview showed (`digest`): all rows or
 * none, with the upload marked imported (and its summary kept) in the same transaction. Marking
 * it first also makes a second confirmation, even a simultaneous one, find it imported.
 * Status changes the workflow does not allow are refused unless `asRecorded` (the secretariat's
 * "apply status changes as recorded by the secretariat" for this import); then each is marked so
 * in the item's history.
 */
export async function commitUpload(
  db: Kysely<Database>,
  user: Actor,
  id: string,
  digest: string,
  asRecorded = false,
  onProgress?: ImportProgress,
): Promise<CommitOutcome> {
  if (!can(user, 'item:import')) return forbiddenOutcome('item:import')
  const upload = await loadUpload(db, user, id)
  if (!upload) return { kind: 'not_found' }
  if (upload.imported_at) return { kind: 'already_imported' }
  // Checked and planned before the write transaction, a batch at a time, each batch's plan kept
  // in a temporary file: SQLite's write lock is held only while the plan is written
  // (docs/decisions/0041-import-batches.md), and the whole plan is never in memory at once
  // (0051); writeSpilledPlan makes sure the register has not moved in between.
  const spill = await PlanSpill.create()
  try {
    const planned = await planFile(
      db,
      upload.filename,
      contentOf(upload),
      asRecorded ? 'as_recorded' : 'workflow',
      {
        onProgress,
        onBatch: (batch) => spill.add(batch),
      },
    )
    if (!planned.ok) return { kind: 'errors', errors: planned.errors }
    if (planDigest(planned.summary) !== digest)
      // a second confirmation of the same upload, planned after the first was written
      return (await loadUpload(db, user, id))?.imported_at
        ? { kind: 'already_imported' }
        : { kind: 'changed' }
    if (planned.summary.disallowedMoves.length > 0 && !asRecorded)
      return { kind: 'status_refused', moves: planned.summary.disallowedMoves }
    const now = nowIso()
    // Anything but 'done' rolls the transaction back: the upload stays unimported, nothing is written.
    const outcome = await transactionKeepingIf(
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
        if (!(await writeSpilledPlan(trx, planned, spill, user.id, now))) return { kind: 'changed' }
        await trx
          .updateTable('import_uploads')
          .set({ result: JSON.stringify(planned.summary) })
          .where('id', '=', id)
          .execute()
        return { kind: 'done', summary: planned.summary }
      },
      (outcome) => outcome.kind === 'done',
    )
    if (outcome.kind === 'done' && writtenCount(outcome.summary) >= STATISTICS_AFTER)
      await refreshStatistics(db)
    return outcome
  } finally {
    await spill.remove()
  }
}
