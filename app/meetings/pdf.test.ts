import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import { PLAN_FILE } from '../../tests/setup/fixtures'
import { pdfText } from '../../tests/setup/pdf-text'
import { usePortfolio } from '../../tests/setup/portfolio'
import { toCsv } from '../../tests/setup/fixtures'
import { getTaxonomyNames, setTaxonomyNames } from '../portfolio/taxonomy-names.server'
import { importCsv } from '../importer/import.server'
import { getItemByRef } from '../portfolio/items.server'
import { transition } from '../workflow/workflow.server'
import { addByRefs, addFromView, openMeeting, recordDecision } from './meetings.server'
import { loadMeetingRows, newMeeting } from './test-fixtures'
import { getMeetingPack } from './pack.server'
import { meetingPackPdf, packPdfBytes } from './pdf.server'
import { KPI_FILE } from '../../db/seed'
import { insertUser } from '../../tests/setup/fixtures'
import { parsePeriod } from '../monitoring/codes'
import { importFrameworkFile, setTarget } from '../monitoring/framework.server'
import { approveReport, saveReport, submitReport } from '../monitoring/reports.server'
import { addScorecardToMeeting } from '../monitoring/scorecard.server'

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
    const first = await newMeeting(d.db, secretariat, MEETING)
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
    const second = await newMeeting(d.db, secretariat, {
      ...MEETING,
      title: 'RTG 2026 second meeting',
      meeting_date: '2026-09-10',
    })
    await addByRefs(d.db, secretariat, second, ['M-01', 'M-02', 'M-03'])
    await openMeeting(d.db, secretariat, second)

    const pdf = await packPdfBytes((await getMeetingPack(d.db, second))!, {
      language: 'en',
      generatedAt: '2026-09-10T08:00:00.000Z',
    })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const { text, pages } = await pdfText(pdf)
    // cover
    expect(pages[0]).toContain('RTG 2026 second meeting')
    expect(pages[0]).toContain('Regional Trade Group')
    // the titles in the pack's language: English here, Chinese and Russian in packs of their own
    expect(flat(text)).toContain(flat('Single window'))
    expect(flat(text)).not.toContain(flat('单一窗口'))
    const inLanguage = async (language: 'ru' | 'zh') =>
      flat(
        (
          await pdfText(
            await packPdfBytes((await getMeetingPack(d.db, second))!, {
              language,
              generatedAt: '2026-09-10T08:00:00.000Z',
            }),
          )
        ).text,
      )
    const chinese = await inLanguage('zh')
    for (const title of ['单一窗口', '陆港']) expect(chinese).toContain(flat(title))
    const russian = await inLanguage('ru')
    for (const title of ['Единое окно', 'Сухой порт', 'Исследование торговли'])
      expect(russian).toContain(flat(title))
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
    const meeting = await newMeeting(d.db, secretariat, MEETING)
    await addByRefs(d.db, secretariat, meeting, ['M-03'])
    const { text } = await pdfText(
      await packPdfBytes((await getMeetingPack(d.db, meeting))!, {
        language: 'en',
        generatedAt: '2026-03-01T08:00:00.000Z',
      }),
    )
    expect(text).toContain('there is no earlier pack to compare with')
    expect(text).toContain('Draft')
  })

  // How long this takes is measured by `npm run bench` (docs/performance.md), not asserted here.
  it('makes the pack of the whole 80-item plan', async () => {
    const imported = await importCsv(d.db, fs.readFileSync(PLAN_FILE), null)
    expect(imported.ok).toBe(true)
    const meeting = await newMeeting(d.db, secretariat, MEETING)
    await addFromView(d.db, secretariat, meeting, '?sort=ref')
    await transition(d.db, secretariat, 'CITA-01-a', 'under_review', null)
    await openMeeting(d.db, secretariat, meeting)
    // in Chinese: the plan's Chinese titles (the reader's language, docs/decisions/0034)
    const pdf = await packPdfBytes((await getMeetingPack(d.db, meeting))!, {
      language: 'zh',
      generatedAt: '2026-03-10T08:00:00.000Z',
    })
    const { text, pages } = await pdfText(pdf)
    expect(flat(text)).toContain(flat('贸易政策与便利化转型路线'))
    expect(text).toContain('CITA-22-a')
    expect(pages.length).toBeGreaterThan(5)
  })

  // Every letter the member countries write that Noto Sans SC alone lacked, Georgian, Chinese and
  // the currency signs: in bold (the first line of a title), regular (translations, the place, a
  // decision) and on the cover. A letter drawn as the empty box would come out of the text as
  // another missing letter (pdfkit maps every missing glyph to one code), so each is looked for.
  const LETTERS = {
    kazakh: 'Қазақстан Ғ Ұ Ү Ө Һ Ң Ә қ ғ ұ ү ө һ ң ә',
    tajik: 'Тоҷикистон Ӯ Ҷ Ҳ ӯ ҷ ҳ',
    azerbaijani: 'Azərbaycan Ə ə ı Ş ş Ğ ğ',
    turkmen: 'Türkmenistan Ž ž Ň ň Ý ý Ç ç Ö ö Ü ü',
    uzbek: 'Oʻzbekiston Gʻalla',
    georgian: 'საქართველო',
    chinese: '中华人民共和国',
    currency: '₸ ₽ ₼ ₾ ₮ ₹ ¥',
  }
  const ALL = Object.values(LETTERS).join(' ')

  it('shows every script and letter of the member countries, and the currency signs', async () => {
    await importCsv(
      d.db,
      toCsv([
        {
          ref: 'L-01',
          strategy: 'CITA 2030',
          pillar: 'Pillar 1: Market access',
          area: '1 Trade policy',
          title_en: `${LETTERS.kazakh} ${LETTERS.tajik} ${LETTERS.currency}`,
          title_ru: `${LETTERS.azerbaijani} ${LETTERS.turkmen}`,
          title_zh: `${LETTERS.chinese} ${LETTERS.georgian}`,
          proposers: 'KAZ;TAJ',
        },
        {
          ref: 'L-02',
          strategy: 'CITA 2030',
          title_en: `${LETTERS.uzbek} ${LETTERS.georgian} ${LETTERS.azerbaijani} ${LETTERS.turkmen}`,
          proposers: 'GEO',
        },
      ]),
      null,
    )
    const meeting = await newMeeting(d.db, secretariat, {
      ...MEETING,
      title: `${LETTERS.georgian} ${LETTERS.kazakh}`,
      place: `${LETTERS.uzbek} ${LETTERS.chinese}`,
    })
    await addByRefs(d.db, secretariat, meeting, ['L-01', 'L-02'])
    await openMeeting(d.db, secretariat, meeting)
    await recordDecision(
      d.db,
      secretariat,
      meeting,
      (await getItemByRef(d.db, 'L-02'))!.id,
      'note',
      `${LETTERS.tajik} ${LETTERS.currency}`,
    )
    const { text, pages } = await pdfText(
      await packPdfBytes((await getMeetingPack(d.db, meeting))!, {
        language: 'en',
        generatedAt: '2026-03-10T08:00:00.000Z',
      }),
    )
    for (const letter of new Set(ALL.replace(/\s/g, ''))) expect(text, letter).toContain(letter)
    for (const word of ALL.split(' ')) expect(flat(text), word).toContain(word)
    expect(flat(pages[0]!)).toContain(flat(`${LETTERS.georgian} ${LETTERS.kazakh}`))
  })

  it("writes the pack in the reader's language: labels, names, numbers and dates", async () => {
    await loadMeetingRows(d.db)
    await setTaxonomyNames(d.db, [
      { kind: 'pillar', name: 'Pillar 1: Market access', name_ru: null, name_zh: '支柱 1：市场准入' },
      { kind: 'area', name: '1 Trade policy', name_ru: '1 Торговая политика', name_zh: '1 贸易政策' },
    ])
    const meeting = await newMeeting(d.db, secretariat, MEETING)
    await addByRefs(d.db, secretariat, meeting, ['M-01', 'M-03'])
    await openMeeting(d.db, secretariat, meeting)
    const pack = (await getMeetingPack(d.db, meeting))!
    const generatedAt = '2026-03-10T08:00:00.000Z'

    const zh = (
      await pdfText(
        await packPdfBytes(pack, { language: 'zh', generatedAt, names: await getTaxonomyNames(d.db, 'zh') }),
      )
    ).text
    expect(zh).toContain('会议材料包')
    expect(zh).toContain('区域贸易小组')
    expect(flat(zh)).toContain(flat('2026/03/10'))
    expect(flat(zh)).toContain(flat('支柱 1：市场准入'))
    expect(flat(zh)).toContain(flat('1 贸易政策'))
    expect(zh).toContain('哈萨克斯坦')
    expect(zh).not.toContain('Regional Trade Group')
    // M-01's proposers, listed as Chinese lists them (punctuation.list), not with ', '
    expect(flat(zh)).toContain('KAZ、UZB')
    expect(flat(zh)).not.toContain('KAZ,UZB')

    const ru = (
      await pdfText(
        await packPdfBytes(pack, { language: 'ru', generatedAt, names: await getTaxonomyNames(d.db, 'ru') }),
      )
    ).text
    expect(ru).toContain('Региональная торговая группа')
    expect(ru).toContain('10.03.2026')
    // M-03 costs 1.5 (USD million): a decimal comma in Russian
    expect(ru).toContain('1,5')
    expect(ru).not.toContain('1.5')
    expect(flat(ru)).toContain(flat('1 Торговая политика'))
    // no Russian name stored: the English one
    expect(flat(ru)).toContain(flat('Pillar 1: Market access'))
    expect(ru).toContain('Казахстан')
    // the agenda table's narrow columns keep their Russian words whole (not "Стоимос / ть")
    const agenda = (
      await pdfText(
        await packPdfBytes(pack, { language: 'ru', generatedAt, names: await getTaxonomyNames(d.db, 'ru') }),
      )
    ).pages.find((page) => page.includes('Позиции повестки по направлениям и областям'))!
    for (const word of ['Стоимость', 'Дефицит', 'Приоритет', 'инициаторы'])
      expect(agenda, word).toContain(word)
  })

  it("prints the scorecards added to the meeting's pack, each cell in words, in the reader's language", async () => {
    await importFrameworkFile(d.db, fs.readFileSync(KPI_FILE))
    await setTarget(d.db, secretariat, 'DS-02', {
      scope: 'KAZ',
      baseline: 100,
      baseline_year: 2024,
      target: 300,
      target_year: 2030,
    })
    const y2025 = parsePeriod('2025')!
    const kaz = await insertUser(d.db, 'working_group', ['KAZ'])
    await saveReport(d.db, kaz, y2025, 'KAZ', { 'DS-02': { value: 200, source: null, note: null } })
    await submitReport(d.db, kaz, y2025, 'KAZ')
    await approveReport(d.db, secretariat, y2025, 'KAZ')
    const meeting = await newMeeting(d.db, secretariat, MEETING)
    const without = await meetingPackPdf(d.db, meeting, 'ru', '2026-03-10T08:00:00.000Z')
    if (without.kind !== 'pdf') throw new Error('no pack')
    expect((await pdfText(Buffer.from(without.bytes))).text).not.toContain('Цифровая сводная оценка')

    await addScorecardToMeeting(d.db, meeting, y2025, secretariat.id)
    const outcome = await meetingPackPdf(d.db, meeting, 'ru', '2026-03-10T08:00:00.000Z')
    if (outcome.kind !== 'pdf') throw new Error('no pack')
    const bytes = Buffer.from(outcome.bytes)
    const ru = flat((await pdfText(bytes)).text)
    expect(ru).toContain(flat('Цифровая сводная оценка за 2025'))
    expect(ru).toContain('DS-02')
    // Kazakhstan's approved 200 of the way from 100 to 300: half-way, on track, in Russian
    expect(ru).toContain(flat('По плану'))
    expect(ru).toContain('50%')
  })
})
