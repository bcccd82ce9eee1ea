import type { Emulator } from '@notion-rx/emulator'

/**
 * A database of `rows` rows (titles `Row 0`…, a number `num` = the row's index, a select `sel`),
 * put straight into the emulator's repository: seeding through the API would take longer than
 * what it is for. Returns the database block's id and the row ids in order.
 */
export function seedBigTable(emu: Emulator, spaceId: string, rows: number, tag: string): { blockId: string; viewId: string; rowIds: string[] } {
  const id = (kind: number, i: number) => `${tag}${String(kind).padStart(2, '0')}00000-0000-4000-8000-${String(i).padStart(12, '0')}`
  const [pageId, blockId, collectionId, viewId] = [id(1, 0), id(2, 0), id(3, 0), id(4, 0)]
  const rowIds = Array.from({ length: rows }, (_, i) => id(5, i + 1))
  const put = emu.context.records.put.bind(emu.context.records)
  const base = { alive: true, space_id: spaceId, version: 1 }
  put('block', pageId, { ...base, id: pageId, type: 'page', parent_id: spaceId, parent_table: 'space', content: [blockId], properties: { title: [['Big']] } })
  put('block', blockId, { ...base, id: blockId, type: 'collection_view', parent_id: pageId, parent_table: 'block', view_ids: [viewId], format: { collection_pointer: { id: collectionId, spaceId, table: 'collection' } } })
  put('collection', collectionId, {
    ...base, id: collectionId, name: [['Big']], parent_id: blockId, parent_table: 'block',
    schema: { title: { name: 'Name', type: 'title' }, num: { name: 'Number', type: 'number' }, sel: { name: 'Kind', type: 'select', options: [{ id: 'a', value: 'A', color: 'blue' }, { id: 'b', value: 'B', color: 'green' }] } },
  })
  put('collection_view', viewId, {
    ...base, id: viewId, type: 'table', name: 'All', parent_id: blockId, parent_table: 'block', page_sort: rowIds,
    format: { table_properties: [{ property: 'title', visible: true, width: 240 }, { property: 'num', visible: true }, { property: 'sel', visible: true }] },
    query2: { aggregations: [{ property: 'num', aggregator: 'sum' }] },
  })
  rowIds.forEach((rowId, i) => {
    put('block', rowId, { ...base, id: rowId, type: 'page', parent_id: collectionId, parent_table: 'collection', created_time: 1_700_000_000_000 + i, properties: { title: [[`Row ${i}`]], num: [[String(i)]], sel: [[i % 2 === 0 ? 'A' : 'B']] } })
  })
  return { blockId, viewId, rowIds }
}
