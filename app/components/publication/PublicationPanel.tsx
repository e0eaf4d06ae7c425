import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** Whether the item is on the public portfolio; the secretariat's button to change that. */
export function PublicationPanel({
  itemRef,
  published,
  canPublish,
}: {
  itemRef: string
  published: boolean
  canPublish: boolean
}) {
  const { t } = useTranslation()
  const here = `/items/${encodeURIComponent(itemRef)}`
  return (
    <div className="publication">
      <p>
        {t(published ? 'publication.isPublished' : 'publication.isInternal')}{' '}
        {published ? (
          <Link to={`/public/items/${encodeURIComponent(itemRef)}`}>{t('publication.viewPublic')}</Link>
        ) : null}
      </p>
      {canPublish ? (
        <Form method="post" action="/items/publication">
          <input type="hidden" name="ref" value={itemRef} />
          <input type="hidden" name="back" value={here} />
          <button type="submit" name="published" value={published ? 'no' : 'yes'}>
            {t(published ? 'publication.unpublish' : 'publication.publish')}
          </button>
        </Form>
      ) : null}
    </div>
  )
}
