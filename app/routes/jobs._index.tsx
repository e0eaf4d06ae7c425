import { notFound } from '~/permissions/guard.server'

// GET /jobs: there is no list of jobs to show (each job has its page, /jobs/:id, and POST /jobs
// starts one), so a typed or bookmarked /jobs gets the app's "not found" page, not a bare error.
// A route of its own: jobs.tsx is the parent of /jobs/:id, where a loader would answer every job's page.

export function loader(): never {
  notFound()
}

export default function NoJobList() {
  return null
}
