import { decodePropertyValue, type KnownPropertyType, type RollupTrail, type ValueDecodeOptions } from '@notion-rx/protocol'
import type { CollectionSchema, RowValue, SchemaProperty } from './collectionSchema.js'
import type { PropertyCodecOptions } from './propertyCodecOptions.js'
import type { PropertyValue, PropertyValueMap } from './propertyValueMap.js'
import { rollupValue } from './rollupValue.js'

/**
 * The codecs' decode options with rollups read through `options.related` (the client's store).
 * A related row is another row: its formulas start afresh, its rollups carry the trail on.
 */
function withRollups(options: PropertyCodecOptions): ValueDecodeOptions {
  // Made once per options object (a row's properties are read with one), field by field:
  // `{ ...options, rollup }` is a slow path of V8's.
  const { schema, richTextToString, timeZone, now, onFormulaIssue } = options
  const cached = decodeOptionsCache.get(options)
  // An options object changed since (a caller's, kept and edited) is read anew.
  if (cached && cached.schema === schema && cached.richTextToString === richTextToString && cached.timeZone === timeZone && cached.now === now && cached.onFormulaIssue === onFormulaIssue) {
    return cached
  }
  const decodeOptions: ValueDecodeOptions = {
    schema,
    richTextToString,
    timeZone,
    now,
    onFormulaIssue,
    rollup: (property, row, trail) => rollupValue(property, row, options, trail, decodeTarget),
  }
  decodeOptionsCache.set(options, decodeOptions)
  return decodeOptions
}

const decodeOptionsCache = new WeakMap<PropertyCodecOptions, ValueDecodeOptions>()

function decodeTarget(property: SchemaProperty, row: RowValue, options: PropertyCodecOptions, trail: RollupTrail): PropertyValue {
  return decodePropertyValue(property, row, withRollups(options), trail)
}

/**
 * Reads one property of a row as a JS value with its type's codec from @notion-rx/protocol (see
 * `PropertyValueMap` for what each type gives). `created_*` / `last_edited_*` come from the row's
 * own fields; formulas are evaluated locally (pass `options.schema` so they can read other
 * properties), rollups from the related rows `options.related` finds.
 * @example decodeProperty(resolveProperty(schema, 'Tags'), row, { schema }) // ['foo', 'bar']
 */
export function decodeProperty<T extends KnownPropertyType>(
  property: SchemaProperty & { readonly type: T },
  row: RowValue,
  options?: PropertyCodecOptions,
): PropertyValueMap[T]
export function decodeProperty(property: SchemaProperty, row: RowValue, options?: PropertyCodecOptions): PropertyValue
export function decodeProperty(property: SchemaProperty, row: RowValue, options: PropertyCodecOptions = {}): PropertyValue {
  return decodePropertyValue(property, row, withRollups(options))
}

/**
 * Every property of a row, keyed by property id (schema order).
 * @example decodeRow(collection.schema, row)['4Jv$'] // 42
 */
export function decodeRow(schema: CollectionSchema, row: RowValue, options: PropertyCodecOptions = {}): Record<string, PropertyValue> {
  const withSchema = withRollups({ ...options, schema })
  const values: Record<string, PropertyValue> = {}
  for (const [id, property] of Object.entries(schema)) values[id] = decodePropertyValue({ ...property, id }, row, withSchema)
  return values
}
