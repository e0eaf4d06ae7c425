// How a written procedure's votes decide its outcome (docs/decisions/0029-written-procedures.md).
// Pure, so the rule is tested on its own; the installation chooses one (PROCEDURE_RULE in
// app/config.server.ts) and each procedure keeps the rule it was opened under.

export const VOTES = ['endorse', 'object', 'abstain'] as const
export type Vote = (typeof VOTES)[number]

export const PROCEDURE_RULES = ['majority_no_objection', 'majority_endorse', 'unanimous'] as const
export type ProcedureRule = (typeof PROCEDURE_RULES)[number]

export type ProcedureOutcome = 'endorsed' | 'not_endorsed'

export interface Tally {
  /** the electorate: the committee's members when the procedure opened */
  members: number
  endorse: number
  object: number
  abstain: number
}

export function tallyOf(members: number, votes: ReadonlyArray<Vote | null>): Tally {
  const count = (vote: Vote) => votes.filter((v) => v === vote).length
  return { members, endorse: count('endorse'), object: count('object'), abstain: count('abstain') }
}

export const votedOf = (tally: Tally) => tally.endorse + tally.object + tally.abstain

/** More than half of the members voted (an abstention is a vote: the member took part). */
export const quorate = (tally: Tally) => votedOf(tally) * 2 > tally.members

/**
 * The outcome under `rule`:
 * - majority_no_objection (the default): a majority of members voted and none objected;
 * - majority_endorse: a majority of members voted and more endorsed than objected;
 * - unanimous: every member voted to endorse.
 * A committee with no members endorses nothing.
 */
export function outcomeOf(rule: ProcedureRule, tally: Tally): ProcedureOutcome {
  if (tally.members === 0) return 'not_endorsed'
  const endorsed = (() => {
    switch (rule) {
      case 'majority_no_objection':
        return quorate(tally) && tally.object === 0 && tally.endorse > 0
      case 'majority_endorse':
        return quorate(tally) && tally.endorse > tally.object
      case 'unanimous':
        return tally.endorse === tally.members
    }
  })()
  return endorsed ? 'endorsed' : 'not_endorsed'
}

export function isProcedureRule(value: string): value is ProcedureRule {
  return (PROCEDURE_RULES as readonly string[]).includes(value)
}
