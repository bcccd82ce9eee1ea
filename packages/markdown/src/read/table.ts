import type { Table } from 'mdast'
import type { RichText } from '@notion-rx/protocol'
import { blockNode, type NodeReader } from './importState.js'

/** A GFM table: a simple `table` block (header row on), one `table_row` per row. */
export const table: NodeReader<Table> = (node, state) => {
  const width = Math.max(0, ...node.children.map((row) => row.children.length))
  const columns = Array.from({ length: width }, (_, index) => `col${index}`)
  const rows = node.children.map((row) => {
    const properties: Record<string, RichText> = {}
    row.children.forEach((cell, index) => {
      const value = state.richText(cell.children)
      if (value.length > 0) properties[columns[index]!] = value
    })
    return blockNode('table_row', properties)
  })
  return [blockNode('table', {}, { table_block_column_order: columns, table_block_column_header: true }, rows)]
}
