import type { RecordRegistry } from '../records/recordRegistry.js'
import { blockClassFor } from './blockRegistry.js'
import { duplicatePage } from './duplicatePage.js'
import { recordFor } from './recordFor.js'

/** The whole object model (records/ and databases/): what NotionClient passes to records as `context.records`. */
export const defaultRecordRegistry: RecordRegistry = Object.freeze({ recordFor, blockClassFor, duplicate: duplicatePage })
