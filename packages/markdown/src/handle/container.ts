import type { RootContent } from 'mdast'
import type { ExportState } from '../exportState.js'
import type { RecordValueLike } from '../recordSource.js'

/**
 * A `:::name{attributes}` container directive: the block's title as its first paragraph, then its
 * children. Used for blocks markdown has no syntax for (toggle, callout); they import back as
 * the same block type.
 */
export function containerNodes(
  name: string,
  block: RecordValueLike,
  state: ExportState,
  attributes: Record<string, string> = {},
): RootContent[] {
  const title = state.phrasing(block, 'title')
  const children = [...(title.length === 0 ? [] : [{ type: 'paragraph' as const, children: title }]), ...state.children(block)]
  return [{ type: 'containerDirective', name, attributes, children: children as never }]
}
