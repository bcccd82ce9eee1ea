import { formatOf, type BlockHandler } from '../exportState.js'

/** `transclusion_reference` (a synced copy): the content of the block it points to, followed. */
export const transclusionReference: BlockHandler = (block, state) => {
  const pointer = formatOf(block)['transclusion_reference_pointer'] as Record<string, unknown> | undefined
  const target = typeof pointer?.['id'] === 'string' ? pointer['id'] : undefined
  return target === undefined ? [] : state.contentOf(target)
}
