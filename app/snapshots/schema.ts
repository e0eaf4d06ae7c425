import { z } from 'zod'

// The "take a snapshot" form (app/routes/snapshots._index.tsx). Messages are translation keys.

export const SNAPSHOT_NAME_MAX = 120

export const SnapshotForm = z.object({
  name: z
    .string({ required_error: 'snapshots.nameRequired' })
    .trim()
    .min(1, 'snapshots.nameRequired')
    .max(SNAPSHOT_NAME_MAX, 'snapshots.nameTooLong'),
})
export type SnapshotInput = z.output<typeof SnapshotForm>

/** `?to=` of the report: `now` or a snapshot id. */
export const ReportTarget = z.union([z.literal('now'), z.string().uuid()]).catch('now')
