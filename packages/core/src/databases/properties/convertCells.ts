import { decorationsOf, formulaDateEnd, formulaDateHasTime, type FormulaValue, type RichText, segmentsOf, type SelectOption } from '@notion-rx/protocol'
import type { CollectionSchema, RowValue, SchemaProperty } from './collectionSchema.js'
import { decodeProperty } from './decodeProperty.js'
import { encodeProperty } from './encodeProperty.js'
import { fromNotionDate, toNotionDate, type PropertyDate, type PropertyDateInput } from './propertyDate.js'
import { PropertyValueError } from './propertyValueError.js'
import type { PropertyFile } from './propertyValueMap.js'

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

const TEXT_LIKE: ReadonlySet<string> = new Set(['title', 'text', 'url', 'email', 'phone_number'])
const OPTION_TYPES: ReadonlySet<string> = new Set(['select', 'status', 'multi_select'])

/** Types whose cells a retype rewrites. Computed types (and types notion-rx does not interpret) are left alone. */
const TARGETS: ReadonlySet<string> = new Set([
  'text', 'url', 'email', 'phone_number', 'number', 'select', 'status', 'multi_select', 'date', 'person', 'relation', 'file', 'checkbox',
])

/** Types whose values a retype can read: every stored or computed type notion-rx decodes. */
const SOURCES: ReadonlySet<string> = new Set([
  ...TARGETS, 'title', 'formula', 'rollup', 'created_time', 'last_edited_time', 'created_by', 'last_edited_by', 'auto_increment_id', 'unique_id',
])

/** What a checkbox reads as checked, lower-cased (Notion documents no rule; this is notion-rx's choice). */
const CHECKED_TEXTS: ReadonlySet<string> = new Set(['yes', 'true', '1', 'x', 'checked', '✓', '✔', '☑'])

/**
 * Whether retyping a `fromType` property to `toType` rewrites its cells. It does not for the same
 * type, between text-like types (title, text, url, email, phone number: all rich text, kept with
 * their formatting), to computed types (formula, rollup, created/edited time and by, ids, button)
 * and to or from types notion-rx does not interpret (verification, location, newer types).
 */
export function convertsCells(fromType: string, toType: string): boolean {
  if (fromType === toType || !TARGETS.has(toType) || !SOURCES.has(fromType)) return false
  return !(TEXT_LIKE.has(fromType) && TEXT_LIKE.has(toType))
}

/** What a cell shows, as strings: one string for single values, the items of lists. */
interface Shown {
  values: string[]
  /** Items of a list (multi-select, people, pages, files): never split on commas. */
  listed: boolean
}

const single = (text: string | null | undefined): Shown => ({ values: text === null || text === undefined || text === '' ? [] : [text], listed: false })
const listed = (values: readonly string[]): Shown => ({ values: values.filter((value) => value !== ''), listed: true })

/** A date as text: `2024-01-05`, `2024-01-05 09:30 (Europe/Paris)`, `2024-01-05 → 2024-01-09`; reads back as the same date. */
export function dateText(date: PropertyDate): string {
  const wall = (value: string) => value.replace('T', ' ')
  const range = date.end === undefined ? wall(date.start) : `${wall(date.start)} → ${wall(date.end)}`
  return date.timeZone === undefined ? range : `${range} (${date.timeZone})`
}

/** An instant (created time, a formula's date) as a date in `timeZone`; formula dates keep their end and all-day-ness. */
function instantDate(instant: Date, timeZone: string): PropertyDateInput {
  const end = formulaDateEnd(instant)
  return { start: instant, ...(end === undefined ? {} : { end }), includeTime: formulaDateHasTime(instant), timeZone }
}

function instantText(instant: Date, timeZone: string): string {
  const date = fromNotionDate(toNotionDate(instantDate(instant, timeZone)))
  return date === undefined ? '' : dateText(date)
}

function formulaText(value: FormulaValue, timeZone: string): string {
  if (value instanceof Date) return instantText(value, timeZone)
  if (typeof value === 'boolean') return value ? 'Yes' : ''
  return value === null ? '' : String(value)
}

/** The cell as the old type shows it; `undefined` when it cannot be read (a formula notion-rx cannot compute). */
function shownValues(row: RowValue, from: SchemaProperty, toType: string, context: CellConversionContext): Shown | undefined {
  const timeZone = context.timeZone ?? 'UTC'
  const value = decodeProperty(from, row, { schema: context.schema, timeZone })
  const name = (id: string) => context.userName?.(id) ?? id
  switch (from.type) {
    case 'title':
    case 'text':
    case 'url':
    case 'email':
    case 'phone_number':
    case 'select':
    case 'status':
    case 'rollup':
      return single(value as string | null)
    case 'number':
    case 'auto_increment_id':
    case 'unique_id':
      return single(value === null ? null : String(value))
    case 'checkbox':
      return single(value === true ? 'Yes' : null)
    case 'multi_select':
      return listed(value as string[])
    case 'person':
      return listed((value as string[]).map(name))
    case 'created_by':
    case 'last_edited_by':
      return single(typeof value === 'string' ? name(value) : null)
    case 'relation':
      return listed((value as string[]).map((id) => context.pageTitle?.(id) ?? id))
    case 'file':
      // A URL property wants the link; anything else the name the cell shows.
      return listed((value as PropertyFile[]).map((file) => (toType === 'url' ? file.url : file.name)))
    case 'date':
      return single(value === null ? null : dateText(value as PropertyDate))
    case 'created_time':
    case 'last_edited_time':
      return single(value instanceof Date ? instantText(value, timeZone) : null)
    case 'formula':
      return value === undefined ? undefined : single(formulaText(value as FormulaValue, timeZone))
    default:
      return undefined
  }
}

/**
 * Option values a cell holds once retyped to a select-like type: text is split on commas (a
 * select keeps the first value), list items keep whole, commas inside them becoming spaces
 * (option values cannot hold commas).
 */
function optionValues(shown: Shown, toType: string): string[] {
  const values = shown.listed
    ? shown.values.map((value) => value.replace(/\s*,\s*/g, ' ').trim())
    : shown.values.flatMap((value) => value.split(',')).map((value) => value.trim())
  const kept = values.filter((value) => value !== '')
  return toType === 'multi_select' ? kept : kept.slice(0, 1)
}

/**
 * The option values one row's cell brings to a select-like property it is retyped to, in cell
 * order (before matching against the options; `[]` for other types or unreadable cells).
 */
export function cellOptionValues(row: RowValue, from: SchemaProperty, toType: string, context: CellConversionContext = {}): string[] {
  if (!OPTION_TYPES.has(toType) || !convertsCells(from.type, toType)) return []
  const shown = shownValues(row, from, toType, context)
  return shown === undefined ? [] : optionValues(shown, toType)
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

/** `2024-01-05`, `2024-01-05 09:30`, an ISO instant, `A → B` ranges and a trailing `(Zone)`: what `dateText` writes. */
const DATE_TEXT = /^(.+?)(?:\s*(?:→|->)\s*(.+?))?(?:\s+\(([^()\s]+)\))?$/

function dateInputOf(text: string): PropertyDateInput | null {
  const match = DATE_TEXT.exec(text.trim())
  if (!match) return null
  const [, start = '', end, timeZone] = match
  return { start, ...(end === undefined ? {} : { end }), ...(timeZone === undefined ? {} : { timeZone }) }
}

function encode(to: SchemaProperty, value: unknown): RichText | undefined {
  try {
    return encodeProperty(to, value).richText
  } catch (error) {
    // A value the new type refuses (an unreadable date, a bad time zone) clears the cell.
    if (error instanceof PropertyValueError && error.code === 'invalid_value') return encodeProperty(to, null).richText
    throw error
  }
}

function converted(row: RowValue, from: SchemaProperty, to: SchemaProperty, context: CellConversionContext): RichText | undefined {
  const timeZone = context.timeZone ?? 'UTC'
  switch (to.type) {
    case 'person':
    case 'relation': {
      // Mentions of the new kind already in the cell stay (an @-mention in a text cell, a person's
      // id under `created_by`); everything else goes.
      const fromValue = from.type === 'created_by' || from.type === 'last_edited_by' ? decodeProperty(from, row) : undefined
      const ids = typeof fromValue === 'string' ? (to.type === 'person' ? [fromValue] : []) : (decodeProperty(to, row) as string[])
      return encode(to, ids)
    }
    case 'file': {
      // Links stay files (a URL cell, linked text); plain text names no file.
      const files = (decodeProperty(to, row) as PropertyFile[]).filter((file) => /^https?:\/\//i.test(file.url))
      return encode(to, files)
    }
  }
  const shown = shownValues(row, from, to.type, context)
  if (shown === undefined) return undefined
  const text = shown.values.join(', ')
  switch (to.type) {
    case 'number': {
      const number = decodeProperty({ ...to, type: 'number' }, { properties: { [to.id]: [[text]] } })
      return encode(to, number)
    }
    case 'checkbox':
      return encode(to, CHECKED_TEXTS.has(text.trim().toLowerCase()))
    case 'select':
    case 'status':
      return encode(to, optionValues(shown, to.type)[0] ?? null)
    case 'multi_select':
      return encode(to, optionValues(shown, to.type))
    case 'date': {
      const value = decodeProperty(from, row, { schema: context.schema, timeZone })
      return encode(to, value instanceof Date ? instantDate(value, timeZone) : dateInputOf(text))
    }
    default:
      return encode(to, text)
  }
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
  const before = row.properties?.[from.id]
  const after = converted(row, from, to, context)
  if (after === undefined) return undefined
  if (JSON.stringify(after) === JSON.stringify(before ?? [])) return undefined
  // A blank cell stays as it is: `[]` and checkbox's `No` read the same as no cell or spaces.
  const cleared = JSON.stringify(after) === JSON.stringify(encodeProperty(to, null).richText)
  return cleared && isBlank(before) ? undefined : after
}
