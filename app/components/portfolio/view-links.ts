import { useLocation } from '@remix-run/react'

/** A link to the current view with some parameters changed (null removes one): the view lives in the URL. */
export function useViewHref() {
  const { search } = useLocation()
  return (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(search)
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) params.delete(key)
      else params.set(key, value)
    }
    const text = params.toString()
    return text ? `?${text}` : '?'
  }
}
