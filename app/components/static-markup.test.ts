import { createElement as h, Fragment } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { StaticRouter } from 'react-router-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { i18nFor, textOf } from '~/i18n/use-text'
import { LANGUAGES } from '~/i18n/languages'
import { COLUMNS, type ColumnId } from '~/portfolio/columns'
import { ListQuery } from '~/portfolio/list-query'
import { TaxonomyNamesProvider } from './i18n/TaxonomyNames'
import { ItemTable } from './portfolio/ItemTable'
import { choiceList } from './portfolio/FilterPanel'
import { staticElement, staticMarkup } from './static-markup'

// The browser hydrates the server's markup node by node: staticMarkup must write exactly what
// React's server renderer writes (renderToString: the same renderer, text separators included).
// Tests include *.test.ts only, hence createElement rather than JSX.

afterEach(() => vi.unstubAllEnvs())

const TRICKY = `A <b>"quoted"</b> & 'single' > text`

// the page's rows carry every language's title (titlesOf reads them)
type Row = Parameters<typeof ItemTable>[0]['items'][number] & {
  title_ru?: string | null
  title_zh?: string | null
}

function row(k: number, changes: Partial<Row> = {}): Row {
  return {
    ref: `CITA-01-${String(k).padStart(6, '0')}`,
    title_en: `Rehabilitation of road ${k}`,
    title_ru: null,
    title_zh: null,
    translations_outdated: null,
    strategy: 'CITA 2030',
    pillar: 'Pillar 1: Trade expansion',
    area: '2 Modernization of border infrastructure',
    modalities: ['investment_project', 'policy_dialogue'],
    proposers: ['KAZ', 'UZB'],
    status: 'approved',
    start_year: 2024,
    end_year: 2028,
    cost_usd_m: 12.5,
    secured_usd_m: 3,
    gap_usd_m: 9.5,
    quadrant: 'quick_win',
    interest: [{ organisation: 'ADB', stage: 'interest' }],
    updated_at: '2026-11-30T10:00:00.000Z',
    archived: false,
    published: true,
    ...changes,
  }
}

const ROWS: Row[] = [
  row(1),
  row(2, { title_en: '', title_ru: 'Реконструкция дороги', title_zh: null }),
  row(3, { title_en: '', title_ru: null, title_zh: '铁路走廊' }),
  row(4, { title_ru: 'Перевод', translations_outdated: 'title_ru', archived: true }),
  row(5, { title_en: TRICKY, pillar: null, area: null, modalities: [], proposers: [] }),
  row(6, { start_year: null, end_year: 2030, cost_usd_m: null, secured_usd_m: null, gap_usd_m: 0 }),
  row(7, { start_year: null, end_year: null, interest: [], quadrant: 'unscored', published: false }),
  row(8, {
    title_en: '   ',
    title_zh: '中文 & "标题"',
    interest: [
      { organisation: 'World Bank & IFC', stage: 'committed' },
      { organisation: "O'Brien <Fund>", stage: 'interest' },
    ],
    status: 'on_hold',
  }),
]

const NAMES = {
  strategy: { 'CITA 2030': 'ЦИТА 2030' },
  pillar: {},
  area: { '2 Modernization of border infrastructure': '2 Модернизация <границ>' },
}

function table(language: string, columns: ColumnId[], query: ListQuery, selection: boolean) {
  return h(
    StaticRouter,
    { location: '/items?sort=-cost_usd_m&status=approved' },
    h(
      I18nextProvider,
      { i18n: i18nFor(language) },
      h(TaxonomyNamesProvider, {
        names: NAMES,
        children: h(ItemTable, {
          items: ROWS,
          query,
          columns,
          selection: selection ? { rows: { [ROWS[1]!.ref]: true }, onChange: () => undefined } : undefined,
        }),
      }),
    ),
  )
}

/** The page's markup as the server writes it now, and as React alone wrote it. */
function bothWays(element: ReturnType<typeof table>) {
  vi.stubEnv('SSR', true)
  const written = renderToString(element)
  vi.stubEnv('SSR', false)
  const react = renderToString(element)
  return { written, react }
}

describe('the portfolio table on the server', () => {
  const ALL = COLUMNS.map((c) => c.id)
  for (const language of LANGUAGES)
    it(`is React's own markup, in ${language}`, () => {
      for (const [columns, query, selection] of [
        [ALL, ListQuery.parse({}), true],
        [ALL, ListQuery.parse({ sort: '-cost_usd_m' }), false],
        [['title', 'interest', 'updated_at'], ListQuery.parse({ sort: 'status' }), true],
      ] as const) {
        const { written, react } = bothWays(table(language, [...columns], query, selection))
        expect(written).toBe(react)
        // and it was written as one string: React's markup has its rows inside
        expect(written).toContain('<tbody><tr')
      }
    })
})

describe('the filter panel options on the server', () => {
  for (const language of LANGUAGES)
    it(`are React's own markup, in ${language}`, () => {
      const text = textOf(i18nFor(language))
      for (const selected of [[], ['b'], ['a', TRICKY]]) {
        const element = choiceList(text, {
          name: 'proposers',
          legend: `Proposers ${TRICKY}`,
          options: [
            { value: 'a', label: 'KAZ · Kazakhstan' },
            { value: 'b', label: '中文' },
            { value: TRICKY, label: TRICKY },
            { value: '', label: '' },
          ],
          selected,
        })
        expect(staticMarkup(element)).toBe(renderToString(element))
      }
    })
})

describe('staticMarkup', () => {
  it('separates adjacent texts as React does, across fragments, arrays and empty strings', () => {
    const node = h(
      'p',
      null,
      'a',
      h(Fragment, null, 'b', ''),
      ['', 'c', null, 3],
      h('span', null, 'd'),
      'e',
      false,
      0,
    )
    expect(staticMarkup(node)).toBe(renderToString(node))
  })

  it('writes attributes as React does: booleans, numbers, aria and data, handlers left out', () => {
    const node = h(
      'div',
      { className: 'x', 'aria-hidden': true, 'data-n': 3, tabIndex: -1, onClick: () => null },
      h('input', { value: 'v"', type: 'checkbox', checked: false, name: 'n', onChange: () => null }),
      h('input', { defaultChecked: true, type: 'checkbox', 'aria-label': 'tick' }),
      h('label', { htmlFor: 'q' }, h('time', { dateTime: '2026-12-01' }, '1 Dec')),
    )
    expect(staticMarkup(node)).toBe(renderToString(node))
  })

  it('leaves to React what it does not write as React does', () => {
    expect(staticMarkup(h('select', { defaultValue: 'a' }, h('option', { value: 'a' }, 'A')))).toBeNull()
    expect(staticMarkup(h('div', { style: { color: 'red' } }))).toBeNull()
    expect(staticMarkup(h('div', { autoFocus: true }))).toBeNull()
    expect(
      staticMarkup(
        h(
          'div',
          null,
          h(() => h('span', null, 'component')),
        ),
      ),
    ).toBeNull()
    expect(staticMarkup(h('br'))).toBeNull()
  })
})

describe('staticElement', () => {
  const children = [h('tr', { key: 1 }, h('td', null, 'a')), h('tr', { key: 2 }, h('td', null, 'b'))]

  it('on the server, hands React the children as one string', () => {
    vi.stubEnv('SSR', true)
    const element = staticElement('tbody', { className: 'x' }, children)
    expect(element.props).toEqual({
      className: 'x',
      dangerouslySetInnerHTML: { __html: '<tr><td>a</td></tr><tr><td>b</td></tr>' },
    })
  })

  it('in the browser, and for what staticMarkup cannot write, leaves the children to React', () => {
    vi.stubEnv('SSR', false)
    expect(staticElement('tbody', {}, children).props).toEqual({ children })
    vi.stubEnv('SSR', true)
    const select = h('select', { defaultValue: 'a' })
    expect(staticElement('div', {}, select).props).toEqual({ children: select })
  })
})
