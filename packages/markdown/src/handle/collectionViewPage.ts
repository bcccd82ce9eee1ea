import type { BlockHandler } from '../exportState.js'
import { databaseNodes } from './database.js'
import { scalarText } from '../scalarText.js'

/** `collection_view_page`: a full-page database; exported itself, its name is the title; nested, a link. */
export const collectionViewPage: BlockHandler = (block, state) =>
  block['id'] === state.rootId ? databaseNodes(block, state, true) : [{ type: 'paragraph', children: [state.pageLink(scalarText(block['id']))] }]
