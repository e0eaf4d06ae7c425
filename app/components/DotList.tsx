import type { ReactNode } from 'react'

/**
 * Short things on one line apart by a middle dot ("Steering committee · 25.11.2026, Tashkent ·
 * Draft"), as a list. Where the line wraps, no dot begins or ends a line: each item carries its
 * dot before it, and the dot of an item that starts a line falls outside the list's left edge,
 * where it is clipped (app.css, .dot-list). The dots are not read aloud; the list's items are.
 * Empty items (null, false) are left out.
 */
export function DotList({ items, className }: { items: ReactNode[]; className?: string }) {
  return (
    <ul className={className ? `dot-list ${className}` : 'dot-list'}>
      {items
        .filter((item) => item !== null && item !== false && item !== undefined && item !== '')
        .map((item, index) => (
          // the items are a fixed set of the page's own, in a fixed order
          <li key={index}>{item}</li>
        ))}
    </ul>
  )
}
