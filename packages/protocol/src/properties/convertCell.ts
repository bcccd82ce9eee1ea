import type { SelectOption } from '../records/collection.js'
import { decorationsOf, segmentsOf } from '../query/storedCell.js'
import type { RichText } from '../richText.js'
import type { CollectionSchema, RowValue, SchemaProperty } from './collectionSchema.js'
import { decodePropertyValue } from './decodePropertyValue.js'
import type { ConversionInput, PropertyCodec } from './propertyCodec.js'
import { codecFor } from './propertyCodecs.js'
import { isClearingValue } from './isClearingValue.js'
import { optionValues, type Shown } from './shownValues.js'

/** What converting a cell may need besides the row: names of users, titles of pages, formula inputs. */
export interface CellConversionContext {
  /** The schema before the change: a formula being retyped reads the properties it references. */
  schema?: CollectionSchema | undefined
  /** A user's display name; `undefined` when unknown (the id is written instead). */
  userName?: ((id: string) => string | undefined) | undefined
  /** A page's title as plain text; `undefined` when unknown (the id is written instead). */
  pageTitle?: ((id: string) => string | undefined) | undefined
  /** The zone instants (created time, formula dates) are written in. @default 'UTC' */
  timeZone?: string | undefined
}

/**
 * Whether retyping a `fromType` property to `toType` rewrites its cells. It does not for the same
 * type, between text-like types (title, text, url, email, phone number: all rich text, kept with
 * their formatting), to computed types (formula, rollup, created/edited time and by, ids, button)
 * and to or from types notion-rx does not interpret (verification, location, newer types): the
 * codecs say which types a retype reads (`show`) and writes (`convertInto`).
 */
export function convertsCells(fromType: string, toType: string): boolean {
  const from = codecFor(fromType)
  const to = codecFor(toType)
  if (fromType === toType || !to.convertInto || !from.show) return false
  return !(from.textLike && to.textLike)
}

/** The cell as the old type shows it; `undefined` when it cannot be read (a formula notion-rx cannot compute). */
function shownValues(row: RowValue, from: SchemaProperty, toType: string, context: CellConversionContext): Shown | undefined {
  const timeZone = context.timeZone ?? 'UTC'
  const value = decodePropertyValue(from, row, { schema: context.schema, timeZone })
  return codecFor(from.type).show?.(value, {
    toType,
    timeZone,
    userName: (id) => context.userName?.(id) ?? id,
    pageTitle: (id) => context.pageTitle?.(id) ?? id,
  })
}

/**
 * The option values one row's cell brings to a select-like property it is retyped to, in cell
 * order (before matching against the options; `[]` for other types or unreadable cells).
 */
export function cellOptionValues(row: RowValue, from: SchemaProperty, toType: string, context: CellConversionContext = {}): string[] {
  const count = codecFor(toType).options
  if (count === undefined || !convertsCells(from.type, toType)) return []
  const shown = shownValues(row, from, toType, context)
  return shown === undefined ? [] : optionValues(shown, count)
}

/**
 * The options after a retype: the existing ones as they are (ids, colours), then every value no
 * option matches (case-insensitive), in order of first appearance, colour `default`.
 * @example mergeOptions([{ id: '1', value: 'High', color: 'red' }], ['high', 'Low'], newId) // High (red), then Low (default)
 */
export function mergeOptions(existing: readonly SelectOption[], values: Iterable<string>, newId: () => string): SelectOption[] {
  const options = [...existing]
  const known = new Set(existing.map((option) => option.value.toLowerCase()))
  for (const value of values) {
    if (known.has(value.toLowerCase())) continue
    known.add(value.toLowerCase())
    options.push({ id: newId(), value, color: 'default' })
  }
  return options
}

/** The value written, or the cleared cell when the new type refuses it (an unreadable date, a bad time zone). */
function encodeOrClear(codec: PropertyCodec, to: SchemaProperty, value: unknown): RichText {
  if (isClearingValue(value)) return codec.cleared
  // New options are the caller's (mergeOptions): the ids made here are not kept.
  const outcome = codec.encode(value, { property: to, stringToRichText: undefined, timeZone: undefined, newOptionId: () => '' })
  return 'refused' in outcome ? codec.cleared : outcome.richText
}

function isBlank(cell: unknown): boolean {
  return segmentsOf(cell).every((segment) => (typeof segment[0] !== 'string' || segment[0].trim() === '') && decorationsOf(segment).length === 0)
}

/**
 * A row's cell after its property is retyped from `from` to `to` (`to` carries the options the
 * property will have), as Notion's UI converts it; `undefined` when the stored cell stays as it is
 * (nothing to convert, or the same value). What each type becomes is in docs/collections.md.
 * @example convertCell({ properties: { p: [['3.50']] } }, text, number) // [['3.5']]
 */
export function convertCell(row: RowValue, from: SchemaProperty, to: SchemaProperty, context: CellConversionContext = {}): RichText | undefined {
  if (!convertsCells(from.type, to.type)) return undefined
  const codec = codecFor(to.type)
  const timeZone = context.timeZone ?? 'UTC'
  const input: ConversionInput = {
    from,
    to,
    timeZone,
    fromAuthor: codecFor(from.type).author === true,
    shown: () => shownValues(row, from, to.type, context),
    fromValue: () => decodePropertyValue(from, row, { schema: context.schema, timeZone }),
    toValue: () => decodePropertyValue(to, row),
  }
  const converted = codec.convertInto!(input)
  if (converted === undefined) return undefined
  const before = row.properties?.[from.id]
  const after = encodeOrClear(codec, to, converted.value)
  if (JSON.stringify(after) === JSON.stringify(before ?? [])) return undefined
  // A blank cell stays as it is: `[]` and checkbox's `No` read the same as no cell or spaces.
  const cleared = JSON.stringify(after) === JSON.stringify(codec.cleared)
  return cleared && isBlank(before) ? undefined : after
}
