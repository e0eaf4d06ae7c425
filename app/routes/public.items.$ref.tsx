import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { codeAndName } from '~/i18n/format'
import { messageKey } from '~/i18n/keys'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Amount, QuadrantBadge, StatusBadge } from '~/components/portfolio/badges'
import { getDb } from '~/db.server'
import { pageTitle, readerLanguage } from '~/i18n/meta'
import { ItemText } from '~/components/portfolio/ItemText'
import { useTaxonomyName } from '~/components/i18n/TaxonomyNames'
import { descriptionsOf, plainTextFor, titlesOf } from '~/portfolio/item-text'
import { notFound } from '~/permissions/guard.server'
import { getPublicItem } from '~/publication/public.server'

// A published item for visitors: its public fields only. An internal, archived or unknown ref is
// the same 404.

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, null, {}, data ? plainTextFor(titlesOf(data.item), readerLanguage(matches)) : undefined)

export async function loader({ params }: LoaderFunctionArgs) {
  const item = await getPublicItem(await getDb(), params.ref ?? '')
  if (!item) notFound()
  return { item }
}

export default function PublicItem() {
  const { t } = useTranslation()
  const { item } = useLoaderData<typeof loader>()
  const name = useTaxonomyName()
  // an amount not known is null here, so it reads as a dash like every other empty fact
  const facts: Array<[string, ReactNode]> = [
    [t('field.strategy'), name('strategy', item.strategy)],
    [t('field.pillar'), item.pillar ? name('pillar', item.pillar) : null],
    [t('field.area'), item.area ? name('area', item.area) : null],
    [
      t('field.modalities'),
      item.modalities.map((m) => t(messageKey(`modality.${m}`))).join(t('punctuation.list')),
    ],
    [
      t('field.proposers'),
      item.proposers.map((c) => codeAndName(c, t(messageKey(`country.${c}`)))).join(t('punctuation.list')),
    ],
    [
      t('field.years'),
      item.start_year || item.end_year ? `${item.start_year ?? '…'}–${item.end_year ?? '…'}` : null,
    ],
    [t('field.cost_usd_m'), item.cost_usd_m == null ? null : <Amount key="cost" value={item.cost_usd_m} />],
    [
      t('field.secured_usd_m'),
      item.secured_usd_m == null ? null : <Amount key="secured" value={item.secured_usd_m} />,
    ],
    [t('field.gap_usd_m'), item.gap_usd_m == null ? null : <Amount key="gap" value={item.gap_usd_m} />],
    [t('field.partners'), item.partners.join(t('punctuation.list'))],
  ]
  return (
    <article className="item-page public">
      <p>
        <Link to="/public/items">← {t('publicSite.back')}</Link>
      </p>
      <p className="ref">{item.ref}</p>
      <h1>
        <ItemText texts={titlesOf(item)} />
      </h1>
      <p className="badges">
        <StatusBadge status={item.status} /> <QuadrantBadge quadrant={item.quadrant} />
      </p>
      {item.description_en || item.description_ru || item.description_zh ? (
        <p className="prose">
          <ItemText texts={descriptionsOf(item)} />
        </p>
      ) : null}
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value === null || value === '' ? '—' : value}</dd>
          </div>
        ))}
      </dl>
    </article>
  )
}
