import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { PLAN_FILE } from '../tests/setup/fixtures'
import { pdfText } from '../tests/setup/pdf-text'
import { usePortfolio } from '../tests/setup/portfolio'
import { importCsv } from '../app/importer/import.server'
import { addFromView, openMeeting } from '../app/meetings/meetings.server'
import { newMeeting } from '../app/meetings/test-fixtures'
import { meetingPackPdf } from '../app/meetings/pdf.server'
import { parseTaxonomyNames, setTaxonomyNames } from '../app/portfolio/taxonomy-names.server'
import { TAXONOMY_NAMES_FILE } from '../db/seed'
import { startPdfThread, type PdfThread } from './pdf-thread'

// Heavy work off the request path (issue 13, decision 0058): the pack's PDF is laid out in the
// server's PDF thread, so the request thread keeps answering meanwhile. Asserted against the
// render itself, not a clock: the request thread turns while the pack is still being made.

describe("the server's PDF thread", () => {
  const d = usePortfolio({ people: { secretariat: { role: 'secretariat' } } })
  let thread: PdfThread | undefined
  afterEach(async () => {
    await thread?.stop()
  })

  it('makes the same pack as rendering in place, while the request thread stays free', async () => {
    expect((await importCsv(d.db, fs.readFileSync(PLAN_FILE), null)).ok).toBe(true)
    await setTaxonomyNames(d.db, parseTaxonomyNames(fs.readFileSync(TAXONOMY_NAMES_FILE)))
    const meeting = await newMeeting(d.db, d.people.secretariat, {
      title: 'RTG 2026 first meeting',
      body: 'regional_trade_group',
      meeting_date: '2026-03-10',
      place: 'Tbilisi',
    })
    await addFromView(d.db, d.people.secretariat, meeting, '?sort=ref')
    await openMeeting(d.db, d.people.secretariat, meeting)
    const generatedAt = '2026-03-10T08:00:00.000Z'

    thread = startPdfThread()
    let settled = false
    const rendering = meetingPackPdf(d.db, meeting, 'ru', generatedAt, thread.render).finally(
      () => (settled = true),
    )
    let turns = 0
    while (!settled && turns < 20) {
      await new Promise((resolve) => setTimeout(resolve, 1))
      turns++
    }
    expect(turns).toBe(20)
    const inThread = await rendering
    const inPlace = await meetingPackPdf(d.db, meeting, 'ru', generatedAt)
    if (inThread.kind !== 'pdf' || inPlace.kind !== 'pdf') throw new Error('no pack')
    expect(inThread.fileName).toBe(inPlace.fileName)
    const text = (await pdfText(Buffer.from(inThread.bytes))).text
    expect(text).toBe((await pdfText(Buffer.from(inPlace.bytes))).text)
    expect(text).toContain('CITA-22-a')
    // the taxonomy's Russian names crossed into the thread with the pack
    expect(text.replace(/\s+/g, '')).toContain('Направление1')
  })
})
