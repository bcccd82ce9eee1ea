import { codecFor, COLORS, isKnownPropertyType, type CollectionProperty, type SelectOption } from '@notion-rx/protocol'
import type { CollectionSchema, SchemaProperty } from './collectionSchema.js'
import { InvalidSchemaChangeError } from './invalidSchemaChangeError.js'

/** Option colours Notion knows (`default` included). */
// notion-py also accepts `green` (the UI's name for what rich text calls `teal`).
export const OPTION_COLORS: readonly string[] = [...COLORS.filter((color) => !color.endsWith('_background')), 'green']

/** Whether a property type keeps `options` (its codec is select-like). */
export function hasOptions(type: string): boolean {
  return codecFor(type).options !== undefined
}

/** A new 4-character property id not in `schema` (Notion's ids are short printable strings). */
export function newPropertyId(schema: CollectionSchema, random: () => number = Math.random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+-./:;<=>?@[]^_`{|}~'
  for (;;) {
    let id = ''
    for (let i = 0; i < 4; i++) id += alphabet[Math.floor(random() * alphabet.length)]
    if (!Object.hasOwn(schema, id) && id !== 'title') return id
  }
}

export function checkPropertyType(type: unknown): asserts type is string {
  if (typeof type !== 'string' || !isKnownPropertyType(type) || type === 'title') {
    throw new InvalidSchemaChangeError('invalid_type', `A property type must be a known type other than "title", got ${JSON.stringify(type)}`)
  }
}

export function checkColor(color: unknown): asserts color is string {
  if (typeof color !== 'string' || !OPTION_COLORS.includes(color)) {
    throw new InvalidSchemaChangeError('invalid_color', `An option colour must be one of ${OPTION_COLORS.join(', ')}, got ${JSON.stringify(color)}`)
  }
}

/** The property as stored (without the `id` resolveProperty adds). */
export function storedProperty(property: SchemaProperty): CollectionProperty {
  const { id: _id, ...stored } = property
  return stored
}

/**
 * An option of a select-like property by value (case-insensitive) or id.
 * @throws InvalidSchemaChangeError `unknown_option`, or `invalid_type` for a property without options
 */
export function findOption(property: SchemaProperty, key: string): SelectOption {
  if (!hasOptions(property.type)) {
    throw new InvalidSchemaChangeError('invalid_type', `Property ${JSON.stringify(property.name)} (${property.type}) has no options`)
  }
  const options = property.options ?? []
  const found = options.find((option) => option.id === key) ?? options.find((option) => option.value.toLowerCase() === key.toLowerCase())
  if (!found) {
    throw new InvalidSchemaChangeError(
      'unknown_option',
      `Property ${JSON.stringify(property.name)} has no option ${JSON.stringify(key)}; it has ${options.map((o) => JSON.stringify(o.value)).join(', ') || 'none'}`,
    )
  }
  return found
}

/** An option value as cells can store it (multi-select cells are comma-joined). */
export function checkOptionValue(property: SchemaProperty, value: unknown, except?: SelectOption): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '' || value.includes(',')) {
    throw new InvalidSchemaChangeError('invalid_option', `An option value must be a non-empty string without commas, got ${JSON.stringify(value)}`)
  }
  const clash = (property.options ?? []).find((option) => option !== except && option.value.toLowerCase() === value.trim().toLowerCase())
  if (clash) throw new InvalidSchemaChangeError('invalid_option', `Property ${JSON.stringify(property.name)} already has an option ${JSON.stringify(clash.value)}`)
}
