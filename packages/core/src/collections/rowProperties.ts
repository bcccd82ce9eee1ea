import type { CollectionSchema, RowValue } from './collectionSchema.js'
import { decodeProperty } from './decodeProperty.js'
import type { PropertyCodecOptions } from './propertyCodecOptions.js'
import { propertySlug } from './propertySlug.js'
import type { PropertyValue } from './propertyValueMap.js'

/** A row's properties decoded, keyed by the camelCase slug of each property's name. */
export type RowProperties = Readonly<Record<string, PropertyValue>>

interface Cached {
  schema: CollectionSchema
  properties: RowProperties
}

// Keyed by the row's frozen value: an unchanged row keeps its reference in the store, so it is
// decoded once however many queries, results and `properties$` read it (structural sharing).
const cache = new WeakMap<object, Cached>()
const slugsCache = new WeakMap<CollectionSchema, ReadonlyArray<readonly [string, string]>>()

/** `[slug, property id]` pairs in schema order; a duplicate slug keeps its first property (as notion-py). */
export function schemaSlugs(schema: CollectionSchema): ReadonlyArray<readonly [string, string]> {
  let slugs = slugsCache.get(schema)
  if (!slugs) {
    const seen = new Set<string>()
    const pairs: Array<readonly [string, string]> = []
    for (const [id, property] of Object.entries(schema)) {
      const slug = propertySlug(property.name) || id
      if (seen.has(slug)) continue
      seen.add(slug)
      pairs.push([slug, id])
    }
    slugs = Object.freeze(pairs)
    slugsCache.set(schema, slugs)
  }
  return slugs
}

/**
 * Every property of a row, decoded and keyed by slug (`{ name, estimatedValue, tags, ... }`).
 * The same row value and schema give the same (frozen) object, so results can be compared by
 * reference. Custom `options` bypass the cache.
 */
export function rowProperties(schema: CollectionSchema, row: RowValue, options?: PropertyCodecOptions): RowProperties {
  const cached = options === undefined ? cache.get(row) : undefined
  if (cached && cached.schema === schema) return cached.properties
  const withSchema = { ...options, schema }
  const properties: Record<string, PropertyValue> = {}
  for (const [slug, id] of schemaSlugs(schema)) properties[slug] = decodeProperty({ ...schema[id]!, id }, row, withSchema)
  Object.freeze(properties)
  if (options === undefined) cache.set(row, { schema, properties })
  return properties
}
