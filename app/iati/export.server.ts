import type { DB } from '../../db/schema'
import { CATALOGUES } from '../i18n/i18n'
import type { ListQuery } from '../portfolio/list-query'
import { EXPORT_DIRECT_ROWS } from '../jobs/limits'
import { titlesOf, type TextsByLanguage } from '../portfolio/item-text'
import { eachItemBatch } from '../portfolio/list-batches.server'
import { committedFlags } from '../portfolio/items.server'
import { countView } from '../portfolio/list.server'
import {
  activityElement,
  blocks,
  lacksOf,
  resolve,
  type CommittedFlag,
  type IatiContext,
  type IatiItem,
  type Lack,
} from './activity'
import { missingSettings, type Publisher } from './publisher'
import { getPublisher } from './publisher.server'
import { comment, render } from './xml'

// The IATI file and its check page for a portfolio view (GET /export/iati.xml, /iati): the items
// of the table's filters, each checked (activity.ts lacksOf); those the check blocks are left out
// and listed, never written broken (docs/decisions/0032-iati-export.md).

const CHUNK = 500

/**
 * Items a check page lists at most, the blocked ones first: the check of a whole large register
 * counts every item but would otherwise be a page of as many rows. Its figures count them all.
 */
export const CHECK_LISTED = 500

type SharedContext = Omit<IatiContext, 'committed'>

async function sharedContext(db: DB): Promise<SharedContext> {
  const [areas, strategies, organisations] = await Promise.all([
    db.selectFrom('areas').select(['id', 'dac_code']).execute(),
    db.selectFrom('strategies').select(['id', 'period_start_year', 'period_end_year']).execute(),
    db.selectFrom('organisations').select(['short_name', 'name', 'type']).execute(),
  ])
  return {
    areaCodes: new Map(areas.map((a) => [a.id, a.dac_code])),
    planPeriods: new Map(
      strategies.map((s) => [
        s.id,
        s.period_start_year !== null && s.period_end_year !== null
          ? { start: s.period_start_year, end: s.period_end_year }
          : null,
      ]),
    ),
    organisations: new Map(organisations.map((o) => [o.short_name, { name: o.name, type: o.type }])),
    countryName: (language, code) =>
      code === 'REG'
        ? CATALOGUES[language].iatiExport.regionalMembers
        : ((CATALOGUES[language].country as Record<string, string>)[code] ?? code),
  }
}

async function committedOf(db: DB, items: readonly IatiItem[]): Promise<Map<string, CommittedFlag[]>> {
  const committed = new Map<string, CommittedFlag[]>()
  const ids = items.map((i) => i.id)
  for (let at = 0; at < ids.length; at += CHUNK) {
    const rows = await committedFlags(db)
      .select(['item_id', 'organisation', 'amount_kusd', 'updated_at'])
      .where('item_id', 'in', ids.slice(at, at + CHUNK))
      .where('amount_kusd', 'is not', null)
      .orderBy('organisation')
      .execute()
    for (const r of rows)
      committed.set(r.item_id, [
        ...(committed.get(r.item_id) ?? []),
        { organisation: r.organisation, amount_kusd: r.amount_kusd!, date: r.updated_at.slice(0, 10) },
      ])
  }
  return committed
}

/**
 * The view's items a batch at a time (the exports' keyset read), each batch with the context its
 * activities need: one batch is held at a time, whatever the view's size.
 */
async function* viewBatches(db: DB, query: ListQuery) {
  const shared = await sharedContext(db)
  for await (const items of eachItemBatch(db, query))
    yield { items, ctx: { ...shared, committed: await committedOf(db, items) } }
}

export interface CheckedItem {
  ref: string
  /** by language: the page shows the reader's, as every other list does */
  titles: TextsByLanguage
  lacks: Lack[]
  blocked: boolean
  /** planned dates from the plan's period, not the item's years */
  indicativeDates: boolean
}

export interface IatiCheck {
  /** at most CHECK_LISTED: the blocked ones first, then those lacking something, then the rest */
  items: CheckedItem[]
  total: number
  exportable: number
  /** items lacking something, listed or not */
  lacking: number
  missingSettings: ReturnType<typeof missingSettings>
}

/** The view's items with what they lack; the blocked ones first, then by the view's order. */
export async function checkView(db: DB, query: ListQuery, publisher: Publisher): Promise<IatiCheck> {
  const blocked: CheckedItem[] = []
  const lacking: CheckedItem[] = []
  const ready: CheckedItem[] = []
  let total = 0
  let blockedCount = 0
  let lackingCount = 0
  for await (const { items, ctx } of viewBatches(db, query)) {
    for (const item of items) {
      const facts = resolve(item, ctx)
      const lacks = lacksOf(item, ctx, facts)
      const checked = {
        ref: item.ref,
        titles: titlesOf(item),
        lacks,
        blocked: blocks(lacks),
        indicativeDates: facts.dates?.indicative ?? false,
      }
      total += 1
      if (checked.blocked) blockedCount += 1
      if (lacks.length > 0) lackingCount += 1
      const list = checked.blocked ? blocked : lacks.length > 0 ? lacking : ready
      if (list.length < CHECK_LISTED) list.push(checked)
    }
  }
  return {
    items: [...blocked, ...lacking, ...ready].slice(0, CHECK_LISTED),
    total,
    exportable: total - blockedCount,
    lacking: lackingCount,
    missingSettings: missingSettings(publisher),
  }
}

export type IatiWriteOutcome =
  | { kind: 'unconfigured'; missing: ReturnType<typeof missingSettings> }
  /** nothing to write: the schema wants at least one activity, so no file rather than an invalid one */
  | { kind: 'empty'; leftOut: string[] }
  | { kind: 'written'; written: number; leftOut: string[] }

/**
 * Writes the view as an IATI 2.03 activities file, a piece at a time, to `write`, holding one batch
 * of items: the file's size is the writer's to keep. `generatedAt` is an ISO timestamp. What was
 * written is to be thrown away unless the outcome is `written`.
 */
export async function writeIatiFile(
  db: DB,
  query: ListQuery,
  publisher: Publisher,
  generatedAt: string,
  write: (text: string) => void,
): Promise<IatiWriteOutcome> {
  const missing = missingSettings(publisher)
  if (missing.length > 0) return { kind: 'unconfigured', missing }
  write('<?xml version="1.0" encoding="UTF-8"?>\n')
  write(`<iati-activities version="2.03" generated-datetime="${generatedAt.replace(/\.\d+Z$/, 'Z')}">\n`)
  const leftOut: string[] = []
  let written = 0
  for await (const { items, ctx } of viewBatches(db, query)) {
    const lines: string[] = []
    for (const item of items) {
      if (blocks(lacksOf(item, ctx))) leftOut.push(item.ref)
      else lines.push(`${render(activityElement(item, publisher, ctx), 1)}\n`)
    }
    written += lines.length
    if (lines.length > 0) write(lines.join(''))
  }
  if (written === 0) return { kind: 'empty', leftOut }
  if (leftOut.length > 0)
    write(
      `${comment(`Left out, as they lack what IATI needs (see the check page): ${leftOut.join(', ')}`, 1)}\n`,
    )
  write('</iati-activities>\n')
  return { kind: 'written', written, leftOut }
}

export type IatiFileOutcome =
  | Exclude<IatiWriteOutcome, { kind: 'written' }>
  | { kind: 'file'; xml: string; written: number; leftOut: string[] }

/** The view as an IATI 2.03 activities file, in one string: for views of a request's size. */
export async function iatiFile(
  db: DB,
  query: ListQuery,
  publisher: Publisher,
  generatedAt: string,
): Promise<IatiFileOutcome> {
  const parts: string[] = []
  const outcome = await writeIatiFile(db, query, publisher, generatedAt, (text) => parts.push(text))
  return outcome.kind === 'written' ? { ...outcome, kind: 'file', xml: parts.join('') } : outcome
}

/** "carec-pipeline-iati-2026-12-01.xml": the UTC date of the export. */
export function iatiFileName(generatedAt: string): string {
  return `carec-pipeline-iati-${generatedAt.slice(0, 10)}.xml`
}

type IatiConfig = Parameters<typeof getPublisher>[1]

/**
 * The file of a view, with the publisher settings as stored (or as configuration starts them), in
 * one string: a view of more than EXPORT_DIRECT_ROWS items is a background job's (exportIatiTo).
 */
export async function exportIati(
  db: DB,
  cfg: IatiConfig,
  query: ListQuery,
  generatedAt: string,
): Promise<IatiFileOutcome | { kind: 'too_large'; count: number; limit: number }> {
  const total = await countView(db, query)
  if (total > EXPORT_DIRECT_ROWS) return { kind: 'too_large', count: total, limit: EXPORT_DIRECT_ROWS }
  const { publisher } = await getPublisher(db, cfg)
  return iatiFile(db, query, publisher, generatedAt)
}

/** The file of a view written a piece at a time (a background job's, for a view of any size). */
export async function exportIatiTo(
  db: DB,
  cfg: IatiConfig,
  query: ListQuery,
  generatedAt: string,
  write: (text: string) => void,
): Promise<IatiWriteOutcome> {
  const { publisher } = await getPublisher(db, cfg)
  return writeIatiFile(db, query, publisher, generatedAt, write)
}

/** The check page of a view. */
export async function checkIati(db: DB, cfg: IatiConfig, query: ListQuery): Promise<IatiCheck> {
  const { publisher } = await getPublisher(db, cfg)
  return checkView(db, query, publisher)
}
