import type { BlockHandler } from '../exportState.js'
import { mediaUrl } from './media.js'
import { scalarText } from '../scalarText.js'

/** `image`: `![caption](url)` in a paragraph of its own (it imports back as an image block). */
export const image: BlockHandler = (block, state) => {
  const url = mediaUrl(block, state)
  if (url === '') return []
  return [{ type: 'paragraph', children: [{ type: 'image', url, alt: state.plainText(block['properties'] && (block['properties'] as Record<string, unknown>)['caption'], scalarText(block['id'])) }] }]
}
