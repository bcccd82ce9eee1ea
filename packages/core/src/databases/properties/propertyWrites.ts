import type { Operation, OperationPointer } from '@notion-rx/protocol'
import type { CollectionSchema } from './collectionSchema.js'
import { encodeProperty } from './encodeProperty.js'
import type { PropertyCodecOptions } from './propertyCodecOptions.js'
import { resolveProperty } from './resolveProperty.js'

/**
 * The operations writing `value` to a row's property `key` (id, name or slug): select options the
 * schema lacks are appended first (one `set` of the property's options on the collection, keeping
 * existing options and their ids), then the cell. Throws before returning anything when the key or
 * the value is refused (UnknownPropertyError, PropertyValueError).
 */
export function propertyWriteOperations(
  schema: CollectionSchema,
  collection: OperationPointer,
  row: OperationPointer,
  key: string,
  value: unknown,
  options?: PropertyCodecOptions,
): Operation[] {
  const property = resolveProperty(schema, key)
  const encoded = encodeProperty(property, value, options)
  const operations: Operation[] = []
  if (encoded.newOptions && encoded.newOptions.length > 0) {
    operations.push({
      pointer: collection,
      path: ['schema', property.id, 'options'],
      command: 'set',
      args: [...(property.options ?? []), ...encoded.newOptions],
    })
  }
  operations.push({ pointer: row, path: ['properties', property.id], command: 'set', args: encoded.richText })
  return operations
}
