import { useLocation } from '@remix-run/react'

/**
 * A link to the current view with some parameters changed (null removes one): the view lives in
 * the URL. The whole path, as Remix's Link wrote it, since the links are plain anchors
 * (app/components/links.ts).
 */
export function useViewHref() {
  const { pathname, search } = useLocation()
  return (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(search)
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) params.delete(key)
      else params.set(key, value)
    }
    const text = params.toString()
    return text ? `${pathname}?${text}` : pathname
  }
}
