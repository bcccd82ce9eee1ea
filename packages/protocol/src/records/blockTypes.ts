/**
 * Every block `type` named by notion-types (react-notion-x), notion-py, notionapi-agent and
 * kjk/notionapi (docs/protocol.md#record-fields; notion-types' `BlockType`, notion-py's `block.py`).
 * Blocks of other types are still accepted everywhere: Notion adds types faster than anyone lists them.
 */
export const BLOCK_TYPES = [
  // pages and text
  'page',
  'text',
  'header',
  'sub_header',
  'sub_sub_header',
  'header_4',
  'bulleted_list',
  'numbered_list',
  'to_do',
  'toggle',
  'quote',
  'callout',
  'code',
  'divider',
  'equation',
  // media and embeds
  'image',
  'video',
  'audio',
  'file',
  'pdf',
  'bookmark',
  'embed',
  'codepen',
  'figma',
  'gist',
  'maps',
  'drive',
  'tweet',
  'typeform',
  'excalidraw',
  'miro',
  'replit',
  'framer',
  'loom',
  'invision',
  // databases
  'collection_view',
  'collection_view_page',
  'form',
  // layout and navigation
  'column_list',
  'column',
  'table_of_contents',
  'breadcrumb',
  'tab',
  'link_to_page',
  'link_to_collection',
  'alias',
  // templates and buttons
  'factory',
  'template',
  'button',
  'copy_indicator',
  // synced blocks
  'transclusion_container',
  'transclusion_reference',
  // simple tables
  'table',
  'table_row',
  'external_object_instance',
] as const

export type KnownBlockType = (typeof BLOCK_TYPES)[number]
/** Any block type: known ones autocomplete, unknown ones are still accepted. */
export type BlockType = KnownBlockType | (string & {})

const known: ReadonlySet<string> = new Set(BLOCK_TYPES)

export function isKnownBlockType(type: string): type is KnownBlockType {
  return known.has(type)
}
