import { formatOf, type BlockHandler } from '../exportState.js'
import { containerNodes } from './container.js'

/** `callout`: `:::callout{icon='💡' color='gray_background'}`, the text, then the children. */
export const callout: BlockHandler = (block, state) => {
  const format = formatOf(block)
  const attributes: Record<string, string> = {}
  if (typeof format['page_icon'] === 'string') attributes['icon'] = format['page_icon']
  if (typeof format['block_color'] === 'string' && format['block_color'] !== 'default') attributes['color'] = format['block_color']
  return containerNodes('callout', block, state, attributes)
}
