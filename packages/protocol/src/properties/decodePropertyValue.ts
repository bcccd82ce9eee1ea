import { formulaDate, type FormulaValue } from '../formula/formulaValue.js'
import { plainText } from '../query/storedCell.js'
import type { RichText } from '../richText.js'
import type { CollectionSchema, RowValue, SchemaProperty } from './collectionSchema.js'
import type { FormulaIssue, ValueContext } from './propertyCodec.js'
import { codecFor } from './propertyCodecs.js'
import { propertyDateInstants } from './propertyDate.js'
import type { PropertyValue, RollupValue } from './propertyValue.js'

/** Rollups being computed on the way to a cell, and how many formulas/rollups deep it is. */
export interface RollupTrail {
  readonly rollups: ReadonlySet<object>
  readonly depth: number
}

export const NO_ROLLUPS: RollupTrail = { rollups: new Set(), depth: 0 }

/** What reading a property as a JS value may use. */
export interface ValueDecodeOptions {
  /** The whole collection schema: formulas need it to read the properties they reference. */
  schema?: CollectionSchema | undefined
  /** How title and text cells become strings. @default richTextToPlainText */
  richTextToString?: ((richText: RichText) => string) | undefined
  /** The zone formulas' date parts are read in. @default 'UTC' */
  timeZone?: string | undefined
  /** What formulas' `now()` returns. @default the time of decoding */
  now?: Date | undefined
  /** Told what a formula could not compute (its value is then `undefined`). */
  onFormulaIssue?: ((issue: FormulaIssue) => void) | undefined
  /**
   * Computes a rollup from the related rows (core's client reads them from its store); without
   * it, rollups decode to `undefined`. `trail` is for the related rows' own rollups.
   */
  rollup?: ((property: SchemaProperty, row: RowValue, trail: RollupTrail) => RollupValue | undefined) | undefined
}

/** A decoded property as a formula sees it (`prop("Tags")` is text, `prop("Due")` a date...). */
function formulaValueOf(value: PropertyValue, raw: unknown, timeZone: string | undefined): FormulaValue {
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
  // A date (of a date property, or an earliest/latest date rollup).
  if ('start' in value) {
    const instants = propertyDateInstants(value, timeZone)
    return formulaDate(instants.start, { end: instants.end, hasTime: value.includeTime })
  }
  return plainText(raw)
}

/**
 * One property being read: the codec's context. A class, so that reading a cell makes no
 * closures (a context is made for every cell of every row read).
 */
class PropertyReading implements ValueContext {
  readonly property: SchemaProperty
  readonly row: RowValue
  readonly raw: unknown
  readonly timeZone: string | undefined
  readonly now: Date | undefined
  readonly richTextToString: ((richText: RichText) => string) | undefined
  readonly onFormulaIssue: ((issue: FormulaIssue) => void) | undefined
  readonly #options: ValueDecodeOptions
  readonly #visiting: ReadonlySet<string>
  readonly #trail: RollupTrail
  /** The formulas being computed on the way here, this one included: made on the first `formulaInput`. */
  #inner: ReadonlySet<string> | undefined

  constructor(property: SchemaProperty, row: RowValue, options: ValueDecodeOptions, visiting: ReadonlySet<string>, trail: RollupTrail) {
    this.property = property
    this.row = row
    this.#options = options
    this.#visiting = visiting
    this.#trail = trail
    this.raw = row.properties?.[property.id]
    this.timeZone = options.timeZone
    this.now = options.now
    this.richTextToString = options.richTextToString
    this.onFormulaIssue = options.onFormulaIssue
  }

  formulaInput(id: string): FormulaValue | undefined {
    const { property, row } = this
    const options = this.#options
    const schema = options.schema ?? { [property.id]: property }
    const inner = (this.#inner ??= new Set(this.#visiting).add(property.id))
    const target = Object.hasOwn(schema, id) ? schema[id] : undefined
    // A formula that reaches itself again has no value (Notion refuses such formulas).
    if (!target || inner.has(id)) return undefined
    const value = decodeAt({ ...target, id }, row, options, inner, this.#trail)
    // A formula or rollup that could not be computed keeps this one from being computed too.
    if (value === undefined && codecFor(target.type).computed) return undefined
    return formulaValueOf(value, row.properties?.[id], options.timeZone)
  }

  rollup(): RollupValue | undefined {
    return this.#options.rollup?.(this.property, this.row, this.#trail)
  }
}

function decodeAt(property: SchemaProperty, row: RowValue, options: ValueDecodeOptions, visiting: ReadonlySet<string>, trail: RollupTrail): PropertyValue {
  return codecFor(property.type).decode(new PropertyReading(property, row, options, visiting, trail))
}

/**
 * Reads one property of a row as a JS value with its type's codec (see `PropertyValueMap` for
 * what each type gives). Formulas are evaluated locally (pass `options.schema` so they can read
 * other properties); rollups come from `options.rollup`. Core's `decodeProperty` is this with a
 * rollup reader over the client's store.
 * @example decodePropertyValue({ id: 'tags', name: 'Tags', type: 'multi_select' }, { properties: { tags: [['a,b']] } }) // ['a', 'b']
 */
export function decodePropertyValue(property: SchemaProperty, row: RowValue, options: ValueDecodeOptions = {}, trail: RollupTrail = NO_ROLLUPS): PropertyValue {
  return decodeAt(property, row, options, new Set(), trail)
}
