import { expect, it } from 'vitest'
import { rowCollectionId } from '../src/index.js'

it('names the database a block is a row of, and nothing for any other block', () => {
  expect(rowCollectionId({ id: 'r', parent_table: 'collection', parent_id: 'c1' })).toBe('c1')
  // Deleted rows and templates are still rows of their database; callers filter those themselves.
  expect(rowCollectionId({ id: 'r', parent_table: 'collection', parent_id: 'c1', alive: false, is_template: true })).toBe('c1')
  expect(rowCollectionId({ id: 'b', parent_table: 'block', parent_id: 'p1' })).toBeUndefined()
  expect(rowCollectionId({ id: 'b', parent_id: 'c1' })).toBeUndefined()
  expect(rowCollectionId({ id: 'r', parent_table: 'collection' })).toBeUndefined()
  expect(rowCollectionId({ id: 'r', parent_table: 'collection', parent_id: 42 })).toBeUndefined()
  expect(rowCollectionId(undefined)).toBeUndefined()
})
