import { useEffect, useRef } from 'react'

/**
 * A ref for a message that an action's answer puts on the page (a refusal, a validation summary):
 * each new answer moves focus to it, which also scrolls it into view. Without this, a form low on
 * a long page (an agenda row, a report's last line) answers above the fold, out of sight, and
 * focus falls back to the page itself. The element needs tabIndex={-1}.
 */
export function useFocusOnArrival<T extends HTMLElement>(answer: unknown) {
  const ref = useRef<T>(null)
  useEffect(() => {
    // each submission's answer is a new object, so the same message twice is focused twice
    if (answer) ref.current?.focus()
  }, [answer])
  return ref
}
