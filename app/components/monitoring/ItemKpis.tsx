import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { nameIn } from '~/monitoring/names'

/** The KPIs an item contributes to, on the item page (linked from the KPI's page). */
export function ItemKpis({
  kpis,
}: {
  kpis: Array<{ code: string; name: { en: string; zh: string | null; ru: string | null } }>
}) {
  const { t, i18n } = useTranslation()
  return (
    <section aria-labelledby="kpis">
      <h2 id="kpis">{t('kpi.item.title')}</h2>
      {kpis.length === 0 ? (
        <p className="muted">{t('kpi.item.none')}</p>
      ) : (
        <ul>
          {kpis.map((kpi) => (
            <li key={kpi.code}>
              <Link to={`/kpis/${encodeURIComponent(kpi.code)}`}>
                {kpi.code} {nameIn(kpi.name, i18n.language)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
