import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Afterwards } from '../../db/statistics'
import {
  bytesOf,
  CONTENT_TYPES,
  exportFileName,
  exportItemsCsv,
  exportItemsXlsx,
} from '../exports/items.server'
import { config } from '../config.server'
import { isLanguage, type Language } from '../i18n/languages'
import { exportIatiTo, iatiFileName, type IatiWriteOutcome } from '../iati/export.server'
import {
  commitUpload,
  previewUpload,
  type CommitOutcome,
  type PreviewOutcome,
} from '../importer/uploads.server'
import { meetingPackPdf } from '../meetings/pdf.server'
import { actorOf, ROLES, type Actor, type Role } from '../permissions/permissions'
import { visibleColumns } from '../portfolio/columns'
import { nowIso } from '../portfolio/items.server'
import { parseListQuery } from '../portfolio/list-query'
import { sweepJobSnapshots, takeSnapshot, type TakeOutcome } from '../snapshots/snapshots.server'
import type { OpenOutcome } from '../meetings/meetings.server'
import { runOpening } from '../meetings/opening.server'
import type { JobResult } from './queue.server'

// What each kind of job does, given its input (as it was queued) and a progress callback. Each
// re-reads the person who started it, so a role taken away meanwhile is respected; the rules
// (permissions included) are the same server modules a request would call.

export const JOB_KINDS = [
  'import_preview',
  'import_confirm',
  'export_csv',
  'export_xlsx',
  'export_iati',
  'snapshot',
  'meeting_pack',
  'meeting_open',
] as const
export type JobKind = (typeof JOB_KINDS)[number]

export interface JobInputs {
  import_preview: { upload: string }
  import_confirm: { upload: string; digest: string; asRecorded?: boolean }
  /** the list's query string, as /export/items.csv takes it */
  export_csv: { search: string }
  export_xlsx: { search: string; language: Language; exportedBy: string; viewUrl: string }
  export_iati: { search: string }
  snapshot: { name: string }
  meeting_pack: { meeting: string; language: Language }
  meeting_open: { meeting: string }
}

/** What a finished job's page shows (besides a file to download). */
export type JobValue =
  | { kind: 'import_preview'; preview: PreviewOutcome }
  | { kind: 'import_confirm'; outcome: CommitOutcome['kind']; preview: PreviewOutcome }
  | { kind: 'export' }
  | {
      kind: 'export_iati'
      outcome: IatiWriteOutcome['kind']
      written: number
      leftOut: number
      /** the publisher settings still to set, when unconfigured */
      missing: string[]
    }
  | { kind: 'snapshot'; outcome: TakeOutcome }
  | { kind: 'meeting_pack'; found: boolean }
  | { kind: 'meeting_open'; meeting: string; outcome: OpenOutcome }

export type Progress = (done: number, total: number) => Promise<void>

export interface JobContext {
  db: Kysely<Database>
  /** a second connection for a long consistent read while `db` writes (a snapshot); optional */
  readDb?: Kysely<Database>
  /** the job's own id (a snapshot it writes carries it, so an abandoned one can be swept) */
  jobId?: string
  userId: string
  input: unknown
  progress: Progress
  /** work the job's answer need not wait for (a statistics refresh): done once the answer is recorded */
  afterwards: Afterwards
}

async function actorById(db: Kysely<Database>, id: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'role', 'organisation', 'status'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!user || user.status !== 'active' || !(ROLES as readonly string[]).includes(user.role)) return null
  const countries = await db
    .selectFrom('user_countries')
    .select('country_code')
    .where('user_id', '=', id)
    .execute()
  return actorOf(
    { id: user.id, role: user.role as Role, organisation: user.organisation },
    countries.map((c) => c.country_code),
  )
}

const languageOf = (value: unknown): Language =>
  typeof value === 'string' && isLanguage(value) ? value : 'en'

/** Runs one job; throws on a failure worth retrying (the runner records it). */
export async function runJob(kind: string, ctx: JobContext): Promise<JobResult> {
  const { db } = ctx
  const actor = await actorById(db, ctx.userId)
  if (!actor) throw new Error('the person who started this job can no longer sign in')
  switch (kind as JobKind) {
    case 'import_preview': {
      const input = ctx.input as JobInputs['import_preview']
      const preview = await previewUpload(db, actor, input.upload, ctx.progress)
      return { value: { kind: 'import_preview', preview } satisfies JobValue }
    }
    case 'import_confirm': {
      const input = ctx.input as JobInputs['import_confirm']
      const outcome = await commitUpload(
        db,
        actor,
        input.upload,
        input.digest,
        input.asRecorded === true,
        ctx.progress,
        ctx.afterwards,
      )
      // What the page shows next: the imported file's summary, or the new preview if the
      // register moved since the last one (as the page did when this ran in the request).
      const preview = await previewUpload(db, actor, input.upload)
      return { value: { kind: 'import_confirm', outcome: outcome.kind, preview } satisfies JobValue }
    }
    case 'export_csv':
    case 'export_xlsx': {
      const input = ctx.input as JobInputs['export_xlsx']
      const params = new URLSearchParams(input.search)
      const parsed = parseListQuery(params, ['cols'])
      if (!parsed.ok) throw new Error('the export query is not valid')
      const at = nowIso()
      const format = kind === 'export_csv' ? 'csv' : 'xlsx'
      const stream =
        format === 'csv'
          ? exportItemsCsv(db, parsed.query)
          : exportItemsXlsx(db, parsed.query, {
              columns: visibleColumns(params.getAll('cols').join(',')),
              language: languageOf(input.language),
              exportedAt: at,
              exportedBy: input.exportedBy,
              viewUrl: input.viewUrl,
            })
      const bytes = await bytesOf(stream)
      return {
        value: { kind: 'export' } satisfies JobValue,
        file: { name: exportFileName(format, at), type: CONTENT_TYPES[format], bytes },
      }
    }
    case 'export_iati': {
      const input = ctx.input as JobInputs['export_iati']
      const parsed = parseListQuery(new URLSearchParams(input.search), ['cols'])
      if (!parsed.ok) throw new Error('the export query is not valid')
      const at = nowIso()
      const pieces: Buffer[] = []
      const outcome = await exportIatiTo(db, config(), parsed.query, at, (text) =>
        pieces.push(Buffer.from(text, 'utf8')),
      )
      const value = {
        kind: 'export_iati',
        outcome: outcome.kind,
        written: outcome.kind === 'written' ? outcome.written : 0,
        leftOut: outcome.kind === 'unconfigured' ? 0 : outcome.leftOut.length,
        missing: outcome.kind === 'unconfigured' ? outcome.missing : [],
      } satisfies JobValue
      if (outcome.kind !== 'written') return { value }
      return {
        value,
        file: {
          name: iatiFileName(at),
          type: 'application/xml; charset=utf-8',
          bytes: Buffer.concat(pieces),
        },
      }
    }
    case 'snapshot': {
      const input = ctx.input as JobInputs['snapshot']
      // Written in short transactions while read from the runner's second connection (0042).
      // What an earlier attempt of this job left is removed first (0047).
      if (ctx.jobId) await sweepJobSnapshots(db, ctx.jobId)
      const outcome = await takeSnapshot(db, actor, input.name, {
        reader: ctx.readDb,
        progress: ctx.progress,
        jobId: ctx.jobId,
        afterwards: ctx.afterwards,
      })
      return { value: { kind: 'snapshot', outcome } satisfies JobValue }
    }
    case 'meeting_pack': {
      const input = ctx.input as JobInputs['meeting_pack']
      const pdf = await meetingPackPdf(db, input.meeting, languageOf(input.language), nowIso())
      if (pdf.kind === 'not_found')
        return { value: { kind: 'meeting_pack', found: false } satisfies JobValue }
      return {
        value: { kind: 'meeting_pack', found: true } satisfies JobValue,
        file: { name: pdf.fileName, type: 'application/pdf', bytes: Buffer.from(pdf.bytes) },
      }
    }
    case 'meeting_open': {
      const input = ctx.input as JobInputs['meeting_open']
      if (!ctx.jobId) throw new Error('a meeting is opened by its own job')
      const outcome = await runOpening(
        { db, reader: ctx.readDb, jobId: ctx.jobId, progress: ctx.progress, afterwards: ctx.afterwards },
        actor,
        input.meeting,
      )
      return { value: { kind: 'meeting_open', meeting: input.meeting, outcome } satisfies JobValue }
    }
    default:
      throw new Error(`unknown kind of job: ${kind}`)
  }
}
