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

/**
 * A ref for a form whose action answers with messages beside its fields (no Conform on the
 * browser side): each new answer moves focus to the first field marked invalid, or else to the
 * form's first alert. The submit button is disabled while the form is sent, so focus would
 * otherwise fall back to the page and a keyboard user start again from the top.
 */
export function useFocusFirstInvalid<T extends HTMLElement>(answer: unknown) {
  const ref = useRef<T>(null)
  useEffect(() => {
    if (!answer) return
    // the field first, though a form-wide message may stand above it (one selector list would
    // take whichever comes first in the page)
    const target =
      ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      ref.current?.querySelector<HTMLElement>('[role="alert"]')
    if (!target) return
    if (target.getAttribute('role') === 'alert' && !target.hasAttribute('tabindex')) target.tabIndex = -1
    target.focus()
  }, [answer])
  return ref
}
