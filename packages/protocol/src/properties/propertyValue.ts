import type { FormulaValue } from '../formula/formulaValue.js'
import type { SelectOption } from '../records/collection.js'
import type { RichText } from '../richText.js'
import type { PropertyDate, PropertyDateInput } from './propertyDate.js'

/** One entry of a `file` property: the name shown and the URL (an S3 URL for uploads). */
export interface PropertyFile {
  name: string
  url: string
}

/**
 * What `decodeProperty` (core) and `decodePropertyValue` give per property type. Empty cells read as `''` (text-like types),
 * `null` (single values) or `[]` (lists); never as notion-py's `['']`.
 */
export interface PropertyValueMap {
  title: string
  text: string
  number: number | null
  select: string | null
  status: string | null
  multi_select: string[]
  date: PropertyDate | null
  /** User ids. */
  person: string[]
  file: PropertyFile[]
  checkbox: boolean
  url: string
  email: string
  phone_number: string
  /** Page (row) ids. */
  relation: string[]
  /** Computed locally from the schema's formula AST; `undefined` when it uses an unsupported function. */
  formula: FormulaValue | undefined
  /**
   * Computed from the related rows (see `RollupValue`); `undefined` when it cannot be (no related
   * rows to read, an aggregation notion-rx does not know, a rollup that loops back on itself).
   */
  rollup: RollupValue | undefined
  created_time: Date | null
  last_edited_time: Date | null
  /** A user id. */
  created_by: string | null
  last_edited_by: string | null
  auto_increment_id: number | null
  unique_id: number | null
  button: null
  /** Types notion-rx does not interpret yet: the stored rich text, as is. */
  verification: RichText | undefined
  location: RichText | undefined
}

export type PropertyValue = PropertyValueMap[keyof PropertyValueMap]

/** One value a `show_original` / `show_unique` rollup lists: a value of the related rows' target property. */
export type RollupItem = string | number | boolean | Date | PropertyDate | PropertyFile

/**
 * A rollup's value, by its aggregation:
 * - `count`, `count_values`, `unique`, `empty`, `not_empty`, `checked`, `unchecked`, `sum`,
 *   `average`, `median`, `min`, `max`, `range`: a number (`null` when there is nothing to compute,
 *   such as the average of no numbers); `percent_*` are fractions in [0, 1]; `date_range` is a
 *   duration in ms;
 * - `earliest_date` / `latest_date`: that related row's value (a `PropertyDate` for date
 *   properties, a `Date` for created/edited times), `null` with no dates;
 * - `show_original` (the default) / `show_unique`: the values of every related row in relation
 *   order, lists flattened, empty values left out (`show_unique` keeps the first of equal ones).
 */
export type RollupValue = number | Date | PropertyDate | RollupItem[] | null

/** A user or a page: its id, or any object with an `id` (a `User`, a `Block`). */
export type IdInput = string | { readonly id: string }

/**
 * What `encodeProperty` (core) and the codecs' `encode` accept per writable type, besides `null`/`undefined`/`''` which clear it.
 * Read-only types (formula, rollup, created_*, last_edited_*, auto_increment_id, unique_id, button)
 * accept nothing.
 */
export interface PropertyInputMap {
  /** Plain text (through `stringToRichText` when given) or rich text as is. */
  title: string | RichText
  text: string | RichText
  number: number
  /** An option value; unknown ones come back in `newOptions`. */
  select: string
  status: string
  multi_select: string | readonly string[]
  date: PropertyDateInput
  person: IdInput | readonly IdInput[]
  /** A URL, or `{url, name?}`; the name defaults to the URL's last path segment. */
  file: string | { url: string; name?: string } | ReadonlyArray<string | { url: string; name?: string }>
  checkbox: boolean
  url: string
  email: string
  phone_number: string
  relation: IdInput | readonly IdInput[]
  verification: string | RichText
  location: string | RichText
}

export type WritablePropertyType = keyof PropertyInputMap
export type PropertyInput = PropertyInputMap[WritablePropertyType]

/** A property value ready for `properties.<id>`; `newOptions` are select options the schema must gain first. */
export interface EncodedProperty {
  richText: RichText
  /** Options to append to `schema.<id>.options` (same transaction, before the row write). */
  newOptions?: SelectOption[]
}
