import type { CollectionSchema, SchemaProperty } from './collectionSchema.js'
import { propertySlug } from './propertySlug.js'
import { UnknownPropertyError } from './unknownPropertyError.js'

/**
 * Finds a schema property by id (`8#gA`), by exact name (`Estimated value`), or by slug
 * (`estimatedValue`, also `estimated_value`); `title` always finds the title property, whatever its
 * name. Duplicate names resolve to the first in schema order, as in notion-py.
 * @throws UnknownPropertyError listing the available names when nothing matches.
 * @example resolveProperty(collection.schema, 'estimatedValue') // { id: '4Jv$', name: 'Estimated value', type: 'number' }
 */
export function resolveProperty(schema: CollectionSchema, key: string): SchemaProperty {
  const byId = Object.hasOwn(schema, key) ? schema[key] : undefined
  if (byId) return { ...byId, id: key }
  const entries = Object.entries(schema)
  const byName = entries.find(([, property]) => property.name === key)
  if (byName) return { ...byName[1], id: byName[0] }
  if (key === 'title') {
    const title = entries.find(([, property]) => property.type === 'title')
    if (title) return { ...title[1], id: title[0] }
  }
  const slug = propertySlug(key)
  const bySlug = slug === '' ? undefined : entries.find(([, property]) => propertySlug(property.name) === slug)
  if (bySlug) return { ...bySlug[1], id: bySlug[0] }
  throw new UnknownPropertyError(key, entries.map(([, property]) => property.name))
}
