import type { Emulator } from '@notion-rx/emulator'
import type { CollectionSchema } from '../../src/databases/properties/collectionSchema.js'

export const uuid = (prefix: string, i: number): string => `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`

export const BIG_SCHEMA = {
  title: { name: 'Name', type: 'title' },
  num: { name: 'Estimated value', type: 'number' },
  sel: { name: 'Category', type: 'select', options: [{ id: 'o-a', value: 'A', color: 'red' }, { id: 'o-b', value: 'B', color: 'blue' }] },
  done: { name: 'Done', type: 'checkbox' },
} satisfies CollectionSchema

export interface BigDatabase {
  pageId: string
  blockId: string
  collectionId: string
  viewId: string
  rowIds: string[]
}

/**
 * A database of `rows` rows put straight into the emulator's repository (no transactions: seeding
 * 10,000 rows through the API would measure the seeding). `prefix` keeps several apart.
 */
export function bigDatabase(emu: Emulator, spaceId: string, rows: number, prefix = '20000000'): BigDatabase {
  const derived = (letter: string, i: number) => uuid(`${prefix.slice(0, 7)}${letter}`, i)
  const pageId = derived('a', 1)
  const blockId = derived('b', 2)
  const collectionId = derived('c', 3)
  const viewId = derived('d', 4)
  const rowIds = Array.from({ length: rows }, (_, i) => uuid(prefix, i + 1))
  const put = emu.context.records.put.bind(emu.context.records)
  const space_id = spaceId
  const space = emu.context.records.get('space', spaceId)
  if (space) {
    const pages = Array.isArray(space.value['pages']) ? (space.value['pages'] as string[]) : []
    put('space', spaceId, { ...space.value, pages: [...pages, pageId], version: space.version + 1 })
  }
  put('block', pageId, { id: pageId, type: 'page', alive: true, parent_id: space_id, parent_table: 'space', space_id, content: [blockId], properties: { title: [['Big']] }, version: 1 })
  put('block', blockId, {
    id: blockId, type: 'collection_view', alive: true, parent_id: pageId, parent_table: 'block', space_id, view_ids: [viewId], version: 1,
    format: { collection_pointer: { id: collectionId, spaceId, table: 'collection' } },
  })
  put('collection', collectionId, { id: collectionId, name: [['Big']], alive: true, parent_id: blockId, parent_table: 'block', space_id, schema: BIG_SCHEMA, version: 1 })
  put('collection_view', viewId, { id: viewId, type: 'table', name: 'All', alive: true, parent_id: blockId, parent_table: 'block', space_id, page_sort: rowIds, version: 1 })
  rowIds.forEach((id, i) => {
    put('block', id, {
      id, type: 'page', alive: true, parent_id: collectionId, parent_table: 'collection', space_id, version: 1, created_time: 1_700_000_000_000 + i,
      properties: { title: [[`Row ${i}`]], num: [[String(i)]], sel: [[i % 2 === 0 ? 'A' : 'B']], done: [[i % 3 === 0 ? 'Yes' : 'No']] },
    })
  })
  return { pageId, blockId, collectionId, viewId, rowIds }
}
