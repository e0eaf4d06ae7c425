import type { DB } from '../../db/schema'
import { QUADRANTS, STATUSES } from '../portfolio/codes'
import { getItemsByRefs } from '../portfolio/items.server'
import {
  changesSince,
  getSnapshot,
  getSnapshotItems,
  type ChangeReport,
  type SnapshotItem,
} from '../snapshots/snapshots.server'
import {
  getAgenda,
  getDecisions,
  getMeetingSummary,
  previousMeeting,
  type DecisionRecord,
  type MeetingSummary,
} from './meetings.server'
import { millionToKusd } from '../portfolio/money'

// The meeting pack (issue 4): what the committee saw. One plain object, made here and drawn twice:
// as the printable page (/meetings/:id/pack) and as the PDF (pdf.server.ts). Once the meeting is
// open every agenda item comes from the snapshot taken when it opened (getSnapshotItems), so
// the pack never changes with the register; a draft's pack is a preview from the items now.

/** An agenda item as the pack shows it (from the snapshot, or from the item now for a draft). */
export type PackItem = Pick<
  SnapshotItem,
  | 'id'
  | 'ref'
  | 'title_en'
  | 'title_zh'
  | 'title_ru'
  | 'strategy'
  | 'pillar'
  | 'area'
  | 'modalities'
  | 'proposers'
  | 'status'
  | 'cost_usd_m'
  | 'secured_usd_m'
  | 'gap_usd_m'
  | 'quadrant'
> & {
  /** 1, 2, 3: its place on the agenda */
  number: number
}

export interface PillarTotals {
  pillar: string | null
  items: number
  /** thousands of USD, summed exactly; null when no item of the pillar has a cost */
  cost_kusd: number | null
  secured_kusd: number
  gap_kusd: number | null
}

export interface PackGroup {
  strategy: string
  pillar: string | null
  areas: Array<{ area: string | null; items: PackItem[] }>
}

export interface PackDecision extends Omit<DecisionRecord, 'item_id'> {
  number: number
  title_en: string
}

export interface MeetingPack {
  meeting: MeetingSummary
  /** false for a draft: live values, not frozen */
  frozen: boolean
  snapshot: { id: string; takenAt: string } | null
  items: PackItem[]
  groups: PackGroup[]
  summary: {
    byStatus: Array<{ status: string; count: number }>
    byQuadrant: Array<{ quadrant: string; count: number }>
    byPillar: PillarTotals[]
    total: Omit<PillarTotals, 'pillar'>
  }
  /** from the previous opened meeting of the same body to this one; previous null when there is none */
  changes: {
    previous: { id: string; title: string; meeting_date: string } | null
    report: ChangeReport | null
  }
  /** one row per agenda item, in agenda order; decision null when none is recorded */
  decisions: Array<{
    number: number
    ref: string
    title_en: string
    title_ru: string | null
    title_zh: string | null
    decision: PackDecision | null
  }>
}

const toKusd = millionToKusd
const addNullable = (a: number | null, b: number | null) => (a == null ? b : b == null ? a : a + b)

/** Pillars and areas in name order (numbered names such as "Pillar 1: ..." and "1. Trade policy" sort as the plan lists them), the empty ones last. */
function compareNames(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return a.localeCompare(b, 'en', { numeric: true })
}

export function groupItems(items: readonly PackItem[]): PackGroup[] {
  const groups = new Map<string, PackGroup>()
  for (const item of items) {
    const key = JSON.stringify([item.strategy, item.pillar])
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { strategy: item.strategy, pillar: item.pillar, areas: [] }))
    let area = group.areas.find((a) => a.area === item.area)
    if (!area) group.areas.push((area = { area: item.area, items: [] }))
    area.items.push(item)
  }
  const sorted = [...groups.values()].sort(
    (a, b) => a.strategy.localeCompare(b.strategy) || compareNames(a.pillar, b.pillar),
  )
  for (const group of sorted) {
    group.areas.sort((a, b) => compareNames(a.area, b.area))
    for (const area of group.areas) area.items.sort((a, b) => a.number - b.number)
  }
  return sorted
}

export function summarise(items: readonly PackItem[]): MeetingPack['summary'] {
  const count = <K extends string>(keys: readonly K[], of: (i: PackItem) => string) =>
    keys
      .map((key) => ({ key, count: items.filter((i) => of(i) === key).length }))
      .filter((row) => row.count > 0)
  const pillars = new Map<string, PillarTotals>()
  const total: Omit<PillarTotals, 'pillar'> = { items: 0, cost_kusd: null, secured_kusd: 0, gap_kusd: null }
  for (const item of items) {
    const key = JSON.stringify(item.pillar)
    let row = pillars.get(key)
    if (!row)
      pillars.set(
        key,
        (row = { pillar: item.pillar, items: 0, cost_kusd: null, secured_kusd: 0, gap_kusd: null }),
      )
    for (const target of [row, total]) {
      target.items++
      target.cost_kusd = addNullable(target.cost_kusd, toKusd(item.cost_usd_m))
      target.secured_kusd += toKusd(item.secured_usd_m) ?? 0
      target.gap_kusd = addNullable(target.gap_kusd, toKusd(item.gap_usd_m))
    }
  }
  return {
    byStatus: count(STATUSES, (i) => i.status).map(({ key, count }) => ({ status: key, count })),
    byQuadrant: count(QUADRANTS, (i) => i.quadrant).map(({ key, count }) => ({ quadrant: key, count })),
    byPillar: [...pillars.values()].sort((a, b) => compareNames(a.pillar, b.pillar)),
    total,
  }
}

function packItem(number: number, item: Omit<PackItem, 'number'>): PackItem {
  return {
    id: item.id,
    number,
    ref: item.ref,
    title_en: item.title_en,
    title_zh: item.title_zh,
    title_ru: item.title_ru,
    strategy: item.strategy,
    pillar: item.pillar,
    area: item.area,
    modalities: item.modalities,
    proposers: item.proposers,
    status: item.status,
    cost_usd_m: item.cost_usd_m,
    secured_usd_m: item.secured_usd_m,
    gap_usd_m: item.gap_usd_m,
    quadrant: item.quadrant,
  }
}

/** The pack of a meeting, or null for an unknown id. */
export async function getMeetingPack(db: DB, meetingId: string): Promise<MeetingPack | null> {
  const meeting = await getMeetingSummary(db, meetingId)
  if (!meeting) return null
  const agenda = await getAgenda(db, meetingId)
  const numberOf = new Map(agenda.map((entry, index) => [entry.item_id, index + 1]))
  const frozen = meeting.snapshot_id !== null
  let items: PackItem[]
  let snapshot: MeetingPack['snapshot'] = null
  if (meeting.snapshot_id) {
    const stored = await getSnapshot(db, meeting.snapshot_id)
    snapshot = stored ? { id: stored.id, takenAt: stored.takenAt } : null
    items = (
      await getSnapshotItems(
        db,
        meeting.snapshot_id,
        agenda.map((a) => a.item_id),
      )
    ).map((item) => packItem(numberOf.get(item.id) ?? 0, item))
  } else {
    items = (
      await getItemsByRefs(
        db,
        agenda.map((a) => a.ref),
      )
    ).map((item) => packItem(numberOf.get(item.id) ?? 0, item))
  }
  items.sort((a, b) => a.number - b.number)

  const previous = await previousMeeting(db, meeting)
  const report = previous
    ? await changesSince(db, previous.snapshot_id, meeting.snapshot_id ?? 'now', {
        itemIds: agenda.map((a) => a.item_id),
      })
    : null

  const recorded = new Map((await getDecisions(db, meetingId)).map((d) => [d.item_id, d]))
  const decisions = items.map((item) => {
    const d = recorded.get(item.id)
    return {
      number: item.number,
      ref: item.ref,
      title_en: item.title_en,
      title_ru: item.title_ru,
      title_zh: item.title_zh,
      decision: d ? { ...withoutItemId(d), number: item.number, title_en: item.title_en } : null,
    }
  })

  return {
    meeting,
    frozen,
    snapshot,
    items,
    groups: groupItems(items),
    summary: summarise(items),
    changes: {
      previous: previous && { id: previous.id, title: previous.title, meeting_date: previous.meeting_date },
      report,
    },
    decisions,
  }
}

function withoutItemId({ item_id: _, ...rest }: DecisionRecord): Omit<DecisionRecord, 'item_id'> {
  return rest
}
