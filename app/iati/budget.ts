// Splitting an item's cost into IATI budget periods: IATI wants no period longer than a year, so
// a cost over 2025-2028 becomes four calendar-year budgets whose values add up to the cost exactly.

export interface BudgetPeriod {
  start: string
  end: string
  /** whole USD */
  value: number
}

/** `totalUsd` (whole USD) over the calendar years `startYear`..`endYear`, the remainder in the last year. */
export function splitBudget(totalUsd: number, startYear: number, endYear: number): BudgetPeriod[] {
  if (endYear < startYear || !Number.isInteger(totalUsd) || totalUsd < 0) return []
  const years = endYear - startYear + 1
  const share = Math.floor(totalUsd / years)
  return Array.from({ length: years }, (_, i) => ({
    start: `${startYear + i}-01-01`,
    end: `${startYear + i}-12-31`,
    value: i === years - 1 ? totalUsd - share * (years - 1) : share,
  }))
}

/** 100 split over `n` shares with two decimals, the remainder in the last: ["33.33", "33.33", "33.34"]. */
export function splitPercent(n: number): string[] {
  if (n <= 0) return []
  const share = Math.floor(10000 / n)
  return Array.from({ length: n }, (_, i) => {
    const hundredths = i === n - 1 ? 10000 - share * (n - 1) : share
    return String(hundredths / 100)
  })
}
