import { randomUUID } from 'node:crypto'
import { codecFor, isClearingValue, type EncodedProperty } from '@notion-rx/protocol'
import type { SchemaProperty } from './collectionSchema.js'
import type { PropertyCodecOptions } from './propertyCodecOptions.js'
import { PropertyValueError } from './propertyValueError.js'

export type { EncodedProperty } from '@notion-rx/protocol'

/**
 * Writes a JS value as the stored form of a property with its type's codec from
 * @notion-rx/protocol (see `PropertyInputMap` for what each type takes). `null`, `undefined`, `''`
 * and `[]` clear any writable property.
 *
 * Select, status and multi-select values are matched to the schema's options without regard to
 * case (the option's own spelling is written); unknown values come back as `newOptions` (colour
 * `default`), for the caller to add to the schema in the same transaction.
 * @throws PropertyValueError (`invalid_value`) for a value of the wrong kind, (`read_only`) for computed types.
 * @example encodeProperty(tags, ['A', 'Z']) // { richText: [['A,Z']], newOptions: [{ id, value: 'Z', color: 'default' }] }
 */
export function encodeProperty(property: SchemaProperty, value: unknown, options: PropertyCodecOptions = {}): EncodedProperty {
  const codec = codecFor(property.type)
  const details = { propertyId: property.id, propertyName: property.name, propertyType: property.type, accepts: codec.accepts }
  if (codec.readOnly) throw new PropertyValueError('read_only', { ...details, value })
  if (isClearingValue(value)) return { richText: codec.cleared }
  const outcome = codec.encode(value, {
    property,
    stringToRichText: options.stringToRichText,
    timeZone: options.timeZone,
    newOptionId: options.newOptionId ?? randomUUID,
  })
  if ('refused' in outcome) throw new PropertyValueError('invalid_value', { ...details, value: outcome.refused })
  return outcome
}
