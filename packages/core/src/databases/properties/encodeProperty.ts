import { randomUUID } from 'node:crypto'
import {
  MENTION_PLACEHOLDER,
  plainTextToRichText,
  richTextSchema,
  type KnownPropertyType,
  type RichText,
  type RichTextSegment,
  type SelectOption,
} from '@notion-rx/protocol'
import type { SchemaProperty } from './collectionSchema.js'
import type { PropertyCodecOptions } from './propertyCodecOptions.js'
import { DateInputError, toNotionDate, type PropertyDateInput } from './propertyDate.js'
import { PropertyValueError } from './propertyValueError.js'
import type { WritablePropertyType } from './propertyValueMap.js'

/** A property value ready for `properties.<id>`; `newOptions` are select options the schema must gain first. */
export interface EncodedProperty {
  richText: RichText
  /** Options to append to `schema.<id>.options` (same transaction, before the row write). */
  newOptions?: SelectOption[]
}

/** The stored form of an empty cell: `[]` everywhere (the emulator's `is_empty` and Notion read it so), `No` for checkboxes. */
const CLEARED: EncodedProperty = { richText: [] }
const UNCHECKED: EncodedProperty = { richText: [['No']] }

const READ_ONLY: ReadonlySet<string> = new Set<KnownPropertyType>([
  'formula',
  'rollup',
  'created_time',
  'last_edited_time',
  'created_by',
  'last_edited_by',
  'auto_increment_id',
  'unique_id',
  'button',
])

const ACCEPTS: Readonly<Record<WritablePropertyType, string>> = {
  title: 'a string or rich text',
  text: 'a string or rich text',
  number: 'a finite number',
  select: 'an option value (a string without commas)',
  status: 'an option value (a string without commas)',
  multi_select: 'an option value or a list of them (strings without commas)',
  date: "a Date, a 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm' string, or {start, end?, includeTime?, timeZone?, reminder?}",
  person: 'a user id, a user, or a list of them',
  file: 'a URL, {url, name?}, or a list of them',
  checkbox: 'a boolean',
  url: 'a string',
  email: 'a string',
  phone_number: 'a string',
  relation: 'a page id, a page, or a list of them',
  verification: 'a string or rich text',
  location: 'a string or rich text',
}

function isCleared(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value]
}

/** `[seg, [","], seg, [","], ...]`: how Notion separates mentions and files in one cell. */
function commaJoined(segments: RichTextSegment[]): RichText {
  return segments.flatMap((segment, index) => (index === 0 ? [segment] : [[','] as RichTextSegment, segment]))
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (value !== null && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id
  return undefined
}

function fileName(url: string): string {
  try {
    const path = new URL(url).pathname
    const last = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1))
    return last === '' ? url : last
  } catch {
    return url.slice(url.lastIndexOf('/') + 1) || url
  }
}

/**
 * Writes a JS value as the stored form of a property (see `PropertyInputMap` for what each type
 * takes). `null`, `undefined`, `''` and `[]` clear any writable property.
 *
 * Select, status and multi-select values are matched to the schema's options without regard to
 * case (the option's own spelling is written); unknown values come back as `newOptions` (colour
 * `default`), for the caller to add to the schema in the same transaction.
 * @throws PropertyValueError (`invalid_value`) for a value of the wrong kind, (`read_only`) for computed types.
 * @example encodeProperty(tags, ['A', 'Z']) // { richText: [['A,Z']], newOptions: [{ id, value: 'Z', color: 'default' }] }
 */
export function encodeProperty(property: SchemaProperty, value: unknown, options: PropertyCodecOptions = {}): EncodedProperty {
  const type = property.type
  const details = { propertyId: property.id, propertyName: property.name, propertyType: type }
  if (READ_ONLY.has(type)) {
    throw new PropertyValueError('read_only', { ...details, accepts: 'Notion computes it, so it cannot be written', value })
  }
  const accepts = Object.hasOwn(ACCEPTS, type) ? ACCEPTS[type as WritablePropertyType] : 'a string or rich text'
  const invalid = (given: unknown = value) => new PropertyValueError('invalid_value', { ...details, accepts, value: given })
  if (isCleared(value)) return type === 'checkbox' ? UNCHECKED : CLEARED

  switch (type as WritablePropertyType) {
    case 'title':
    case 'text':
    case 'verification':
    case 'location': {
      if (typeof value === 'string') return { richText: (options.stringToRichText ?? plainTextToRichText)(value) }
      const parsed = richTextSchema.safeParse(value)
      if (!parsed.success) throw invalid()
      return { richText: parsed.data }
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid()
      return { richText: [[String(value)]] }
    case 'checkbox':
      if (typeof value !== 'boolean') throw invalid()
      return value ? { richText: [['Yes']] } : UNCHECKED
    case 'url':
    case 'email':
    case 'phone_number':
      if (typeof value !== 'string') throw invalid()
      return { richText: [[value, [['a', value]]]] }
    case 'select':
    case 'status':
    case 'multi_select': {
      if (type !== 'multi_select' && typeof value !== 'string') throw invalid()
      const wanted = listOf(value)
      // Multi-select cells are one comma-joined string: a comma inside an option cannot be stored.
      if (!wanted.every((item) => typeof item === 'string' && item.trim() !== '' && !item.includes(','))) throw invalid()
      const known = property.options ?? []
      const newOptions: SelectOption[] = []
      const values: string[] = []
      for (const item of wanted as string[]) {
        const text = item.trim()
        const match = [...known, ...newOptions].find((option) => option.value.toLowerCase() === text.toLowerCase())
        if (!match) newOptions.push({ id: (options.newOptionId ?? randomUUID)(), value: text, color: 'default' })
        const stored = match?.value ?? text
        if (!values.includes(stored)) values.push(stored)
      }
      const richText: RichText = [[values.join(',')]]
      return newOptions.length > 0 ? { richText, newOptions } : { richText }
    }
    case 'date':
      try {
        return { richText: [[MENTION_PLACEHOLDER, [['d', toNotionDate(withDefaultZone(value as PropertyDateInput, options.timeZone))]]]] }
      } catch (error) {
        if (error instanceof DateInputError) throw invalid()
        throw error
      }
    case 'person':
    case 'relation': {
      const code = type === 'person' ? 'u' : 'p'
      const ids = listOf(value).map((item) => idOf(item) ?? (() => { throw invalid(item) })())
      return { richText: commaJoined([...new Set(ids)].map((id) => [MENTION_PLACEHOLDER, [[code, id]]])) }
    }
    case 'file': {
      const segments = listOf(value).map((item): RichTextSegment => {
        const file = typeof item === 'string' ? { url: item } : (item as { url?: unknown; name?: unknown } | null)
        if (!file || typeof file.url !== 'string' || file.url.trim() === '' || (file.name !== undefined && typeof file.name !== 'string')) throw invalid(item)
        return [typeof file.name === 'string' && file.name !== '' ? file.name : fileName(file.url), [['a', file.url]]]
      })
      return { richText: commaJoined(segments) }
    }
    default: {
      // Types newer than notion-rx: text in, text out, as notion-py did for raw values.
      if (typeof value === 'string') return { richText: [[value]] }
      const parsed = richTextSchema.safeParse(value)
      if (!parsed.success) throw invalid()
      return { richText: parsed.data }
    }
  }
}

/** `options.timeZone` applies to `Date` inputs that name no zone of their own. */
function withDefaultZone(value: PropertyDateInput, timeZone: string | undefined): PropertyDateInput {
  if (timeZone === undefined) return value
  if (value instanceof Date || typeof value === 'string') return { start: value, timeZone }
  if (value === null || typeof value !== 'object') return value
  return value.timeZone === undefined ? { ...value, timeZone } : value
}

