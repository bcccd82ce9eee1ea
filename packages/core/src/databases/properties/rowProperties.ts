import type { CollectionSchema, RowValue } from './collectionSchema.js'
import { decodeProperty } from './decodeProperty.js'
import type { PropertyCodecOptions } from './propertyCodecOptions.js'
import { propertySlug } from './propertySlug.js'
import type { PropertyValue } from './propertyValueMap.js'
import { sameRelatedRow, type RelatedRowLookup } from './relatedRows.js'

/** A row's properties decoded, keyed by the camelCase slug of each property's name. */
export type RowProperties = Readonly<Record<string, PropertyValue>>

interface Cached {
  schema: CollectionSchema
  properties: RowProperties
  /** Whether rollups were computed (a lookup was given). */
  related: boolean
  /** What rollups read through the lookup: the answers must be the same for the entry to hold. */
  reads: ReadonlyArray<readonly [string, string | undefined, ReturnType<RelatedRowLookup>]>
}

// Keyed by the row's frozen value: an unchanged row keeps its reference in the store, so it is
// decoded once however many queries, results and `properties$` read it (structural sharing).
const cache = new WeakMap<object, Cached>()
const slugsCache = new WeakMap<CollectionSchema, ReadonlyArray<readonly [string, string]>>()
const rollupsCache = new WeakMap<CollectionSchema, boolean>()

/** Whether a schema has rollup properties (their values depend on other rows). */
export function hasRollups(schema: CollectionSchema): boolean {
  let has = rollupsCache.get(schema)
  if (has === undefined) {
    has = Object.values(schema).some((property) => property?.type === 'rollup')
    rollupsCache.set(schema, has)
  }
  return has
}

/** Options the cache can serve: none, or only a related-row lookup (checked against what it read). */
function cacheable(options: PropertyCodecOptions | undefined): boolean {
  return options === undefined || Object.entries(options).every(([key, value]) => key === 'related' || value === undefined)
}

/** Same values slug by slug (lists, dates and date objects by content). */
function sameValues(a: RowProperties, b: RowProperties): boolean {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((key) => {
    const x = a[key]
    const y = b[key]
    return Object.is(x, y) || (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null && JSON.stringify(x) === JSON.stringify(y))
  })
}

function stillValid(cached: Cached, schema: CollectionSchema, related: RelatedRowLookup | undefined): boolean {
  if (cached.schema !== schema) return false
  if (!hasRollups(schema)) return true
  return cached.related === (related !== undefined) && cached.reads.every(([pageId, collectionId, seen]) => sameRelatedRow(related?.(pageId, collectionId), seen))
}

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
 * reference. With rollups, the related rows they read (through `options.related`) must be the
 * same too. Other custom `options` bypass the cache.
 */
export function rowProperties(schema: CollectionSchema, row: RowValue, options?: PropertyCodecOptions): RowProperties {
  const useCache = cacheable(options)
  const related = options?.related
  const cached = useCache ? cache.get(row) : undefined
  if (cached && stillValid(cached, schema, related)) return cached.properties
  const reads: Array<readonly [string, string | undefined, ReturnType<RelatedRowLookup>]> = []
  const recording: RelatedRowLookup | undefined = related && ((pageId, collectionId) => {
    const found = related(pageId, collectionId)
    reads.push([pageId, collectionId, found])
    return found
  })
  const withSchema = { ...options, schema, related: recording }
  const properties: Record<string, PropertyValue> = {}
  for (const [slug, id] of schemaSlugs(schema)) properties[slug] = decodeProperty({ ...schema[id]!, id }, row, withSchema)
  // Related rows changed but no rollup moved (a related row re-confirmed, a column no rollup
  // reads): the previous object stays, so `properties$` and results compare by reference.
  const shared = cached && cached.schema === schema && sameValues(cached.properties, properties) ? cached.properties : Object.freeze(properties)
  if (useCache) cache.set(row, { schema, properties: shared, related: related !== undefined, reads })
  return shared
}
