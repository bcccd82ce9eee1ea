import type { CollectionSchema, PropertyDate, PropertyValue } from '@notion-rx/core'
import type { RecordStore } from '@notion-rx/core/advanced'
import { pageTitle, richTextSpans, userName } from './richTextSpans.js'
import type { Cell, SelectOption } from './viewModel.js'

/** One entry of a database schema. */
export type SchemaEntry = CollectionSchema[string]

/** Property types the dashboard writes back (through `row.setProp`). */
export const EDITABLE_TYPES: ReadonlySet<string> = new Set([
  'title', 'text', 'number', 'select', 'status', 'multi_select', 'checkbox', 'url', 'email', 'phone_number', 'date', 'person', 'relation',
])

const RICH_TEXT_TYPES = new Set(['title', 'text'])
const LINK_TYPES = new Set(['url', 'email', 'phone_number'])

export function optionsOf(property: SchemaEntry): SelectOption[] {
  const options = (property as { options?: unknown }).options
  if (!Array.isArray(options)) return []
  return options.flatMap((option) => {
    const { value, color } = (option ?? {}) as { value?: unknown; color?: unknown }
    return typeof value === 'string' ? [{ value, color: typeof color === 'string' ? color : 'default' }] : []
  })
}

export function dateLabel(date: PropertyDate): string {
  return date.end ? `${date.start} → ${date.end}` : date.start
}

function optionCell(property: SchemaEntry, values: readonly string[]): Cell {
  const known = new Map(optionsOf(property).map((option) => [option.value, option.color]))
  return { kind: 'select', options: values.map((value) => ({ value, color: known.get(value) ?? 'default' })) }
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000)
}

/** Anything computed (formulas, rollups, times) as text. */
function scalarText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 16).replace('T', ' ')
  if (typeof value === 'number') return formatNumber(value)
  if (typeof value === 'string' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return value.map(scalarText).join(', ')
  if (typeof value === 'object' && 'start' in value) return dateLabel(value as PropertyDate)
  return ''
}

/**
 * A row's cell ready to render: text-like cells keep their rich text (read from the stored value,
 * so bold and links survive); the others come from the decoded value.
 */
export function cellModel(store: RecordStore, property: SchemaEntry, value: PropertyValue, raw: unknown): Cell {
  const type = property.type
  if (RICH_TEXT_TYPES.has(type)) return { kind: 'text', spans: richTextSpans(store, raw) }
  if (LINK_TYPES.has(type)) return typeof value === 'string' && value !== '' ? { kind: 'url', text: value } : { kind: 'empty' }
  switch (type) {
    case 'number':
      return { kind: 'number', value: typeof value === 'number' ? value : null, text: typeof value === 'number' ? formatNumber(value) : '' }
    case 'select':
    case 'status':
      return optionCell(property, typeof value === 'string' && value !== '' ? [value] : [])
    case 'multi_select':
      return optionCell(property, Array.isArray(value) ? (value as string[]) : [])
    case 'checkbox':
      return { kind: 'checkbox', checked: value === true }
    case 'date': {
      const date = value as PropertyDate | null
      return date ? { kind: 'date', text: dateLabel(date), start: date.start.slice(0, 10), end: date.end?.slice(0, 10) ?? null } : { kind: 'empty' }
    }
    case 'person': {
      const ids = Array.isArray(value) ? (value as string[]) : []
      return { kind: 'people', names: ids.map((id) => userName(store, id)), ids }
    }
    case 'created_by':
    case 'last_edited_by':
      return typeof value === 'string' ? { kind: 'people', names: [userName(store, value)], ids: [value] } : { kind: 'empty' }
    case 'relation': {
      const ids = Array.isArray(value) ? (value as string[]) : []
      return { kind: 'pages', titles: ids.map((id) => pageTitle(store, id)), ids }
    }
    case 'file':
      return { kind: 'files', files: Array.isArray(value) ? (value as { name: string; url: string }[]).map(({ name, url }) => ({ name, url })) : [] }
    default: {
      const text = scalarText(value)
      return text === '' ? { kind: 'empty' } : { kind: 'text', spans: [{ text }] }
    }
  }
}
