import { decorationsOf, evaluateFormula, formulaDate, type FormulaValue, type KnownPropertyType, plainText, type RichText, richTextToPlainText, segmentsOf } from '@notion-rx/protocol'
import type { CollectionSchema, RowValue, SchemaProperty } from './collectionSchema.js'
import type { PropertyCodecOptions } from './propertyCodecOptions.js'
import { fromNotionDate, propertyDateInstants } from './propertyDate.js'
import type { PropertyFile, PropertyValue, PropertyValueMap } from './propertyValueMap.js'
import { decorationArgs, mentionIds } from './richTextCells.js'
import { NO_ROLLUPS, rollupValue, type RollupTrail } from './rollupValue.js'

function richTextOf(raw: unknown): RichText {
  // Text cells are rich text; anything else in them is dropped rather than trusted.
  return segmentsOf(raw).filter((segment) => typeof segment[0] === 'string') as RichText
}

function numberOf(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const number = Number(trimmed)
  return Number.isFinite(number) ? number : null
}

function msDate(value: unknown): Date | null {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value) : null
}

function files(raw: unknown): PropertyFile[] {
  return segmentsOf(raw).flatMap((segment) => {
    const name = segment[0]
    if (typeof name !== 'string' || name === ',' || name === '') return []
    const link = decorationsOf(segment).find((decoration) => decoration[0] === 'a' && typeof decoration[1] === 'string')
    return [{ name, url: (link?.[1] as string | undefined) ?? name }]
  })
}

/** A decoded property as a formula sees it (`prop("Tags")` is text, `prop("Due")` a date...). */
function toFormulaValue(type: string, value: PropertyValue, raw: unknown, options: PropertyCodecOptions): FormulaValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return formulaDate(value)
  if (Array.isArray(value)) {
    // Tags, ids, files, and a rollup's listed values (numbers, dates, ... too).
    return (value as readonly unknown[])
      .map((item) => {
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item)
        if (item instanceof Date) return item.toISOString()
        if (item && typeof item === 'object' && 'start' in item && typeof item.start === 'string') return item.start
        return item && typeof item === 'object' && 'name' in item && typeof item.name === 'string' ? item.name : ''
      })
      .join(', ')
  }
  if ((type === 'date' || type === 'rollup') && 'start' in value) {
    const instants = propertyDateInstants(value, options.timeZone)
    return formulaDate(instants.start, { end: instants.end, hasTime: value.includeTime })
  }
  return plainText(raw)
}

function decode(property: SchemaProperty, row: RowValue, options: PropertyCodecOptions, visiting: ReadonlySet<string>, trail: RollupTrail): PropertyValue {
  const raw = row.properties?.[property.id]
  switch (property.type as KnownPropertyType) {
    case 'title':
    case 'text': {
      const richText = richTextOf(raw)
      return options.richTextToString ? options.richTextToString(richText) : richTextToPlainText(richText)
    }
    case 'url':
    case 'email':
    case 'phone_number':
      return plainText(raw)
    case 'number':
      return numberOf(plainText(raw))
    case 'select':
    case 'status': {
      const value = plainText(raw).trim()
      return value === '' ? null : value
    }
    case 'multi_select':
      // `[[""]]` (what notion-py writes for []) reads as no tags, not as one empty tag.
      return plainText(raw)
        .split(',')
        .map((value) => value.trim())
        .filter((value) => value !== '')
    case 'date': {
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) return fromNotionDate(raw) ?? null
      for (const arg of decorationArgs(raw, 'd')) {
        const date = fromNotionDate(arg)
        if (date) return date
      }
      return null
    }
    case 'person':
      return mentionIds(raw, 'u')
    case 'relation':
      return mentionIds(raw, 'p')
    case 'file':
      return files(raw)
    case 'checkbox':
      return plainText(raw).trim() === 'Yes'
    case 'created_time':
    case 'last_edited_time':
      return msDate(row[property.type as 'created_time' | 'last_edited_time'])
    case 'created_by':
      return row.created_by_id ?? row.created_by ?? null
    case 'last_edited_by':
      return row.last_edited_by_id ?? row.last_edited_by ?? null
    case 'auto_increment_id':
    case 'unique_id': {
      const digits = /\d+/.exec(plainText(raw))
      return digits ? Number(digits[0]) : null
    }
    case 'rollup':
      // A related row is another row: its formulas start a fresh `visiting`.
      return rollupValue(property, row, options, trail, (target, relatedRow, relatedOptions, inner) => decode(target, relatedRow, relatedOptions, new Set(), inner))
    case 'button':
      return null
    case 'formula': {
      const schema = options.schema ?? { [property.id]: property }
      const inner = new Set(visiting).add(property.id)
      const evaluation = evaluateFormula(property.formula, {
        now: options.now,
        timeZone: options.timeZone,
        property: (id) => {
          const target = Object.hasOwn(schema, id) ? schema[id] : undefined
          // A formula that reaches itself again has no value (Notion refuses such formulas).
          if (!target || inner.has(id)) return undefined
          const targetProperty = { ...target, id }
          const value = decode(targetProperty, row, options, inner, trail)
          // A formula or rollup that could not be computed keeps this one from being computed too.
          if (value === undefined && (target.type === 'formula' || target.type === 'rollup')) return undefined
          return toFormulaValue(target.type, value, row.properties?.[id], options)
        },
      })
      if (evaluation.unsupported.length > 0) {
        options.onFormulaIssue?.({ propertyId: property.id, propertyName: property.name, unsupported: evaluation.unsupported })
      }
      return evaluation.value
    }
    default:
      // verification, location and types newer than notion-rx: the stored rich text, as is.
      return raw === undefined ? undefined : richTextOf(raw)
  }
}

/**
 * Reads one property of a row as a JS value (see `PropertyValueMap` for what each type gives).
 * `created_*` / `last_edited_*` come from the row's own fields; formulas are evaluated locally
 * (pass `options.schema` so they can read other properties), rollups from the related rows
 * `options.related` finds.
 * @example decodeProperty(resolveProperty(schema, 'Tags'), row, { schema }) // ['foo', 'bar']
 */
export function decodeProperty<T extends KnownPropertyType>(
  property: SchemaProperty & { readonly type: T },
  row: RowValue,
  options?: PropertyCodecOptions,
): PropertyValueMap[T]
export function decodeProperty(property: SchemaProperty, row: RowValue, options?: PropertyCodecOptions): PropertyValue
export function decodeProperty(property: SchemaProperty, row: RowValue, options: PropertyCodecOptions = {}): PropertyValue {
  return decode(property, row, options, new Set(), NO_ROLLUPS)
}

/**
 * Every property of a row, keyed by property id (schema order).
 * @example decodeRow(collection.schema, row)['4Jv$'] // 42
 */
export function decodeRow(schema: CollectionSchema, row: RowValue, options: PropertyCodecOptions = {}): Record<string, PropertyValue> {
  const withSchema = { ...options, schema }
  const values: Record<string, PropertyValue> = {}
  for (const [id, property] of Object.entries(schema)) values[id] = decode({ ...property, id }, row, withSchema, new Set(), NO_ROLLUPS)
  return values
}
