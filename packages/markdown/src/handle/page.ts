import { rowCollectionId } from '@notion-rx/protocol'
import type { List, RootContent } from 'mdast'
import { propertiesOf, type BlockHandler, type ExportState } from '../exportState.js'
import type { RecordValueLike } from '../recordSource.js'
import { cellText } from '../cellText.js'
import { scalarText } from '../scalarText.js'

/**
 * `page`: the exported page itself is its title as a `#` heading (unless `title: false`), a
 * database row's properties as a list, then its content. A page inside it is a link.
 */
export const page: BlockHandler = (block, state) => {
  if (block['id'] !== state.rootId) return [{ type: 'paragraph', children: [state.pageLink(scalarText(block['id']))] }]
  return [...pageHeader(block, state), ...state.children(block)]
}

export function pageHeader(block: RecordValueLike, state: ExportState): RootContent[] {
  if (state.options.title === false) return []
  return [{ type: 'heading', depth: 1, children: state.phrasing(block, 'title') }, ...rowProperties(block, state)]
}

/** A database row's properties other than its title, as `- **Name:** value`, in schema order. */
function rowProperties(block: RecordValueLike, state: ExportState): RootContent[] {
  const collectionId = rowCollectionId(block)
  if (collectionId === undefined) return []
  const schema = state.source.getCollection(collectionId)?.['schema']
  if (typeof schema !== 'object' || schema === null) return []
  const properties = propertiesOf(block)
  const items: List['children'] = []
  for (const [id, column] of Object.entries(schema as Record<string, Record<string, unknown>>)) {
    if (id === 'title' || !(id in properties)) continue
    const value = state.plainText(properties[id], scalarText(block['id']))
    if (value === '') continue
    items.push({
      type: 'listItem',
      spread: false,
      children: [
        {
          type: 'paragraph',
          children: [{ type: 'strong', children: [{ type: 'text', value: `${scalarText(column['name'], id)}:` }] }, { type: 'text', value: ' ' }, ...cellText(value)],
        },
      ],
    })
  }
  return items.length === 0 ? [] : [{ type: 'list', ordered: false, spread: false, children: items }]
}
