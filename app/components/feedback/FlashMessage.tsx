import { useLocation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useText } from '~/i18n/use-text'
import type { FlashMessage, FlashValue } from '~/feedback/flash'
import { messageKey } from '~/i18n/keys'

// The one place feedback is shown (issue 11, "Feedback and focus"): the root renders this at the
// top of <main> with the message an action left (app/feedback/flash.server.ts). A polite live
// region that is always in the page, so screen readers announce what appears in it; focus moves
// to a new message. Without one, in-app navigation to another page moves focus to its heading,
// so a screen reader user hears where they are (a full page load starts at the top anyway).

export function FlashRegion({ flash }: { flash: FlashMessage | null }) {
  const { t } = useText()
  const location = useLocation()
  const region = useRef<HTMLDivElement>(null)
  // The root's data keeps the message until the next action: show it only on the page it came with.
  const [seen, setSeen] = useState(flash ? { id: flash.id, key: location.key } : null)
  if (flash && flash.id !== seen?.id) setSeen({ id: flash.id, key: location.key })
  const shown = flash && seen?.id === flash.id && seen.key === location.key ? flash : null

  const focusedFlash = useRef<string | null>(null)
  const lastPath = useRef(location.pathname)
  useEffect(() => {
    const pathChanged = location.pathname !== lastPath.current
    lastPath.current = location.pathname
    if (shown && shown.id !== focusedFlash.current) {
      focusedFlash.current = shown.id
      region.current?.focus()
    } else if (pathChanged) {
      const heading = document.querySelector<HTMLElement>('main h1')
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
        heading.focus()
      }
    }
  }, [shown, location.key, location.pathname])

  const values = (given: Record<string, FlashValue> | undefined) =>
    Object.fromEntries(
      Object.entries(given ?? {}).map(([name, value]) => [
        name,
        typeof value === 'object' ? t(messageKey(value.t)) : value,
      ]),
    )
  return (
    <div
      ref={region}
      className={shown ? 'flash' : 'flash empty'}
      // Empty, it is only a live region (no role, no name): the page's own status notices stay the
      // one "status" a reader or a test finds until there is something to say here.
      role={shown ? 'status' : undefined}
      aria-live="polite"
      aria-atomic="true"
      aria-label={shown ? t('feedback.label') : undefined}
      tabIndex={-1}
      data-flash={shown?.id}
    >
      {shown ? (
        <p>
          {t(messageKey(shown.key), values(shown.values))}
          {shown.then ? <> {t(messageKey(shown.then.key), values(shown.then.values))}</> : null}
          {shown.next ? <> {t(`nextStep.${shown.next}`)}</> : null}
        </p>
      ) : null}
    </div>
  )
}
