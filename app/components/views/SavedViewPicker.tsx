import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** Shows the page for a saved view (`?view=<id>`): a plain GET form, so it works without JavaScript. */
export function SavedViewPicker({
  views,
  current,
}: {
  views: Array<{ id: string; name: string }>
  current: string | null
}) {
  const { t } = useTranslation()
  const [first] = views
  if (!first) return null
  return (
    <Form method="get" className="saved-view-picker">
      <label htmlFor="saved-view-picker">{t('views.agendaLabel')}</label>{' '}
      <select id="saved-view-picker" name="view" defaultValue={current ?? first.id}>
        {views.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit" className="button">
        {t('views.show')}
      </button>
    </Form>
  )
}
