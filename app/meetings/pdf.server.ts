import type { TFunction } from 'i18next'
import type PDFDocument from 'pdfkit'
import { onFirstUse } from '../load-package.server'
import type { DB } from '../../db/schema'
import { formatDate, formatNumber, formatUtc } from '../i18n/format'
import { translator } from '../i18n/i18n'
import { LANGUAGE_TAGS, type Language } from '../i18n/languages'
import { plainTextFor, titlesOf } from '../portfolio/item-text'
import { NO_TAXONOMY_NAMES, taxonomyName, type TaxonomyNames } from '../i18n/taxonomy'
import { registerPackFonts, type Weight } from './fonts.server'
import { changeRows, DASH, packAmount, packKusd } from './pack-text'
import { COUNTRY_CODES } from '../portfolio/codes'
import { getTaxonomyNames } from '../portfolio/taxonomy-names.server'
import { getMeetingPack, type MeetingPack, type PackItem, type PillarTotals } from './pack.server'
import { drawText, fitColumns, lineHeight, textHeight, widestWord } from './pdf-layout.server'
import type { Modality, Quadrant, Status } from '../portfolio/codes'
import type { MeetingBody } from './schema'
import { messageKey } from '../i18n/keys'
import { nameIn } from '../monitoring/names'
import { scorecardCellWords } from '../monitoring/scorecard-text'
import { scorecardsOfMeeting, type Scorecard } from '../monitoring/scorecard.server'

const pdfkit = onFirstUse<typeof PDFDocument>('pdfkit')

// The meeting pack as a PDF (pdfkit; why: docs/decisions/0014-meetings.md): cover, summary
// figures, the agenda items by pillar and area in the published plan's layout, the changes since
// the previous meeting, the decisions and the scorecards added to the pack. The same content as the printable page
// (app/routes/meetings.$id.pack.tsx), from the same MeetingPack, in the reader's language. Text
// goes through pdf-layout.server.ts, which picks a font per script
// (docs/decisions/0027-pdf-fonts-and-localized-outputs.md).

const MARGIN = 40
const GREY = '#555555'
const RULE = '#bbbbbb'

type Doc = PDFKit.PDFDocument

export interface PackPdfOptions {
  language: Language
  /** ISO-8601 UTC */
  generatedAt: string
  /** strategy, pillar and area names in `language` (English where none is stored) */
  names?: TaxonomyNames
  /** the scorecards the secretariat added to this meeting's pack (app/monitoring) */
  scorecards?: Scorecard[]
}

/** What every part of the document needs: the document, the language and its words. */
interface Pack {
  doc: Doc
  t: TFunction
  language: Language
  name: (kind: 'strategy' | 'pillar' | 'area', name: string) => string
  number: (n: number) => string
}

interface Column {
  header: string
  width: number
  align?: 'left' | 'right'
}

/** A cell: plain text, or lines of which the first may be bold (a title over its translations). */
type Cell = string | { lines: string[]; boldFirst?: boolean }

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN * 2
}

function bottom(doc: Doc): number {
  return doc.page.height - MARGIN - 14 // room for the footer
}

/** Moves down by `lines` lines of `size` points. */
function space(doc: Doc, lines: number, size: number): void {
  doc.y += lines * lineHeight(size)
}

function heading(doc: Doc, text: string, size = 16): void {
  if (doc.y > bottom(doc) - size * 4) doc.addPage()
  doc.y = drawText(doc, text, MARGIN, doc.y, contentWidth(doc), { size, weight: 'bold' })
  space(doc, 0.4, size)
}

function paragraph(
  doc: Doc,
  text: string,
  options: { color?: string; size?: number; weight?: Weight } = {},
): void {
  const size = options.size ?? 10
  doc.y = drawText(doc, text, MARGIN, doc.y, contentWidth(doc), { ...options, size })
  space(doc, 0.3, size)
}

function cellLines(cell: Cell): Array<{ text: string; weight: Weight }> {
  if (typeof cell === 'string') return [{ text: cell, weight: 'regular' }]
  return cell.lines
    .filter((l) => l.length > 0)
    .map((text, i) => ({ text, weight: cell.boldFirst && i === 0 ? 'bold' : 'regular' }))
}

function cellHeight(doc: Doc, cell: Cell, width: number, size: number): number {
  return cellLines(cell).reduce(
    (height, line) => height + textHeight(doc, line.text, width, { size, weight: line.weight }),
    0,
  )
}

function drawCell(doc: Doc, cell: Cell, x: number, y: number, column: Column, size: number): void {
  let at = y
  for (const line of cellLines(cell))
    at = drawText(doc, line.text, x, at, column.width - 6, { size, weight: line.weight, align: column.align })
}

/** A table that wraps its cells and breaks across pages, repeating its header. Widths are fractions of the page's width. */
function table(
  doc: Doc,
  columns: Array<Omit<Column, 'width'> & { share: number }>,
  rows: Cell[][],
  size = 8.5,
): void {
  // each column at least as wide as its widest word (a Russian header, a status), the rest by share
  const least = columns.map((c, i) =>
    Math.min(
      contentWidth(doc) / 4,
      6 +
        Math.max(
          widestWord(doc, c.header, { size, weight: 'bold' }),
          ...rows.map((row) =>
            Math.max(
              0,
              ...cellLines(row[i]!).map((l) => widestWord(doc, l.text, { size, weight: l.weight })),
            ),
          ),
        ),
    ),
  )
  const widths = fitColumns(
    columns.map((c) => c.share),
    least,
    contentWidth(doc),
  )
  const cols: Column[] = columns.map((c, i) => ({ ...c, width: widths[i]! }))
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
  space(doc, 0.8, 12)
}

/** An item's ref and its title in the pack's language, or another language's marked with its code (item-text.ts). */
function titleCell(
  item: { ref: string; title_en: string; title_zh: string | null; title_ru: string | null },
  language: Language,
): Cell {
  return { lines: [`${item.ref}  ${plainTextFor(titlesOf(item), language)}`], boldFirst: true }
}

function cover({ doc, t, language }: Pack, pack: MeetingPack, generatedAt: string): void {
  const { meeting } = pack
  space(doc, 6, 12)
  paragraph(doc, t('meetings.pack.kicker'), { size: 12, color: GREY })
  paragraph(doc, meeting.title, { size: 26, weight: 'bold' })
  paragraph(doc, t(`meetings.body.${meeting.body}`), { size: 14 })
  paragraph(
    doc,
    t('meetings.pack.dateAndPlace', {
      date: formatDate(meeting.meeting_date, language),
      place: meeting.place,
    }),
    { size: 14 },
  )
  space(doc, 1.5, 10)
  const note = (text: string) => paragraph(doc, text, { color: GREY })
  note(t('meetings.pack.agendaCount', { count: pack.items.length }))
  note(
    pack.snapshot
      ? t('meetings.pack.frozenAt', { at: formatUtc(pack.snapshot.takenAt, language) })
      : t('meetings.pack.draftNote'),
  )
  note(t('meetings.pack.generatedAt', { at: formatUtc(generatedAt, language) }))
}

/** The proposer countries on the agenda, code and name: the tables name countries by code. */
function countries({ doc, t }: Pack, pack: MeetingPack): void {
  const codes = COUNTRY_CODES.filter((code) => pack.items.some((item) => item.proposers.includes(code)))
  if (codes.length === 0) return
  heading(doc, t('meetings.pack.countriesTitle'), 12)
  table(
    doc,
    [
      { header: t('meetings.pack.countryCode'), share: 1 },
      { header: t('meetings.pack.countryName'), share: 4 },
    ],
    codes.map((code) => [code, t(`country.${code}`, { defaultValue: code })]),
    9,
  )
}

function summary(context: Pack, pack: MeetingPack): void {
  const { doc, t, language, name, number } = context
  heading(doc, t('meetings.pack.summaryTitle'))
  const { byStatus, byQuadrant, byPillar, total } = pack.summary
  heading(doc, t('meetings.pack.byStatus'), 12)
  table(
    doc,
    [
      { header: t('field.status'), share: 3 },
      { header: t('meetings.pack.items'), share: 1, align: 'right' },
    ],
    byStatus.map((r) => [t(`status.${r.status as Status}`), number(r.count)]),
    9,
  )
  heading(doc, t('meetings.pack.byQuadrant'), 12)
  table(
    doc,
    [
      { header: t('field.quadrant'), share: 3 },
      { header: t('meetings.pack.items'), share: 1, align: 'right' },
    ],
    byQuadrant.map((r) => [t(`quadrant.${r.quadrant as Quadrant}`), number(r.count)]),
    9,
  )
  heading(doc, t('meetings.pack.byPillar'), 12)
  const money = (row: Omit<PillarTotals, 'pillar'>) => [
    number(row.items),
    packKusd(row.cost_kusd, language),
    packKusd(row.secured_kusd, language),
    packKusd(row.gap_kusd, language),
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
      ...byPillar.map((row) => [
        row.pillar == null ? t('meetings.pack.noPillar') : name('pillar', row.pillar),
        ...money(row),
      ]),
      [{ lines: [t('meetings.pack.total')], boldFirst: true }, ...money(total)],
    ],
    9,
  )
  countries(context, pack)
}

function agenda({ doc, t, language, name, number }: Pack, pack: MeetingPack): void {
  heading(doc, t('meetings.pack.agendaTitle'))
  if (pack.items.length === 0) return paragraph(doc, t('meetings.pack.noItems'))
  const modality = (codes: string[]) =>
    codes.map((c) => t(`modality.${c as Modality}`)).join(t('punctuation.list'))
  for (const group of pack.groups) {
    heading(
      doc,
      `${name('strategy', group.strategy)} · ${group.pillar == null ? t('meetings.pack.noPillar') : name('pillar', group.pillar)}`,
      12,
    )
    const rows: Cell[][] = []
    for (const area of group.areas) {
      area.items.forEach((item: PackItem, index) => {
        rows.push([
          number(item.number),
          index === 0 ? (area.area == null ? t('meetings.pack.noArea') : name('area', area.area)) : '',
          titleCell(item, language),
          modality(item.modalities),
          item.proposers.join(t('punctuation.list')),
          t(`status.${item.status as Status}`),
          packAmount(item.cost_usd_m, language),
          packAmount(item.gap_usd_m, language),
          t(`quadrant.${item.quadrant as Quadrant}`),
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

function changes({ doc, t, language }: Pack, pack: MeetingPack): void {
  const { previous, report } = pack.changes
  heading(doc, t('meetings.pack.changesTitle'))
  if (!previous || !report) return paragraph(doc, t('meetings.pack.noPrevious'))
  paragraph(
    doc,
    t('meetings.pack.changesSince', {
      title: previous.title,
      date: formatDate(previous.meeting_date, language),
    }),
    { color: GREY },
  )
  const sections = changeRows(report, t, language)
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
      section.entries.map((e) => [titleCell(e.item, language), e.before, e.after]),
    )
  }
}

function decisions({ doc, t, language, number }: Pack, pack: MeetingPack): void {
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
        number(row.number),
        `${row.ref}  ${plainTextFor(titlesOf(row), language)}`,
        d
          ? d.amendment
            ? t('punctuation.aside', {
                text: t(`meetings.decision.${d.decision}`),
                aside: t('corrections.amendedMark'),
              })
            : t(`meetings.decision.${d.decision}`)
          : t('meetings.pack.noDecision'),
        d
          ? d.amendment
            ? `${d.text}\n${t('corrections.packAmended', {
                date: formatDate(d.amendment.amended_at.slice(0, 10), language),
                reason: d.amendment.reason,
              })}`
            : d.text
          : '',
        d?.status_to
          ? t('meetings.pack.statusMove', {
              from: t(`status.${d.status_from as Status}`),
              to: t(`status.${d.status_to as Status}`),
            })
          : DASH,
      ]
    }),
  )
}

/** Each scorecard added to the pack: KPIs down, countries across, every cell in words. */
function scorecards({ doc, t, language, number }: Pack, cards: Scorecard[]): void {
  for (const card of cards) {
    doc.addPage()
    heading(doc, t('kpi.scorecard.packTitle', { period: card.period }))
    if (card.rows.length === 0) {
      paragraph(doc, t('kpi.scorecard.empty'))
      continue
    }
    table(
      doc,
      [
        { header: t('kpi.field.name'), share: 3 },
        ...card.countries.map((c) => ({ header: t(messageKey(`country.${c}`)), share: 1 })),
      ],
      card.rows.map((row) => [
        {
          lines: [
            `${row.code} ${nameIn(row.name, language)}${row.unit ? t('punctuation.parenthesis', { text: row.unit }) : ''}`,
          ],
          boldFirst: true,
        },
        ...row.cells.map((c): Cell => {
          const words = scorecardCellWords(c, card.period, t, number)
          if (words.value === null) return words.state
          return {
            lines: [
              [words.value, words.from].filter(Boolean).join(' '),
              words.percent
                ? t('punctuation.aside', { text: words.progress, aside: words.percent })
                : words.progress,
              ...(words.target ? [words.target] : []),
              words.trend,
            ],
            boldFirst: true,
          }
        }),
      ]),
      7,
    )
  }
}

function footers({ doc, t, language }: Pack, pack: MeetingPack): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const footer = t('meetings.pack.footer', {
      title: pack.meeting.title,
      date: formatDate(pack.meeting.meeting_date, language),
      page: i + 1,
      pages: range.count,
    })
    drawText(doc, footer, MARGIN, doc.page.height - MARGIN + 6, contentWidth(doc), {
      size: 8,
      color: GREY,
      align: 'center',
    })
  }
}

/**
 * Writes the pack as a PDF document in `options.language`; the caller pipes or collects it. Pages
 * are buffered so the footer can say "page n of m" (the pack of an 80-item plan is a few dozen
 * pages).
 */
export function writePackPdf(pack: MeetingPack, options: PackPdfOptions): Doc {
  const { language } = options
  const t = translator(language)
  const names = options.names ?? NO_TAXONOMY_NAMES
  const doc = new (pdfkit())({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    lang: LANGUAGE_TAGS[language],
    displayTitle: true,
    info: {
      Title: `${pack.meeting.title}: ${t('meetings.pack.kicker')}`,
      Author: t('meetings.pack.author'),
      Subject: t(`meetings.body.${pack.meeting.body as MeetingBody}`),
    },
  })
  registerPackFonts(doc)
  const context: Pack = {
    doc,
    t,
    language,
    name: (kind, name) => taxonomyName(names, kind, name),
    number: (n) => formatNumber(n, language),
  }

  cover(context, pack, options.generatedAt)
  doc.addPage()
  summary(context, pack)
  doc.addPage()
  agenda(context, pack)
  doc.addPage()
  changes(context, pack)
  doc.addPage()
  decisions(context, pack)
  scorecards(context, options.scorecards ?? [])
  footers(context, pack)
  doc.end()
  return doc
}

/** The whole PDF in memory (tests, the benchmark). */
export async function packPdfBytes(pack: MeetingPack, options: PackPdfOptions): Promise<Buffer> {
  const doc = writePackPdf(pack, options)
  const chunks: Buffer[] = []
  for await (const chunk of doc as unknown as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/**
 * Makes a pack's PDF. pdfkit lays a document out in one synchronous run (a 500-item agenda takes
 * the better part of a second, a process's first pack seconds more to read its fonts), so the
 * server passes one that renders in a thread of its own (server/pdf-thread.ts, decision 0058);
 * jobs, tests and scripts render where they run.
 */
export type PackRenderer = (pack: MeetingPack, options: PackPdfOptions) => Promise<Uint8Array>

/** The renderer the server puts in a request's context (server/app.ts), else rendering here (`npm run dev`'s Vite has none). */
export function packRendererOf(context: unknown): PackRenderer {
  const render = (context as { renderPackPdf?: unknown } | null | undefined)?.renderPackPdf
  return typeof render === 'function' ? (render as PackRenderer) : packPdfBytes
}

/** A meeting's pack as a PDF in `language`, with the file's name; not_found for an unknown meeting. */
export async function meetingPackPdf(
  db: DB,
  meetingId: string,
  language: Language,
  generatedAt: string,
  render: PackRenderer = packPdfBytes,
): Promise<{ kind: 'not_found' } | { kind: 'pdf'; bytes: Uint8Array; fileName: string }> {
  const pack = await getMeetingPack(db, meetingId)
  if (!pack) return { kind: 'not_found' }
  const bytes = await render(pack, {
    language,
    generatedAt,
    names: await getTaxonomyNames(db, language),
    scorecards: await scorecardsOfMeeting(db, meetingId),
  })
  return {
    kind: 'pdf',
    bytes,
    fileName: `meeting-pack-${pack.meeting.meeting_date}-${pack.meeting.id.slice(0, 8)}.pdf`,
  }
}
