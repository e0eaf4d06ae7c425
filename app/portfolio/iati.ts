import { STATUSES, type Status } from './codes'

// IATI activity status (the codes of DOMAIN.md): shown on the item and in the API.

export type IatiStatus = 1 | 2 | 3 | 4 | 5 | 6
export const IATI_STATUS: Record<Status, IatiStatus> = {
  proposed: 1,
  under_review: 1,
  endorsed: 1,
  in_preparation: 1,
  approved: 1,
  under_implementation: 2,
  // 4 Closed needs "financially closed", which the register does not record yet.
  completed: 3,
  dropped: 5,
  on_hold: 6,
}

export function iatiStatusOf(status: string): IatiStatus | null {
  return (STATUSES as readonly string[]).includes(status) ? IATI_STATUS[status as Status] : null
}
