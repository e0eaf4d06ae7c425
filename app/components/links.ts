import { useLocation, useNavigate } from '@remix-run/react'
import { useEffect, useRef } from 'react'

// The app's links inside a page are plain anchors marked `data-discover` (as Remix's Link writes
// them, so the routes they lead to are still found ahead of the click), and one listener on the
// document takes their plain left clicks through the router, as Link's own handler does; clicks
// with a modifier key (a new tab or window) stay the browser's. A Link runs its router hooks on
// every render (useResolvedPath serialises the route matches for each one): the thirty or so of
// the portfolio page cost about 2 ms of its server time (docs/performance.md, decisions 0044 and
// 0049). Without JavaScript they are the same links.

/** Marks a plain anchor whose click keeps the scroll position (Link's `preventScrollReset`). */
export const KEEP_SCROLL = { 'data-keep-scroll': 'true' } as const

/** Takes the plain left clicks of the page's `a[data-discover]` anchors through the router. */
export function usePlainLinkClicks(): void {
  const navigate = useNavigate()
  const location = useLocation()
  const latest = useRef({ navigate, location })
  latest.current = { navigate, location }
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return
      if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return
      const anchor = event.target instanceof Element ? event.target.closest('a[data-discover]') : null
      if (!(anchor instanceof HTMLAnchorElement)) return
      if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return
      const href = anchor.getAttribute('href')
      if (!href?.startsWith('/') || href.startsWith('//')) return
      event.preventDefault()
      const { navigate, location } = latest.current
      navigate(href, {
        // as Link: the same address again replaces the history entry
        replace: href === location.pathname + location.search + location.hash,
        preventScrollReset: anchor.hasAttribute('data-keep-scroll'),
      })
    }
    document.addEventListener('click', onClick)
    return () => document.removeEventListener('click', onClick)
  }, [])
}

/** A navigation anchor's attributes, active as Remix's NavLink decides it (`end`: this path only). */
export function navLink(pathname: string, to: string, end = false) {
  const here = pathname.toLowerCase()
  const target = to.toLowerCase()
  const active =
    here === target ||
    (!end && target !== '/' && here.startsWith(target) && here.charAt(target.length) === '/')
  return {
    href: to,
    'data-discover': 'true',
    'aria-current': active ? ('page' as const) : undefined,
    className: active ? 'active' : '',
  }
}
