import { Form, useLocation, useNavigate } from '@remix-run/react'
import { codeAndName } from '~/i18n/format'
import { useText, type Text } from '~/i18n/use-text'
import { staticElement } from '../static-markup'
import { STAGES } from '~/cofinancing/schema'
import { COUNTRY_CODES, MODALITIES, QUADRANTS, STATUSES } from '~/portfolio/codes'
import { COLUMNS, type ColumnId } from '~/portfolio/columns'
import {
  ARCHIVED,
  ARCHIVED_LABELS,
  DEFAULT_PAGE_SIZE,
  INTEREST,
  PUBLISHED,
  TRANSLATION_STATE_LABELS,
  TRANSLATION_STATES,
  type ListQuery,
} from '~/portfolio/list-query'
import type { TaxonomyNameTree } from '~/portfolio/taxonomy.server'
import { compactViewParams } from '~/portfolio/view-url'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'
import type { TaxonomyKind } from '~/i18n/taxonomy'
import { LANGUAGES } from '~/i18n/languages'
import { FilterField } from '~/components/forms'

// A plain GET form: the view is the URL, so it works without JavaScript, a copied link reopens
// it and the back button steps through earlier views.

interface ChoicesProps {
  name: string
  legend: string
  options: Array<{ value: string; label: string }>
  selected: readonly string[]
}

export function Choices(props: ChoicesProps) {
  return choiceList(useText(), props)
}

/** Choices as a plain call: the filter panel's lists are written as one string on the server (static-markup.ts). */
export function choiceList({ t }: Text, { name, legend, options, selected }: ChoicesProps) {
  return (
    <details className="choices">
      <summary>
        {legend}
        {selected.length ? (
          <span className="count">
            {t('punctuation.parenthesis', { text: t('list.selected', { count: selected.length }) })}
          </span>
        ) : null}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{legend}</legend>
        {options.map((option) => (
          <label key={option.value} className="check">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              defaultChecked={selected.includes(option.value)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
    </details>
  )
}

interface SelectFilterProps<V extends string | number> {
  /** the field's name and id */
  name: string
  label: string
  value: string
  /** the first option's text, for no filter (value ''); none when every value is a filter */
  any?: string
  values: readonly V[]
  text: (value: V) => string
  describedBy?: string
}

/** One of the filter row's drop-downs, as a plain call like `choiceList` (no component of its own). */
function selectFilter<V extends string | number>(props: SelectFilterProps<V>) {
  const { name, label, value, any, values, text, describedBy } = props
  return (
    <FilterField htmlFor={name} label={label}>
      <select id={name} name={name} defaultValue={value} aria-describedby={describedBy}>
        {any === undefined ? null : <option value="">{any}</option>}
        {values.map((option) => (
          <option key={option} value={option}>
            {text(option)}
          </option>
        ))}
      </select>
    </FilterField>
  )
}

const unique = (names: string[]) => [...new Set(names)]

/** `organisations`: those the partner-interest filter offers (every one that has flagged, or has a partner user). */
/** The portfolio's filters; `tableOptions` false leaves out what only the table has (columns, page size), for views such as the priority matrix. */
export function FilterPanel({
  query,
  taxonomy,
  columns,
  organisations,
  tableOptions = true,
  publicView = false,
}: {
  query: ListQuery
  taxonomy: TaxonomyNameTree
  columns: ColumnId[]
  organisations: string[]
  tableOptions?: boolean
  /** the public portfolio: no archived items, partner interest or publication to filter on */
  publicView?: boolean
}) {
  const text = useText()
  const { t } = text
  const name = useTaxonomyName()
  const location = useLocation()
  const navigate = useNavigate()
  const pillars = unique(taxonomy.strategies.flatMap((s) => s.pillars.map((p) => p.name)))
  const areas = unique(
    taxonomy.strategies.flatMap((s) => s.pillars.flatMap((p) => p.areas.map((a) => a.name))),
  )
  // the value stays the English name: the filter's, the address's and the API's
  const asOptions = (kind: TaxonomyKind, names: string[]) =>
    names.map((value) => ({ value, label: name(kind, value) }))
  return (
    <Form
      method="get"
      className="filters"
      key={location.search}
      role="search"
      aria-label={t('list.filters')}
      onSubmit={(event) => {
        // With JavaScript, the same view under a short URL; without it, the plain GET still works.
        event.preventDefault()
        const fields = new URLSearchParams()
        for (const [key, value] of new FormData(event.currentTarget))
          if (typeof value === 'string') fields.append(key, value)
        const params = compactViewParams(fields).toString()
        navigate(params ? `?${params}` : '?')
      }}
    >
      <div className="filter-row">
        <label htmlFor="q">{t('list.search')}</label>
        <input id="q" name="q" type="search" defaultValue={query.q ?? ''} />
        <button type="submit">{t('list.searchButton')}</button>
        <a href={location.pathname} data-discover="true">
          {t('list.clear')}
        </a>
      </div>
      {staticElement(
        'div',
        { className: 'filter-grid' },
        <>
          {choiceList(text, {
            name: 'strategy',
            legend: t('field.strategy'),
            options: asOptions(
              'strategy',
              taxonomy.strategies.map((s) => s.name),
            ),
            selected: query.strategy,
          })}
          {choiceList(text, {
            name: 'pillar',
            legend: t('field.pillar'),
            options: asOptions('pillar', pillars),
            selected: query.pillar,
          })}
          {choiceList(text, {
            name: 'area',
            legend: t('field.area'),
            options: asOptions('area', areas),
            selected: query.area,
          })}
          {choiceList(text, {
            name: 'modalities',
            legend: t('field.modalities'),
            options: MODALITIES.map((m) => ({ value: m, label: t(`modality.${m}`) })),
            selected: query.modalities,
          })}
          {choiceList(text, {
            name: 'proposers',
            legend: t('field.proposers'),
            options: COUNTRY_CODES.map((c) => ({ value: c, label: codeAndName(c, t(`country.${c}`)) })),
            selected: query.proposers,
          })}
          {choiceList(text, {
            name: 'status',
            legend: t('field.status'),
            options: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
            selected: query.status,
          })}
          {choiceList(text, {
            name: 'quadrant',
            legend: t('field.quadrant'),
            options: QUADRANTS.map((q) => ({ value: q, label: t(`quadrant.${q}`) })),
            selected: query.quadrant,
          })}
          {publicView ? null : (
            <>
              {choiceList(text, {
                name: 'interest_org',
                legend: t('list.interestOrg'),
                options: unique([...organisations, ...query.interest_org]).map((org) => ({
                  value: org,
                  label: org,
                })),
                selected: query.interest_org,
              })}
              {choiceList(text, {
                name: 'interest_stage',
                legend: t('list.interestStage'),
                options: STAGES.map((s) => ({ value: s, label: t(`cofinancing.stage.${s}`) })),
                selected: query.interest_stage,
              })}
            </>
          )}
          {tableOptions ? (
            <details className="choices">
              <summary>{t('list.columns')}</summary>
              <fieldset>
                <legend className="visually-hidden">{t('list.columns')}</legend>
                {COLUMNS.map((c) => (
                  <label key={c.id} className="check">
                    <input type="checkbox" name="cols" value={c.id} defaultChecked={columns.includes(c.id)} />
                    {t(c.label)}
                  </label>
                ))}
              </fieldset>
            </details>
          ) : null}
        </>,
      )}
      <div className="filter-row">
        {publicView ? null : (
          <>
            {selectFilter({
              name: 'archived',
              label: t('list.archived'),
              value: query.archived,
              values: ARCHIVED,
              text: (value) => t(ARCHIVED_LABELS[value]),
            })}
            {selectFilter({
              name: 'interest',
              label: t('list.interest'),
              value: query.interest ?? '',
              any: t('list.interestEither'),
              values: INTEREST,
              text: (value) => t(value === 'any' ? 'list.interestAny' : 'list.interestNone'),
              describedBy: 'interest-hint',
            })}
            {selectFilter({
              name: 'published',
              label: t('list.published'),
              value: query.published ?? '',
              any: t('list.publishedEither'),
              values: PUBLISHED,
              text: (value) => t(value === 'yes' ? 'publication.published' : 'publication.internal'),
            })}
          </>
        )}
        <FilterField htmlFor="start_year" label={t('list.startYears')}>
          <input
            id="start_year"
            name="start_year"
            inputMode="numeric"
            size={10}
            defaultValue={query.start_year.join(',')}
            aria-describedby="start-year-hint"
          />
        </FilterField>
        {/* translation work is the register's own: the public portfolio shows no translation
            markers, so it offers no filter on them either */}
        {publicView ? null : (
          <>
            {selectFilter({
              name: 'translation',
              label: t('list.translation'),
              value: query.translation ?? '',
              any: t('list.translationAnyLanguage'),
              values: LANGUAGES,
              text: (language) => t(`itemText.language.${language}`),
            })}
            {selectFilter({
              name: 'translation_state',
              label: t('list.translationState'),
              value: query.translation_state ?? '',
              any: t('list.translationAnyState'),
              values: TRANSLATION_STATES,
              text: (state) => t(TRANSLATION_STATE_LABELS[state]),
            })}
          </>
        )}
        {tableOptions
          ? selectFilter({
              name: 'pageSize',
              label: t('list.pageSize'),
              value: String(query.pageSize),
              values: [...new Set([25, DEFAULT_PAGE_SIZE, 100, 200, query.pageSize])].sort((a, b) => a - b),
              text: String,
            })
          : null}
        {query.sort !== 'ref' ? <input type="hidden" name="sort" value={query.sort} /> : null}
        <button type="submit" className="primary">
          {t('list.apply')}
        </button>
      </div>
      <p className="hint" id="start-year-hint">
        {t('list.startYearsHint')}
      </p>
      {publicView ? null : (
        <p className="hint" id="interest-hint">
          {t('list.interestHint')}
        </p>
      )}
    </Form>
  )
}
