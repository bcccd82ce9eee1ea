import { isKnownPropertyType, plainTextToRichText, richTextToPlainText, type CollectionProperty, type Operation, type RichText } from '@notion-rx/protocol'
import type { CollectionSchema } from './properties/collectionSchema.js'
import { InvalidSchemaChangeError } from './properties/invalidSchemaChangeError.js'
import { viewOperations } from './collectionViews.js'
import type { OwnedRecordsCreation } from '../records/recordRegistry.js'

/** The schema a new database gets when none is given: a title property called Name. */
export const DEFAULT_SCHEMA: CollectionSchema = Object.freeze({ title: Object.freeze({ name: 'Name', type: 'title' }) })

/** A schema as given to `addNew('collection_view', { schema })`, checked: known types, names, one title. */
export function checkNewSchema(schema: unknown): CollectionSchema {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new InvalidSchemaChangeError('invalid_type', 'A schema is an object of properties keyed by property id')
  }
  const entries = Object.entries(schema as Record<string, CollectionProperty>)
  for (const [id, property] of entries) {
    if (property === null || typeof property !== 'object' || typeof property.name !== 'string' || property.name.trim() === '') {
      throw new InvalidSchemaChangeError('invalid_name', `Property ${JSON.stringify(id)} needs a non-empty name`)
    }
    if (typeof property.type !== 'string' || !isKnownPropertyType(property.type)) {
      throw new InvalidSchemaChangeError('invalid_type', `Property ${JSON.stringify(property.name)} has an unknown type ${JSON.stringify(property.type)}`)
    }
  }
  const titles = entries.filter(([, property]) => property.type === 'title')
  if (titles.length > 1) throw new InvalidSchemaChangeError('invalid_type', 'A schema has exactly one title property')
  // Notion keys the title property `title`; a schema without one gets the default.
  if (titles.length === 0) return { ...DEFAULT_SCHEMA, ...(schema as CollectionSchema) }
  return schema as CollectionSchema
}

/**
 * `createOwnedRecords` of database blocks (`collection_view`, `collection_view_page`): a new
 * collection (with `schema` and `title` as its name) and one table view, and the block pointing
 * at both (`collection_id` and, as newer databases have it, `format.collection_pointer`).
 */
export function createDatabaseRecords({ context, block, props, extra }: OwnedRecordsCreation): { props: readonly string[]; operations: readonly Operation[] } {
  const schema = checkNewSchema(props['schema'] ?? DEFAULT_SCHEMA)
  const blockTitle = (extra['properties'] as { title?: unknown } | undefined)?.title
  const title = props['title'] ?? (Array.isArray(blockTitle) ? richTextToPlainText(blockTitle as RichText) : undefined)
  if (title !== undefined && typeof title !== 'string') {
    throw new InvalidSchemaChangeError('invalid_name', `A database title is a string, got ${JSON.stringify(title)}`)
  }
  const collectionId = context.newId()
  const spaceId = block.spaceId
  const collection = spaceId === undefined ? { table: 'collection', id: collectionId } : { table: 'collection', id: collectionId, spaceId }
  const userId = context.currentUserId()
  const record = {
    id: collectionId,
    version: 1,
    name: plainTextToRichText(title ?? ''),
    schema,
    alive: true,
    parent_id: block.id,
    parent_table: 'block',
    ...(spaceId === undefined ? {} : { space_id: spaceId }),
    created_time: context.now(),
    ...(userId === undefined ? {} : { created_by_id: userId, created_by_table: 'notion_user' }),
  }
  const view = viewOperations(context, block, collectionId, schema, 'table')
  const operations: Operation[] = [
    { pointer: collection, path: [], command: 'set', args: record },
    { pointer: block, path: ['collection_id'], command: 'set', args: collectionId },
    { pointer: block, path: ['format', 'collection_pointer'], command: 'set', args: { id: collectionId, table: 'collection', ...(spaceId === undefined ? {} : { spaceId }) } },
    ...view.operations,
  ]
  return { props: ['schema', 'title'], operations }
}
