import { describe, it } from 'vitest'
import { insertUser } from '../../tests/setup/fixtures'
import { itemTextCases } from '../../tests/setup/item-text-cases'
import { useTestDb } from '../../tests/setup/test-db'

describe("the items' own text on SQLite", () => {
  const test = useTestDb()

  it('creates an item from a Russian title alone and searches any language, folding е/ё', async () => {
    await itemTextCases(test.db, await insertUser(test.db, 'secretariat'))
  })
})
