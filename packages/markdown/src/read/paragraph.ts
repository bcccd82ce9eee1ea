import type { Paragraph } from 'mdast'
import { blockNode, isImageParagraph, type NodeReader } from './importState.js'

/** A paragraph: a `text` block; a paragraph holding only an image: an `image` block (by URL). */
export const paragraph: NodeReader<Paragraph> = (node, state) => {
  if (isImageParagraph(node)) {
    const image = node.children.find((child) => child.type === 'image')!
    const caption = image.alt ?? ''
    return [blockNode('image', { source: [[image.url]], ...(caption === '' ? {} : { caption: [[caption]] }) }, { display_source: image.url })]
  }
  return [blockNode('text', { title: state.richText(node.children) })]
}
