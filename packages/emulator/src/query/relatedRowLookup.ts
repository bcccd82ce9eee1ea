import { readQuerySchema, rowCollectionId, type QuerySchema, type RelatedRowLookup } from '@notion-rx/protocol'
import type { EmulatorContext } from '../emulatorContext.js'
import { canRead } from '../access/roles.js'

/**
 * Related rows for one queryCollection request, as `userId` may see them: a live, non-template
 * database row the caller can read, in a collection the caller can read. Anything else is left out
 * of rollups, so a rollup never shows what its reader could not open. Schemas are read once per
 * collection (the rollup cycle guard compares them by reference).
 */
export function relatedRowLookup(emulator: EmulatorContext, userId: string | undefined): RelatedRowLookup {
  const schemas = new Map<string, QuerySchema | undefined>()
  const schemaOf = (collectionId: string): QuerySchema | undefined => {
    if (!schemas.has(collectionId)) {
      const collection = emulator.records.get('collection', collectionId)
      const readable = collection && canRead(emulator.permissions.roleFor(userId, 'collection', collectionId, collection))
      schemas.set(collectionId, readable ? readQuerySchema(collection.value) : undefined)
    }
    return schemas.get(collectionId)
  }
  return (pageId) => {
    const row = emulator.records.get('block', pageId)
    if (!row || row.value['alive'] === false || row.value['is_template'] === true) return undefined
    const collectionId = rowCollectionId(row.value)
    if (collectionId === undefined) return undefined
    if (!canRead(emulator.permissions.roleFor(userId, 'block', pageId, row))) return undefined
    const schema = schemaOf(collectionId)
    return schema ? { row, schema } : undefined
  }
}
