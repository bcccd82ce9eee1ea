import type { ListItem, RootContent } from 'mdast'
import type { ExportState } from '../exportState.js'
import type { RecordValueLike } from '../recordSource.js'

/** One list block as a one-item list; `pageToMdast` merges consecutive ones into one list. */
export function listItemNodes(
  block: RecordValueLike,
  state: ExportState,
  list: { ordered: boolean; start?: number; checked?: boolean },
): RootContent[] {
  const title = state.phrasing(block, 'title')
  const children = state.children(block) as ListItem['children']
  // An empty item with children starts with them (`1. ---`), as it reads back.
  const head: ListItem['children'] = title.length === 0 && children.length > 0 ? [] : [{ type: 'paragraph', children: title }]
  const item: ListItem = {
    type: 'listItem',
    spread: false,
    ...(list.checked === undefined ? {} : { checked: list.checked }),
    children: [...head, ...children],
  }
  return [{ type: 'list', ordered: list.ordered, spread: false, ...(list.start === undefined ? {} : { start: list.start }), children: [item] }]
}
