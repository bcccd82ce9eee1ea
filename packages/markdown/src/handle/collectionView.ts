import type { BlockHandler } from '../exportState.js'
import { databaseNodes } from './database.js'

/** `collection_view`: an inline database, as its name and a GFM table. */
export const collectionView: BlockHandler = (block, state) => databaseNodes(block, state, false)
