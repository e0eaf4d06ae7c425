import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Migrator } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { connect } from '../../db/connect'
import { migrations } from '../../db/migrations'
import { statusChangeOf } from '../history/status-changes'
import type { EventKind } from '../history/events'
import type { Status } from '../portfolio/codes'

// The status changes behind "status over time": read from each kind of history event by the app
// (statusChangeOf, written by recordEvent), and from the history already there by the migration.

describe('statusChangeOf', () => {
  it('reads the status an item started with, a move, and an import that changed it; nothing else', () => {
    expect(statusChangeOf({ kind: 'created', details: { status: 'proposed' } })).toEqual({
      from: null,
      to: 'proposed',
    })
    expect(
      statusChangeOf({ kind: 'transition', details: { from: 'proposed', to: 'under_review', reason: null } }),
    ).toEqual({ from: 'proposed', to: 'under_review' })
    expect(
      statusChangeOf({ kind: 'imported', details: { created: true, status: 'endorsed', changes: [] } }),
    ).toEqual({
      from: null,
      to: 'endorsed',
    })
    expect(
      statusChangeOf({
        kind: 'imported',
        details: {
          created: false,
          status: null,
          changes: [
            { field: 'title_en', old: 'a', new: 'b' },
            { field: 'status', old: 'proposed', new: 'approved' },
          ],
        },
      }),
    ).toEqual({ from: 'proposed', to: 'approved' })
    expect(
      statusChangeOf({ kind: 'imported', details: { created: false, status: null, changes: [] } }),
    ).toBeNull()
    expect(statusChangeOf({ kind: 'archived', details: {} })).toBeNull()
    expect(statusChangeOf({ kind: 'publication', details: { published: true } })).toBeNull()
  })
})

describe('migration 2026_11_30_2100_overview', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carec-status-'))
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('fills item_status_changes from the history already there', async () => {
    const db = connect(path.join(dir, 'before.db'))
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    const names = Object.keys(migrations)
    const before = names[names.indexOf('2026_11_30_2100_overview') - 1]!
    expect((await migrator.migrateTo(before)).error).toBeUndefined()

    await db.insertInto('strategies').values({ id: 's', name: 'S', created_at: '' }).execute()
    // Rows as the schema stood before this migration (insertItem writes later migrations' columns).
    const item = (id: string, ref: string, status: Status) => ({
      id,
      ref,
      title_en: 'T',
      strategy_id: 's',
      status,
      quadrant: 'unscored' as const,
      partners: '',
      search_text: ref.toLowerCase(),
      archived: 0,
      version: 1,
      created_at: '2025-01-02T00:00:00.000Z',
      updated_at: '2025-01-02T00:00:00.000Z',
    })
    const a = 'item-a'
    const b = 'item-b'
    await db
      .insertInto('items')
      .values([item(a, 'A-1', 'under_review'), item(b, 'B-1', 'approved')])
      .execute()
    const event = (item_id: string, seq: number, kind: EventKind, at: string, data: unknown) => ({
      id: `${item_id}-${seq}`,
      item_id,
      seq,
      kind,
      actor_id: null,
      at,
      data: JSON.stringify(data),
    })
    await db
      .insertInto('item_events')
      .values([
        event(a, 1, 'created', '2025-01-02T00:00:00.000Z', { status: 'proposed' }),
        event(a, 2, 'edited', '2025-02-02T00:00:00.000Z', { changes: [] }),
        event(a, 3, 'transition', '2025-03-31T23:59:59.000Z', {
          from: 'proposed',
          to: 'under_review',
          reason: null,
        }),
        event(b, 1, 'imported', '2025-01-05T00:00:00.000Z', {
          created: true,
          status: 'endorsed',
          changes: [],
        }),
        event(b, 2, 'imported', '2025-06-05T00:00:00.000Z', {
          created: false,
          status: null,
          changes: [{ field: 'status', old: 'endorsed', new: 'approved' }],
        }),
        event(b, 3, 'comment', '2025-06-06T00:00:00.000Z', { action: 'added', comment_id: 'c' }),
      ])
      .execute()

    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    const rows = await db
      .selectFrom('item_status_changes')
      .select(['item_id', 'seq', 'month', 'from_status', 'to_status'])
      .orderBy('item_id')
      .orderBy('seq')
      .execute()
    expect(rows).toEqual(
      [
        { item_id: a, seq: 1, month: '2025-01', from_status: null, to_status: 'proposed' },
        { item_id: a, seq: 3, month: '2025-03', from_status: 'proposed', to_status: 'under_review' },
        { item_id: b, seq: 1, month: '2025-01', from_status: null, to_status: 'endorsed' },
        { item_id: b, seq: 2, month: '2025-06', from_status: 'endorsed', to_status: 'approved' },
      ].sort((x, y) => x.item_id.localeCompare(y.item_id) || x.seq - y.seq),
    )
    // Every item starts internal.
    expect(await db.selectFrom('items').select('published').execute()).toEqual([
      { published: 0 },
      { published: 0 },
    ])
    await db.destroy()
  })
})
