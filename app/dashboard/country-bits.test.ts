import { describe, expect, it } from 'vitest'
import { codesOfMask, maskOf } from './tallies.server'

// dashboard_set_tallies stores each item's proposer set as a bit mask whose bits are positions in
// COUNTRY_CODES (decision 0043). The stored rows keep their meaning only while every code keeps
// its bit: a new country is appended, never inserted or reordered. This pins the bits as stored.
const STORED_BITS: Record<string, number> = {
  AZE: 0,
  PRC: 1,
  GEO: 2,
  KAZ: 3,
  KGZ: 4,
  MON: 5,
  PAK: 6,
  TAJ: 7,
  TKM: 8,
  UZB: 9,
  REG: 10,
}

describe('proposer set masks', () => {
  it('give every country the bit already stored in the database', () => {
    for (const [code, bit] of Object.entries(STORED_BITS)) expect(maskOf([code]), code).toBe(2 ** bit)
  })

  it('read back the same countries, whatever the order given, and ignore unknown codes', () => {
    const mask = maskOf(['UZB', 'KAZ', 'XXX', 'KAZ'])
    expect(mask).toBe(2 ** 3 + 2 ** 9)
    expect(codesOfMask(mask)).toEqual(['KAZ', 'UZB'])
  })
})
