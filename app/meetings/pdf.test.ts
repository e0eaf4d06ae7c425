import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import { PLAN_FILE } from '../../tests/setup/fixtures'
import { pdfText } from '../../tests/setup/pdf-text'
import { usePortfolio } from '../../tests/setup/portfolio'
import { translator } from '../i18n/i18n'
import { importCsv } from '../importer/import.server'
import { getItemByRef } from '../portfolio/items.server'
import { transition } from '../workflow/workflow.server'
import { addByRefs, addFromView, createMeeting, openMeeting, recordDecision } from './meetings.server'
import { loadMeetingRows } from './test-fixtures'
import { getMeetingPack } from './pack.server'
import { packPdfBytes } from './pdf.server'

const t = translator('en')
const MEETING = {
  title: 'RTG 2026 first meeting',
  body: 'regional_trade_group' as const,
  meeting_date: '2026-03-10',
  place: 'Tbilisi',
}
const flat = (text: string) => text.replace(/\s+/g, '')

describe('the meeting pack as PDF', () => {
  const d = usePortfolio({ people: { secretariat: { role: 'secretariat' } } })
  const { secretariat } = d.people

  it('says what the pack says, Chinese and Russian titles included, in a subset font', async () => {
    await loadMeetingRows(d.db)
    const first = await createMeeting(d.db, secretariat, MEETING)
    await addByRefs(d.db, secretariat, first, ['M-01', 'M-02'])
    await openMeeting(d.db, secretariat, first)
    await recordDecision(
      d.db,
      secretariat,
      first,
      (await getItemByRef(d.db, 'M-01'))!.id,
      'endorse',
      'Endorsed by the RTG.',
    )
    await recordDecision(
      d.db,
      secretariat,
      first,
      (await getItemByRef(d.db, 'M-02'))!.id,
      'defer',
      'Awaiting the feasibility study.',
    )
    const second = await createMeeting(d.db, secretariat, {
      ...MEETING,
      title: 'RTG 2026 second meeting',
      meeting_date: '2026-09-10',
    })
    await addByRefs(d.db, secretariat, second, ['M-01', 'M-02', 'M-03'])
    await openMeeting(d.db, secretariat, second)

    const pdf = await packPdfBytes((await getMeetingPack(d.db, second))!, t, '2026-09-10T08:00:00.000Z')
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const { text, pages } = await pdfText(pdf)
    // cover
    expect(pages[0]).toContain('RTG 2026 second meeting')
    expect(pages[0]).toContain('Regional Trade Group')
    // the titles in all three languages
    for (const title of [
      'Single window',
      '单一窗口',
      'Единое окно',
      '陆港',
      'Сухой порт',
      'Исследование торговли',
    ])
      expect(flat(text)).toContain(flat(title))
    // summary, grouping, changes since the first meeting (M-01 endorsed there), decisions page
    expect(text).toContain('Pillar 1: Market access')
    expect(flat(text)).toContain(flat('2 Border infrastructure'))
    expect(text).toContain('Changes since the previous meeting')
    expect(text).toContain('Status changes')
    expect(text).toMatch(/Under review[\s\S]*Endorsed/)
    expect(text).toContain('No decision recorded')
    // the font is embedded as a subset: far smaller than the 6 MB font file
    expect(pdf.length).toBeLessThan(400_000)
  })

  it('says so when there is no previous meeting', async () => {
    await loadMeetingRows(d.db)
    const meeting = await createMeeting(d.db, secretariat, MEETING)
    await addByRefs(d.db, secretariat, meeting, ['M-03'])
    const { text } = await pdfText(
      await packPdfBytes((await getMeetingPack(d.db, meeting))!, t, '2026-03-01T08:00:00.000Z'),
    )
    expect(text).toContain('there is no earlier pack to compare with')
    expect(text).toContain('Draft')
  })

  // How long this takes is measured by `npm run bench` (docs/performance.md), not asserted here.
  it('makes the pack of the whole 80-item plan', async () => {
    const imported = await importCsv(d.db, fs.readFileSync(PLAN_FILE), null)
    expect(imported.ok).toBe(true)
    const meeting = await createMeeting(d.db, secretariat, MEETING)
    await addFromView(d.db, secretariat, meeting, '?sort=ref')
    await transition(d.db, secretariat, 'CITA-01-a', 'under_review', null)
    await openMeeting(d.db, secretariat, meeting)
    const pdf = await packPdfBytes((await getMeetingPack(d.db, meeting))!, t, '2026-03-10T08:00:00.000Z')
    const { text, pages } = await pdfText(pdf)
    expect(flat(text)).toContain(flat('贸易政策与便利化转型路线'))
    expect(text).toContain('CITA-22-a')
    expect(pages.length).toBeGreaterThan(5)
  })
})
