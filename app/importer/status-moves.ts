import { actorOf } from '../permissions/permissions'
import { checkTransition, type WorkflowItem } from '../workflow/transitions'

// An import that changes an item's status (issue 11): each change is a move the workflow allows
// the secretariat to make, or not (no such move; a decision only the committee takes, such as
// endorsing; something the item lacks). Disallowed moves are refused unless the secretariat ticks
// "apply status changes as recorded by the secretariat" for that import; each is then marked so
// in the history. Pure: the importer asks it for every row that changes a status.

export interface StatusMove {
  ref: string
  row: number
  from: string
  to: string
  allowed: boolean
  /** why the workflow would refuse it (its refusal's outcome), null when allowed */
  refusal: 'forbidden' | 'not_allowed_from_state' | 'requirement_missing' | null
}

/** How an import treats status changes the workflow does not allow. */
export type StatusPolicy = 'workflow' | 'as_recorded'

/** The importer acts for the secretariat ('item:import' is theirs), so moves are checked as theirs. */
const SECRETARIAT = actorOf({ id: 'importer', role: 'secretariat', organisation: null }, [])

/**
 * The move from the stored status to the file's, checked against the workflow with the row's new
 * values (a financing approval needs the file's cost and sources). An item on hold may go back to
 * any open status: the history that says where it came from is not read for an import.
 */
export function statusMoveOf(
  ref: string,
  row: number,
  from: string,
  item: Omit<WorkflowItem, 'status'>,
  to: string,
): StatusMove {
  const check = checkTransition(SECRETARIAT, { ...item, status: from }, to, 'import', {
    resumeTo: from === 'on_hold' ? (to as never) : null,
  })
  const refusal =
    check.outcome === 'allowed' || check.outcome === 'reason_required'
      ? null
      : check.outcome === 'requirement_missing'
        ? 'requirement_missing'
        : check.outcome === 'forbidden'
          ? 'forbidden'
          : 'not_allowed_from_state'
  return { ref, row, from, to, allowed: refusal === null, refusal }
}
