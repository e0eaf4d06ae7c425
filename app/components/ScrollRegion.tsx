import type { ReactNode } from 'react'

/**
 * A box that scrolls a table wider than the screen, which the keyboard reaches (tab to it, then
 * the arrow keys scroll): a table of plain text has nothing else to focus, and axe's
 * scrollable-region-focusable fails on it. Named for the region list of a screen reader.
 */
export function ScrollRegion({
  label,
  className = 'table-scroll',
  children,
}: {
  label: string
  className?: string
  children: ReactNode
}) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}
