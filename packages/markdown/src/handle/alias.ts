import { formatOf, type BlockHandler } from '../exportState.js'

/** `alias` (a link to a page): followed to its target, written as a link to it. */
export const alias: BlockHandler = (block, state) => {
  const pointer = formatOf(block)['alias_pointer'] as Record<string, unknown> | undefined
  const target = typeof pointer?.['id'] === 'string' ? pointer['id'] : undefined
  return target === undefined ? [] : [{ type: 'paragraph', children: [state.pageLink(target)] }]
}
