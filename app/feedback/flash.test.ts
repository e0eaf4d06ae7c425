import { describe, expect, it } from 'vitest'
import { useTestDb } from '../../tests/setup/test-db'
import { putFlash, takeFlashOf } from './flash.server'

// The flash message lives in the database with the session: one per session, shown once, a newer
// one replacing an older one, never another session's.

describe('flash messages', () => {
  const t = useTestDb()
  const NOW = '2026-12-01T10:00:00.000Z'

  it('is read once, then gone', async () => {
    await putFlash(t.db, 'session-a', { key: 'feedback.saved', values: { ref: 'M-01' } }, NOW)
    expect(await takeFlashOf(t.db, 'session-a')).toMatchObject({
      key: 'feedback.saved',
      values: { ref: 'M-01' },
      id: expect.any(String),
    })
    expect(await takeFlashOf(t.db, 'session-a')).toBeNull()
  })

  it('keeps only the newest message of a session, and each session its own', async () => {
    await putFlash(t.db, 'session-a', { key: 'feedback.saved', values: { ref: 'M-01' } }, NOW)
    await putFlash(
      t.db,
      'session-a',
      { key: 'feedback.moved', values: { ref: 'M-01' }, next: 'under_review' },
      NOW,
    )
    await putFlash(t.db, 'session-b', { key: 'feedback.readAll' }, NOW)
    expect(await takeFlashOf(t.db, 'session-a')).toMatchObject({
      key: 'feedback.moved',
      next: 'under_review',
    })
    expect(await takeFlashOf(t.db, 'session-b')).toMatchObject({ key: 'feedback.readAll' })
    expect(await takeFlashOf(t.db, 'session-c')).toBeNull()
  })

  it('gives the same text twice two ids, so it is announced twice', async () => {
    await putFlash(t.db, 's', { key: 'feedback.agendaMoved' }, NOW)
    const first = await takeFlashOf(t.db, 's')
    await putFlash(t.db, 's', { key: 'feedback.agendaMoved' }, NOW)
    const second = await takeFlashOf(t.db, 's')
    expect(first!.id).not.toBe(second!.id)
  })
})
