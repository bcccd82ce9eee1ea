import { formatOf, type BlockHandler } from '../exportState.js'

/** `link_to_page`: a link to the page (`format.alias_pointer` or `format.page_id`). */
export const linkToPage: BlockHandler = (block, state) => {
  const format = formatOf(block)
  const pointer = format['alias_pointer'] as Record<string, unknown> | undefined
  const target = typeof pointer?.['id'] === 'string' ? pointer['id'] : typeof format['page_id'] === 'string' ? format['page_id'] : undefined
  return target === undefined ? [] : [{ type: 'paragraph', children: [state.pageLink(target)] }]
}
