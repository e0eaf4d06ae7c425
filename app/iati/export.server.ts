import type { DB } from '../../db/schema'
import { CATALOGUES } from '../i18n/i18n'
import type { ListQuery } from '../portfolio/list-query'
import { eachItemBatch } from '../portfolio/list-batches.server'
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

async function contextFor(db: DB, items: readonly IatiItem[]): Promise<IatiContext> {
  const [areas, strategies, organisations] = await Promise.all([
    db.selectFrom('areas').select(['id', 'dac_code']).execute(),
    db.selectFrom('strategies').select(['id', 'period_start_year', 'period_end_year']).execute(),
    db.selectFrom('organisations').select(['short_name', 'name', 'type']).execute(),
  ])
  const committed = new Map<string, CommittedFlag[]>()
  const ids = items.map((i) => i.id)
  for (let at = 0; at < ids.length; at += CHUNK) {
    const rows = await db
      .selectFrom('cofinancing_flags')
      .select(['item_id', 'organisation', 'amount_kusd', 'updated_at'])
      .where('item_id', 'in', ids.slice(at, at + CHUNK))
      .where('stage', '=', 'committed')
      .where('withdrawn', '=', 0)
      .where('amount_kusd', 'is not', null)
      .orderBy('organisation')
      .execute()
    for (const r of rows)
      committed.set(r.item_id, [
        ...(committed.get(r.item_id) ?? []),
        { organisation: r.organisation, amount_kusd: r.amount_kusd!, date: r.updated_at.slice(0, 10) },
      ])
  }
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
    committed,
    organisations: new Map(organisations.map((o) => [o.short_name, { name: o.name, type: o.type }])),
    countryName: (language, code) =>
      code === 'REG'
        ? CATALOGUES[language].iatiExport.regionalMembers
        : ((CATALOGUES[language].country as Record<string, string>)[code] ?? code),
  }
}

async function viewItems(db: DB, query: ListQuery): Promise<IatiItem[]> {
  const items: IatiItem[] = []
  for await (const batch of eachItemBatch(db, query)) items.push(...batch)
  return items
}

export interface CheckedItem {
  ref: string
  title: string
  lacks: Lack[]
  blocked: boolean
  /** planned dates from the plan's period, not the item's years */
  indicativeDates: boolean
}

export interface IatiCheck {
  items: CheckedItem[]
  total: number
  exportable: number
  missingSettings: ReturnType<typeof missingSettings>
}

/** Every item of the view with what it lacks; the blocked ones first, then by the view's order. */
export async function checkView(db: DB, query: ListQuery, publisher: Publisher): Promise<IatiCheck> {
  const items = await viewItems(db, query)
  const ctx = await contextFor(db, items)
  const checked = items.map((item) => {
    const facts = resolve(item, ctx)
    const lacks = lacksOf(item, ctx, facts)
    return {
      ref: item.ref,
      title: item.title_en,
      lacks,
      blocked: blocks(lacks),
      indicativeDates: facts.dates?.indicative ?? false,
    }
  })
  return {
    items: [...checked.filter((c) => c.blocked), ...checked.filter((c) => !c.blocked)],
    total: items.length,
    exportable: checked.filter((c) => !c.blocked).length,
    missingSettings: missingSettings(publisher),
  }
}

export type IatiFileOutcome =
  | { kind: 'unconfigured'; missing: ReturnType<typeof missingSettings> }
  /** nothing to write: the schema wants at least one activity, so no file rather than an invalid one */
  | { kind: 'empty'; leftOut: string[] }
  | { kind: 'file'; xml: string; written: number; leftOut: string[] }

/** The view as an IATI 2.03 activities file; `generatedAt` is an ISO timestamp. */
export async function iatiFile(
  db: DB,
  query: ListQuery,
  publisher: Publisher,
  generatedAt: string,
): Promise<IatiFileOutcome> {
  const missing = missingSettings(publisher)
  if (missing.length > 0) return { kind: 'unconfigured', missing }
  const items = await viewItems(db, query)
  const ctx = await contextFor(db, items)
  const lines: string[] = []
  const leftOut: string[] = []
  for (const item of items) {
    if (blocks(lacksOf(item, ctx))) leftOut.push(item.ref)
    else lines.push(render(activityElement(item, publisher, ctx), 1))
  }
  if (lines.length === 0) return { kind: 'empty', leftOut }
  if (leftOut.length > 0)
    lines.push(
      comment(`Left out, as they lack what IATI needs (see the check page): ${leftOut.join(', ')}`, 1),
    )
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<iati-activities version="2.03" generated-datetime="${generatedAt.replace(/\.\d+Z$/, 'Z')}">`,
    ...lines,
    '</iati-activities>',
    '',
  ].join('\n')
  return { kind: 'file', xml, written: items.length - leftOut.length, leftOut }
}

/** "carec-pipeline-iati-2026-12-01.xml": the UTC date of the export. */
export function iatiFileName(generatedAt: string): string {
  return `carec-pipeline-iati-${generatedAt.slice(0, 10)}.xml`
}

type IatiConfig = Parameters<typeof getPublisher>[1]

/** The file of a view, with the publisher settings as stored (or as configuration starts them). */
export async function exportIati(
  db: DB,
  cfg: IatiConfig,
  query: ListQuery,
  generatedAt: string,
): Promise<IatiFileOutcome> {
  const { publisher } = await getPublisher(db, cfg)
  return iatiFile(db, query, publisher, generatedAt)
}

/** The check page of a view. */
export async function checkIati(db: DB, cfg: IatiConfig, query: ListQuery): Promise<IatiCheck> {
  const { publisher } = await getPublisher(db, cfg)
  return checkView(db, query, publisher)
}
