import type { TFunction } from 'i18next'
import PDFDocument from 'pdfkit'
import { formatUtc } from '../i18n/format'
import { formatUsdMillion, millionToKusd } from '../portfolio/money'
import type { ChangeReport } from '../snapshots/snapshots.server'
import { packFont } from './fonts.server'
import type { MeetingPack, PackItem, PillarTotals } from './pack.server'
import type { Modality, Quadrant, Status } from '../portfolio/codes'
import type { MeetingBody } from './schema'

// The meeting pack as a PDF (pdfkit; why: docs/decisions/0014-meetings.md): cover, summary
// figures, the agenda items by pillar and area in the published plan's layout, the changes since
// the previous meeting, and the decisions. The same content as the printable page
// (app/routes/meetings.$id.pack.tsx), from the same MeetingPack.

const MARGIN = 40
const FONT = 'Noto'
const BOLD = 'Noto-Bold'
const GREY = '#555555'
const RULE = '#bbbbbb'

type Doc = PDFKit.PDFDocument

interface Column {
  header: string
  width: number
  align?: 'left' | 'right'
}

/** A cell: plain text, or lines of which the first may be bold (a title over its translations). */
type Cell = string | { lines: string[]; boldFirst?: boolean }

const dash = '—'
const amount = (m: number | null) => (m == null ? dash : formatUsdMillion(millionToKusd(m)))
const kusd = (k: number | null) => (k == null ? dash : formatUsdMillion(k))

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN * 2
}

function bottom(doc: Doc): number {
  return doc.page.height - MARGIN - 14 // room for the footer
}

function heading(doc: Doc, text: string, size = 16): void {
  if (doc.y > bottom(doc) - size * 4) doc.addPage()
  doc
    .font(BOLD)
    .fontSize(size)
    .fillColor('black')
    .text(text, MARGIN, doc.y, { width: contentWidth(doc) })
  doc.moveDown(0.4)
}

function paragraph(doc: Doc, text: string, options: { color?: string; size?: number } = {}): void {
  doc
    .font(FONT)
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? 'black')
    .text(text, MARGIN, doc.y, { width: contentWidth(doc) })
  doc.moveDown(0.3)
}

function cellLines(cell: Cell): Array<{ text: string; bold: boolean }> {
  if (typeof cell === 'string') return [{ text: cell, bold: false }]
  return cell.lines
    .filter((l) => l.length > 0)
    .map((text, i) => ({ text, bold: !!cell.boldFirst && i === 0 }))
}

function cellHeight(doc: Doc, cell: Cell, width: number, size: number): number {
  let height = 0
  for (const line of cellLines(cell))
    height += doc
      .font(line.bold ? BOLD : FONT)
      .fontSize(size)
      .heightOfString(line.text || ' ', { width })
  return height
}

function drawCell(doc: Doc, cell: Cell, x: number, y: number, column: Column, size: number): void {
  let at = y
  for (const line of cellLines(cell)) {
    doc
      .font(line.bold ? BOLD : FONT)
      .fontSize(size)
      .fillColor('black')
    doc.text(line.text, x, at, { width: column.width - 6, align: column.align ?? 'left' })
    at = doc.y
  }
}

/** A table that wraps its cells and breaks across pages, repeating its header. Widths are fractions of the page's width. */
function table(
  doc: Doc,
  columns: Array<Omit<Column, 'width'> & { share: number }>,
  rows: Cell[][],
  size = 8.5,
): void {
  const total = columns.reduce((sum, c) => sum + c.share, 0)
  const cols: Column[] = columns.map((c) => ({ ...c, width: (c.share / total) * contentWidth(doc) }))
  const pad = 3
  const drawHeader = () => {
    const height =
      Math.max(
        ...cols.map((c) => cellHeight(doc, { lines: [c.header], boldFirst: true }, c.width - 6, size)),
      ) +
      pad * 2
    const y = doc.y
    doc.rect(MARGIN, y, contentWidth(doc), height).fill('#e8ecf0')
    let x = MARGIN
    for (const c of cols) {
      drawCell(doc, { lines: [c.header], boldFirst: true }, x + 3, y + pad, c, size)
      x += c.width
    }
    doc.y = y + height
  }
  if (doc.y > bottom(doc) - 40) doc.addPage()
  drawHeader()
  for (const row of rows) {
    const height =
      Math.max(...row.map((cell, i) => cellHeight(doc, cell, cols[i]!.width - 6, size))) + pad * 2
    if (doc.y + height > bottom(doc)) {
      doc.addPage()
      drawHeader()
    }
    const y = doc.y
    let x = MARGIN
    row.forEach((cell, i) => {
      drawCell(doc, cell, x + 3, y + pad, cols[i]!, size)
      x += cols[i]!.width
    })
    doc
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + contentWidth(doc), y + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke()
    doc.y = y + height
  }
  doc.x = MARGIN
  doc.moveDown(0.8)
}

function titleCell(item: {
  ref: string
  title_en: string
  title_zh: string | null
  title_ru: string | null
}): Cell {
  return {
    lines: [`${item.ref}  ${item.title_en}`, item.title_zh ?? '', item.title_ru ?? ''],
    boldFirst: true,
  }
}

function cover(doc: Doc, pack: MeetingPack, t: TFunction, generatedAt: string): void {
  const { meeting } = pack
  doc.moveDown(6)
  doc
    .font(FONT)
    .fontSize(12)
    .fillColor(GREY)
    .text(t('meetings.pack.kicker'), { width: contentWidth(doc) })
  doc.moveDown(0.5)
  doc
    .font(BOLD)
    .fontSize(26)
    .fillColor('black')
    .text(meeting.title, { width: contentWidth(doc) })
  doc.moveDown(0.5)
  doc
    .font(FONT)
    .fontSize(14)
    .text(t(`meetings.body.${meeting.body as MeetingBody}`), { width: contentWidth(doc) })
  doc.text(t('meetings.pack.dateAndPlace', { date: meeting.meeting_date, place: meeting.place }), {
    width: contentWidth(doc),
  })
  doc.moveDown(1.5)
  doc.fontSize(10).fillColor(GREY)
  doc.text(t('meetings.pack.agendaCount', { count: pack.items.length }), { width: contentWidth(doc) })
  doc.text(
    pack.snapshot
      ? t('meetings.pack.frozenAt', { at: formatUtc(pack.snapshot.takenAt) })
      : t('meetings.pack.draftNote'),
    { width: contentWidth(doc) },
  )
  doc.text(t('meetings.pack.generatedAt', { at: formatUtc(generatedAt) }), { width: contentWidth(doc) })
  doc.fillColor('black')
}

function summary(doc: Doc, pack: MeetingPack, t: TFunction): void {
  heading(doc, t('meetings.pack.summaryTitle'))
  const { byStatus, byQuadrant, byPillar, total } = pack.summary
  heading(doc, t('meetings.pack.byStatus'), 12)
  table(
    doc,
    [
      { header: t('field.status'), share: 3 },
      { header: t('meetings.pack.items'), share: 1, align: 'right' },
    ],
    byStatus.map((r) => [t(`status.${r.status as Status}`), String(r.count)]),
    9,
  )
  heading(doc, t('meetings.pack.byQuadrant'), 12)
  table(
    doc,
    [
      { header: t('field.quadrant'), share: 3 },
      { header: t('meetings.pack.items'), share: 1, align: 'right' },
    ],
    byQuadrant.map((r) => [t(`quadrant.${r.quadrant as Quadrant}`), String(r.count)]),
    9,
  )
  heading(doc, t('meetings.pack.byPillar'), 12)
  const money = (row: Omit<PillarTotals, 'pillar'>) => [
    String(row.items),
    kusd(row.cost_kusd),
    kusd(row.secured_kusd),
    kusd(row.gap_kusd),
  ]
  table(
    doc,
    [
      { header: t('field.pillar'), share: 5 },
      { header: t('meetings.pack.items'), share: 1, align: 'right' },
      { header: t('meetings.pack.costM'), share: 1.5, align: 'right' },
      { header: t('meetings.pack.securedM'), share: 1.5, align: 'right' },
      { header: t('meetings.pack.gapM'), share: 1.5, align: 'right' },
    ],
    [
      ...byPillar.map((row) => [row.pillar ?? t('meetings.pack.noPillar'), ...money(row)]),
      [{ lines: [t('meetings.pack.total')], boldFirst: true }, ...money(total)],
    ],
    9,
  )
}

function agenda(doc: Doc, pack: MeetingPack, t: TFunction): void {
  heading(doc, t('meetings.pack.agendaTitle'))
  if (pack.items.length === 0) return paragraph(doc, t('meetings.pack.noItems'))
  const modality = (codes: string[]) => codes.map((c) => t(`modality.${c as Modality}`)).join(', ')
  for (const group of pack.groups) {
    heading(doc, `${group.strategy} · ${group.pillar ?? t('meetings.pack.noPillar')}`, 12)
    const rows: Cell[][] = []
    for (const area of group.areas) {
      area.items.forEach((item: PackItem, index) => {
        rows.push([
          String(item.number),
          index === 0 ? (area.area ?? t('meetings.pack.noArea')) : '',
          titleCell(item),
          modality(item.modalities),
          item.proposers.join(', '),
          t(`status.${item.status as Status}`),
          amount(item.cost_usd_m),
          amount(item.gap_usd_m),
          t(`quadrant.${item.quadrant}`),
        ])
      })
    }
    table(
      doc,
      [
        { header: t('meetings.pack.number'), share: 0.5 },
        { header: t('field.area'), share: 2 },
        { header: t('meetings.pack.projectOrActivity'), share: 6 },
        { header: t('meetings.pack.type'), share: 1.8 },
        { header: t('meetings.pack.proposers'), share: 1.3 },
        { header: t('field.status'), share: 1.2 },
        { header: t('meetings.pack.costM'), share: 1, align: 'right' },
        { header: t('meetings.pack.gapM'), share: 1, align: 'right' },
        { header: t('field.quadrant'), share: 1.2 },
      ],
      rows,
    )
  }
}

/** The change report's sections as rows of a table: what changed, from what, to what. */
export function changeRows(
  report: ChangeReport,
  t: TFunction,
): Array<{
  section: string
  entries: Array<{
    item: { ref: string; title_en: string; title_zh: string | null; title_ru: string | null }
    before: string
    after: string
  }>
}> {
  const item = (e: { ref: string; titles: { en: string; zh: string | null; ru: string | null } }) => ({
    ref: e.ref,
    title_en: e.titles.en,
    title_zh: e.titles.zh,
    title_ru: e.titles.ru,
  })
  const status = (s: string) => t(`status.${s}`, { defaultValue: s })
  const quadrant = (q: string) => t(`quadrant.${q}`, { defaultValue: q })
  const funding = (f: {
    cost_usd_m: number | null
    secured_usd_m: number | null
    gap_usd_m: number | null
  }) =>
    t('meetings.changes.funding', {
      cost: amount(f.cost_usd_m),
      secured: amount(f.secured_usd_m),
      gap: amount(f.gap_usd_m),
    })
  const scores = (s: {
    strategic_importance: number | null
    ease_of_implementation: number | null
    quadrant: string
  }) =>
    t('meetings.changes.scores', {
      importance: s.strategic_importance ?? dash,
      ease: s.ease_of_implementation ?? dash,
      quadrant: quadrant(s.quadrant),
    })
  const { sections } = report
  return [
    {
      section: t('meetings.changes.new'),
      entries: sections.new.map((e) => ({
        item: item(e),
        before: dash,
        after: `${status(e.after.status)}; ${funding(e.after)}`,
      })),
    },
    {
      section: t('meetings.changes.dropped'),
      entries: sections.dropped.map((e) => ({
        item: item(e),
        before: status(e.before.status),
        after: e.after ? status(e.after.status) : t('meetings.changes.removed'),
      })),
    },
    {
      section: t('meetings.changes.status'),
      entries: sections.status.map((e) => ({
        item: item(e),
        before: status(e.before.status),
        after: status(e.after.status),
      })),
    },
    {
      section: t('meetings.changes.fundingTitle'),
      entries: sections.funding.map((e) => ({
        item: item(e),
        before: funding(e.before),
        after: funding(e.after),
      })),
    },
    {
      section: t('meetings.changes.scoresTitle'),
      entries: sections.scores.map((e) => ({
        item: item(e),
        before: scores(e.before),
        after: scores(e.after),
      })),
    },
    {
      section: t('meetings.changes.interest'),
      entries: sections.interest.map((e) => ({
        item: item(e),
        before: dash,
        after: t('meetings.changes.flag', {
          organisation: e.organisation,
          stage: t(`cofinancing.stage.${e.stage}`, { defaultValue: e.stage }),
          amount: amount(e.amount_usd_m),
        }),
      })),
    },
  ].filter((s) => s.entries.length > 0)
}

function changes(doc: Doc, pack: MeetingPack, t: TFunction): void {
  const { previous, report } = pack.changes
  heading(doc, t('meetings.pack.changesTitle'))
  if (!previous || !report) return paragraph(doc, t('meetings.pack.noPrevious'))
  paragraph(doc, t('meetings.pack.changesSince', { title: previous.title, date: previous.meeting_date }), {
    color: GREY,
  })
  const sections = changeRows(report, t)
  if (sections.length === 0) return paragraph(doc, t('meetings.pack.noChanges'))
  for (const section of sections) {
    heading(doc, section.section, 12)
    table(
      doc,
      [
        { header: t('meetings.pack.projectOrActivity'), share: 5 },
        { header: t('meetings.changes.before'), share: 3 },
        { header: t('meetings.changes.after'), share: 3 },
      ],
      section.entries.map((e) => [titleCell(e.item), e.before, e.after]),
    )
  }
}

function decisions(doc: Doc, pack: MeetingPack, t: TFunction): void {
  heading(doc, t('meetings.pack.decisionsTitle'))
  if (pack.decisions.length === 0) return paragraph(doc, t('meetings.pack.noItems'))
  table(
    doc,
    [
      { header: t('meetings.pack.number'), share: 0.5 },
      { header: t('meetings.pack.projectOrActivity'), share: 4 },
      { header: t('meetings.decision.label'), share: 1.4 },
      { header: t('meetings.decision.text'), share: 4 },
      { header: t('meetings.pack.statusChange'), share: 1.8 },
    ],
    pack.decisions.map((row) => {
      const d = row.decision
      return [
        String(row.number),
        `${row.ref}  ${row.title_en}`,
        d ? t(`meetings.decision.${d.decision}`) : t('meetings.pack.noDecision'),
        d ? d.text : '',
        d?.status_to
          ? t('meetings.pack.statusMove', {
              from: t(`status.${d.status_from as Status}`),
              to: t(`status.${d.status_to as Status}`),
            })
          : dash,
      ]
    }),
  )
}

/**
 * Writes the pack as a PDF document; the caller pipes or collects it. Pages are buffered so the
 * footer can say "page n of m" (the pack of an 80-item plan is a few dozen pages).
 */
export function writePackPdf(pack: MeetingPack, t: TFunction, generatedAt: string): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: `${pack.meeting.title}: ${t('meetings.pack.kicker')}`,
      Author: t('meetings.pack.author'),
      Subject: t(`meetings.body.${pack.meeting.body as MeetingBody}`),
    },
  })
  doc.registerFont(FONT, packFont('regular') as never)
  doc.registerFont(BOLD, packFont('bold') as never)
  doc.font(FONT)

  cover(doc, pack, t, generatedAt)
  doc.addPage()
  summary(doc, pack, t)
  doc.addPage()
  agenda(doc, pack, t)
  doc.addPage()
  changes(doc, pack, t)
  doc.addPage()
  decisions(doc, pack, t)

  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const footer = t('meetings.pack.footer', {
      title: pack.meeting.title,
      date: pack.meeting.meeting_date,
      page: i + 1,
      pages: range.count,
    })
    // Writing below the bottom margin must not add a page: lift the margin for the footer.
    const margins = doc.page.margins
    doc.page.margins = { ...margins, bottom: 0 }
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(GREY)
      .text(footer, MARGIN, doc.page.height - MARGIN + 6, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      })
    doc.page.margins = margins
  }
  doc.end()
  return doc
}

/** The whole PDF in memory (tests). */
export async function packPdfBytes(pack: MeetingPack, t: TFunction, generatedAt: string): Promise<Buffer> {
  const doc = writePackPdf(pack, t, generatedAt)
  const chunks: Buffer[] = []
  for await (const chunk of doc as unknown as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks)
}
