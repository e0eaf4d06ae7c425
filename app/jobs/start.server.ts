import type { DB } from '../../db/schema'
import { can, forbiddenOutcome, type Action, type Actor, type Forbidden } from '../permissions/permissions'
import type { JobInputs, JobKind } from './kinds.server'
import { enqueueJob } from './queue.server'

// Starting a job on someone's behalf: the permission the same work needs in a request is checked
// now (and again by the job as it runs, in the server module it calls).

const NEEDS: Record<JobKind, Action> = {
  import_preview: 'item:import',
  import_confirm: 'item:import',
  export_csv: 'item:read',
  export_xlsx: 'item:read',
  export_iati: 'iati:export',
  snapshot: 'snapshot:take',
  meeting_pack: 'meeting:read',
  meeting_open: 'meeting:manage',
}

export type StartOutcome = { kind: 'started'; id: string } | Forbidden

export async function startJob<K extends JobKind>(
  db: DB,
  actor: Actor,
  kind: K,
  input: JobInputs[K],
): Promise<StartOutcome> {
  if (!can(actor, NEEDS[kind])) return forbiddenOutcome(NEEDS[kind])
  return { kind: 'started', id: await enqueueJob(db, { kind, input, userId: actor.id }) }
}
