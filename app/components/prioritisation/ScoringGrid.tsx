import { Link, useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { GridMedian, GridRow, GridRowOutcome } from '~/prioritisation/grid.server'
import { ItemText } from '../portfolio/ItemText'

/** What /scoring answers a row's save: the save's outcome as the member may see it, or a refusal of the input. */
export type GridFeedback =
  | Extract<GridRowOutcome, { kind: 'saved' | 'conflict' | 'archived' }>
  | { kind: 'invalid'; message: string }

type Column = 'importance' | 'ease' | 'note'

const cellId = (row: number, column: number) => `grid-${row}-${column}`

/** Moves focus to the cell at (row, column) if there is one. */
function focusCell(row: number, column: number): boolean {
  const cell = document.getElementById(cellId(row, column)) as HTMLInputElement | null
  if (!cell) return false
  cell.focus()
  cell.select?.()
  return true
}

/**
 * The grid of a view's items: one row each, strategic importance, ease and a note. Arrow keys
 * move between cells (in the note, left and right move the caret until its ends); a digit 1 to 5
 * sets a score; a row is saved as soon as it has both scores, and again when its note is left.
 */
export function ScoringGrid({ rows }: { rows: GridRow[] }) {
  const { t } = useTranslation()
  return (
    <table className="items scoring-grid" aria-describedby="grid-help">
      <caption className="visually-hidden">{t('grid.caption', { count: rows.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('grid.item')}</th>
          <th scope="col">{t('grid.importance')}</th>
          <th scope="col">{t('grid.ease')}</th>
          <th scope="col">{t('grid.note')}</th>
          <th scope="col">{t('grid.median')}</th>
          <th scope="col">{t('grid.state')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <ScoringRow key={row.ref} row={row} index={index} />
        ))}
      </tbody>
    </table>
  )
}

interface Values {
  importance: string
  ease: string
  note: string
}

function ScoringRow({ row, index }: { row: GridRow; index: number }) {
  const { t } = useTranslation()
  const fetcher = useFetcher<GridFeedback>()
  const [values, setValues] = useState<Values>({
    importance: row.mine ? String(row.mine.strategic_importance) : '',
    ease: row.mine ? String(row.mine.ease_of_implementation) : '',
    note: row.mine?.note ?? '',
  })
  const latest = useRef(values)
  const seen = useRef(row.mine?.updated_at ?? '')
  const savedNote = useRef(values.note)
  const waiting = useRef(false)
  const [median, setMedian] = useState<GridMedian | null>(row.median)
  const [problem, setProblem] = useState<string | null>(null)

  const submit = (v: Values) => {
    if (!v.importance || !v.ease) return
    // one save in flight per row: a change made meanwhile goes once it is answered, against the
    // time of the score it stored (else it would meet its own save as a conflict)
    if (fetcher.state !== 'idle') {
      waiting.current = true
      return
    }
    savedNote.current = v.note
    fetcher.submit(
      {
        ref: row.ref,
        strategic_importance: v.importance,
        ease_of_implementation: v.ease,
        note: v.note,
        seen: seen.current,
      },
      { method: 'post', action: '/scoring' },
    )
  }

  useEffect(() => {
    if (fetcher.state !== 'idle' || !fetcher.data) return
    const answer = fetcher.data
    if (answer.kind === 'saved') {
      seen.current = answer.updated_at
      setMedian(answer.median)
      setProblem(null)
    } else if (answer.kind === 'conflict') {
      seen.current = answer.current.updated_at
      setProblem(
        t('grid.conflict', {
          importance: answer.current.strategic_importance,
          ease: answer.current.ease_of_implementation,
        }),
      )
      waiting.current = false
      return
    } else if (answer.kind === 'archived') setProblem(t('grid.archived'))
    else setProblem(t('grid.failed', { message: answer.message }))
    if (waiting.current) {
      waiting.current = false
      submit(latest.current)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per answer
  }, [fetcher.state, fetcher.data])

  const change = (next: Values, save: boolean) => {
    latest.current = next
    setValues(next)
    if (save) submit(next)
  }

  const move = (event: KeyboardEvent<HTMLInputElement>, column: number): boolean => {
    switch (event.key) {
      case 'ArrowUp':
        return focusCell(index - 1, column)
      case 'ArrowDown':
        return focusCell(index + 1, column)
      case 'ArrowLeft':
        return focusCell(index, column - 1)
      case 'ArrowRight':
        return focusCell(index, column + 1)
    }
    return false
  }

  const scoreKeys =
    (field: 'importance' | 'ease', column: number) => (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return
      if (/^[1-5]$/.test(event.key)) {
        event.preventDefault()
        change({ ...latest.current, [field]: event.key }, true)
        return
      }
      if (event.key === 'Backspace' || event.key === 'Delete') {
        event.preventDefault()
        change({ ...latest.current, [field]: '' }, false)
        return
      }
      if (move(event, column)) {
        event.preventDefault()
        return
      }
      // anything else printable is not a score
      if (event.key.length === 1) event.preventDefault()
    }

  const noteKeys = (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0
    const atEnd = input.selectionStart === input.value.length
    if (event.key === 'Enter') {
      event.preventDefault()
      submit(latest.current)
      return
    }
    if (event.key === 'ArrowLeft' && !atStart) return
    if (event.key === 'ArrowRight' && !atEnd) return
    if (move(event, 2)) event.preventDefault()
  }

  const state =
    fetcher.state !== 'idle'
      ? t('grid.saving')
      : problem
        ? problem
        : values.importance && values.ease
          ? seen.current
            ? t('grid.saved')
            : ''
          : t('grid.unsaved')
  const label = (column: Column) =>
    t(
      column === 'importance' ? 'grid.cellImportance' : column === 'ease' ? 'grid.cellEase' : 'grid.cellNote',
      {
        ref: row.ref,
      },
    )

  return (
    <tr className={row.archived ? 'archived' : undefined}>
      <th scope="row">
        <Link to={`/items/${encodeURIComponent(row.ref)}`} className="ref">
          {row.ref}
        </Link>{' '}
        <ItemText texts={row.titles} />
      </th>
      {(['importance', 'ease'] as const).map((field, column) => (
        <td key={field}>
          <input
            id={cellId(index, column)}
            className="score"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={1}
            aria-label={label(field)}
            value={values[field]}
            disabled={row.archived}
            onKeyDown={scoreKeys(field, column)}
            // a digit typed on a phone keyboard may arrive without a key event
            onChange={(e) => {
              const digit = e.target.value.replace(/[^1-5]/g, '').slice(-1)
              change({ ...latest.current, [field]: digit }, digit !== '')
            }}
          />
        </td>
      ))}
      <td>
        <input
          id={cellId(index, 2)}
          className="note"
          type="text"
          maxLength={2000}
          aria-label={label('note')}
          value={values.note}
          disabled={row.archived}
          onKeyDown={noteKeys}
          onChange={(e) => change({ ...latest.current, note: e.target.value }, false)}
          onBlur={() => {
            if (latest.current.note !== savedNote.current) submit(latest.current)
          }}
        />
      </td>
      <td>
        {median && values.importance && values.ease && seen.current
          ? t('grid.medianValue', { importance: median.importance, ease: median.ease, count: median.count })
          : t('grid.hidden')}
      </td>
      <td className={`state${problem ? ' problem' : ''}`} aria-live="polite">
        {state}
      </td>
    </tr>
  )
}
