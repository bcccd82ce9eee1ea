import type { Table, TableRow } from 'mdast'
import { checkedRichText, formatOf, propertiesOf, richTextToMdast, type BlockHandler } from '../exportState.js'

/**
 * `table` (a simple table): a GFM table, columns in `format.table_block_column_order`, one row per
 * `table_row` child. GFM tables always have a header row: the first row is it.
 */
export const table: BlockHandler = (block, state) => {
  const order = formatOf(block)['table_block_column_order']
  const columns = Array.isArray(order) ? order.filter((id): id is string => typeof id === 'string') : []
  const content = Array.isArray(block['content']) ? (block['content'] as unknown[]) : []
  const rows: TableRow[] = []
  for (const id of content) {
    if (typeof id !== 'string') continue
    const row = state.source.getBlock(id)
    if (row === undefined || row['alive'] === false) continue
    const properties = propertiesOf(row)
    rows.push({
      type: 'tableRow',
      children: columns.map((column) => ({ type: 'tableCell', children: richTextToMdast(checkedRichText(properties[column], id, state.report)) })),
    })
  }
  if (rows.length === 0 || columns.length === 0) return []
  const node: Table = { type: 'table', align: columns.map(() => null), children: rows }
  return [node]
}
