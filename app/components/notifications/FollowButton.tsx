import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** Follow or unfollow the item; says why the person follows it. Works as a plain form without JavaScript. */
export function FollowButton({
  itemRef,
  follow,
}: {
  itemRef: string
  follow: 'explicit' | 'country' | 'none'
}) {
  const { t } = useTranslation()
  const fetcher = useFetcher()
  // Show the outcome at once; the loaders' revalidation confirms it.
  const pending = fetcher.formData?.get('following')
  const following = pending != null ? pending === 'true' : follow !== 'none'
  const why = pending != null ? (following ? 'explicit' : 'none') : follow
  return (
    <fetcher.Form method="post" action={`/items/${encodeURIComponent(itemRef)}/follow`} className="follow">
      <input type="hidden" name="following" value={following ? 'false' : 'true'} />
      <button type="submit" aria-describedby="follow-why">
        {following ? t('notifications.follow.unfollow') : t('notifications.follow.follow')}
      </button>
      <span id="follow-why" className="muted" role="status">
        {t('punctuation.sentences', {
          first: t(`notifications.follow.${why}`),
          second: t('notifications.follow.why'),
        })}
      </span>
    </fetcher.Form>
  )
}
