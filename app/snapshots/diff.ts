import type { SnapshotItemsTable } from '../../db/schema'
import { kusdToMillion } from '../portfolio/money'

// The "changes since" report (docs/decisions/0013-snapshots.md): pure functions over two rows of
// one item, "from" (a snapshot) and "to" (another snapshot or the portfolio now), so the whole
// rule set is tested without a database. The report is a plain serialisable object: the meeting
// pack renders it as it is.
//
// Definitions (items are matched by id, so a renamed ref is the same item):
// - new: in "to", not in "from" (created, or restored from the archive, since);
// - dropped: in "from" and either gone from "to" (archived since: reason 'removed') or moved to
//   the status dropped (reason 'status'). A dropped item is listed there only, not again under
//   status, funding, scores or interest;
// - status: any other status change;
// - funding: cost, secured or gap changed (amounts before and after, USD million);
// - scores: the direct scores, the committee's count or medians, or the quadrant changed;
// - interest: a live co-financing flag in "to" from an organisation with no live flag on the
//   item in "from" (one entry per flag). Stage or amount changes of an existing flag show in
//   funding when they move the gap (committed flags), not here.

/** One item's row as stored in a snapshot (and read from the live items in the same shape). */
export type DiffRow = Omit<SnapshotItemsTable, 'snapshot_id' | 'data'>

export type ReportSide =
  | { kind: 'snapshot'; id: string; name: string; takenAt: string }
  | { kind: 'now'; at: string }

export interface ReportItem {
  itemId: string
  ref: string
  titles: { en: string; zh: string | null; ru: string | null }
}

export interface Funding {
  cost_usd_m: number | null
  secured_usd_m: number | null
  gap_usd_m: number | null
}

export interface Scores {
  strategic_importance: number | null
  ease_of_implementation: number | null
  scores_count: number
  importance_median: number | null
  ease_median: number | null
  quadrant: string
}

export interface NewEntry extends ReportItem {
  after: { status: string; quadrant: string } & Funding
}
export interface DroppedEntry extends ReportItem {
  reason: 'removed' | 'status'
  before: { status: string } & Funding
  /** null when gone from the portfolio */
  after: { status: string } | null
}
export interface StatusEntry extends ReportItem {
  before: { status: string }
  after: { status: string }
}
export interface FundingEntry extends ReportItem {
  before: Funding
  after: Funding
  /** which of the three changed */
  changed: Array<keyof Funding>
}
export interface ScoreEntry extends ReportItem {
  before: Scores
  after: Scores
  quadrantChanged: boolean
}
export interface InterestEntry extends ReportItem {
  organisation: string
  instrument: string
  stage: string
  amount_usd_m: number | null
}

export const SECTIONS = ['new', 'dropped', 'status', 'funding', 'scores', 'interest'] as const
export type SectionKind = (typeof SECTIONS)[number]

export interface ChangeReport {
  from: Extract<ReportSide, { kind: 'snapshot' }>
  to: ReportSide
  /** the items compared on each side (of the given items only, when restricted) */
  itemCount: { from: number; to: number }
  /** true when limited to some items (changesSince's itemIds) */
  restricted: boolean
  sections: {
    new: NewEntry[]
    dropped: DroppedEntry[]
    status: StatusEntry[]
    funding: FundingEntry[]
    scores: ScoreEntry[]
    interest: InterestEntry[]
  }
  counts: Record<SectionKind, number>
}

export function emptyReport(from: ChangeReport['from'], to: ReportSide, restricted: boolean): ChangeReport {
  return {
    from,
    to,
    restricted,
    itemCount: { from: 0, to: 0 },
    sections: { new: [], dropped: [], status: [], funding: [], scores: [], interest: [] },
    counts: { new: 0, dropped: 0, status: 0, funding: 0, scores: 0, interest: 0 },
  }
}

function itemOf(row: DiffRow): ReportItem {
  return {
    itemId: row.item_id,
    ref: row.ref,
    titles: { en: row.title_en, zh: row.title_zh, ru: row.title_ru },
  }
}

function fundingOf(row: DiffRow): Funding {
  return {
    cost_usd_m: kusdToMillion(row.cost_kusd),
    secured_usd_m: kusdToMillion(row.secured_kusd),
    gap_usd_m: kusdToMillion(row.gap_kusd),
  }
}

function scoresOf(row: DiffRow): Scores {
  return {
    strategic_importance: row.strategic_importance,
    ease_of_implementation: row.ease_of_implementation,
    scores_count: row.scores_count,
    importance_median: row.importance_median,
    ease_median: row.ease_median,
    quadrant: row.quadrant,
  }
}

interface Flag {
  organisation: string
  instrument: string
  stage: string
  amount_kusd: number | null
}

/** Adds what changed between one item's `from` and `to` rows (either null: not on that side) to `report`. */
export function diffRows(report: ChangeReport, from: DiffRow | null, to: DiffRow | null): void {
  if (from) report.itemCount.from++
  if (to) report.itemCount.to++
  const { sections } = report
  if (!from) {
    if (to)
      sections.new.push({
        ...itemOf(to),
        after: { status: to.status, quadrant: to.quadrant, ...fundingOf(to) },
      })
    return
  }
  if (!to) {
    sections.dropped.push({
      ...itemOf(from),
      reason: 'removed',
      before: { status: from.status, ...fundingOf(from) },
      after: null,
    })
    return
  }
  const item = itemOf(to)
  if (to.status === 'dropped' && from.status !== 'dropped') {
    sections.dropped.push({
      ...item,
      reason: 'status',
      before: { status: from.status, ...fundingOf(from) },
      after: { status: to.status },
    })
    return
  }
  if (from.status !== to.status)
    sections.status.push({ ...item, before: { status: from.status }, after: { status: to.status } })
  const changed = (['cost_kusd', 'secured_kusd', 'gap_kusd'] as const).filter((k) => from[k] !== to[k])
  if (changed.length > 0) {
    sections.funding.push({
      ...item,
      before: fundingOf(from),
      after: fundingOf(to),
      changed: changed.map((k) => k.replace('_kusd', '_usd_m') as keyof Funding),
    })
  }
  const scoreKeys = [
    'strategic_importance',
    'ease_of_implementation',
    'scores_count',
    'importance_median',
    'ease_median',
    'quadrant',
  ] as const
  if (scoreKeys.some((k) => from[k] !== to[k])) {
    sections.scores.push({
      ...item,
      before: scoresOf(from),
      after: scoresOf(to),
      quadrantChanged: from.quadrant !== to.quadrant,
    })
  }
  if (from.flags !== to.flags) {
    const before = new Set((JSON.parse(from.flags) as Flag[]).map((f) => f.organisation))
    for (const flag of JSON.parse(to.flags) as Flag[]) {
      if (before.has(flag.organisation)) continue
      sections.interest.push({
        ...item,
        organisation: flag.organisation,
        instrument: flag.instrument,
        stage: flag.stage,
        amount_usd_m: kusdToMillion(flag.amount_kusd),
      })
    }
  }
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

/** Refs in reading order: CITA-2-a before CITA-10-a. */
export function compareRefs(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** Sorts every section by ref (interest then by organisation) and fills the counts. */
export function sortReport(report: ChangeReport): ChangeReport {
  const byRef = (a: ReportItem, b: ReportItem) => compareRefs(a.ref, b.ref)
  const { sections } = report
  for (const kind of SECTIONS) {
    if (kind === 'interest')
      sections.interest.sort((a, b) => byRef(a, b) || (a.organisation < b.organisation ? -1 : 1))
    else (sections[kind] as ReportItem[]).sort(byRef)
    report.counts[kind] = sections[kind].length
  }
  return report
}
