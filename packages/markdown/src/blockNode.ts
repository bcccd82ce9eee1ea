import type { RichText } from '@notion-rx/protocol'

/**
 * A block to create, as markdown → blocks produces it: a plain tree that @notion-rx/core turns
 * into operations (`children.addMarkdown`). No ids: the creator assigns them.
 * @example { type: 'to_do', properties: { title: [['Ship']], checked: [['No']] } }
 */
export interface BlockNode {
  /** A Notion block type (`text`, `header`, `to_do`, `table_row`, ...). */
  type: string
  /** Rich-text properties by key: `title`, `checked`, `language`, `source`, `caption`, table cells. */
  properties?: Record<string, RichText>
  /** `format` fields: `block_color`, `page_icon`, `list_start_index`, `table_block_column_order`, ... */
  format?: Record<string, unknown>
  children?: BlockNode[]
}
