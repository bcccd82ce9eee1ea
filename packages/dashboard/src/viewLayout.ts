import type { CalendarResult, CollectionSchema, CollectionView, QueryResult, RowProperties, TimelineResult } from '@notion-rx/core'
import { type RecordStore } from '@notion-rx/core/advanced'
import { EDITABLE_TYPES, cellModel, optionsOf, type SchemaEntry } from './cellModel.js'
import { chartModel } from './chartModel.js'
import { propertySlugs } from './propertySlugs.js'
import type { Aggregate, BoardGroup, Choice, Column, Row, ViewMeta, ViewSummary } from './viewModel.js'

/** A table's first rows, sent with its snapshot; the tab asks for the others as it scrolls. */
export const FIRST_WINDOW = 100

/** What a live view emits before it is laid out: the query result, and for calendars and timelines their shape. */
export type ViewSource =
  | { kind: 'query'; result: QueryResult }
  | { kind: 'calendar'; calendar: CalendarResult; month: string }
  | { kind: 'timeline'; timeline: TimelineResult }

interface CachedRow {
  value: object
  schema: CollectionSchema
  row: Row
}

interface PropertyListEntry {
  property?: unknown
  visible?: unknown
  width?: unknown
}

/** The view's visible properties in its order (`<type>_properties`), the title first on cards. */
export function viewColumns(view: CollectionView, schema: CollectionSchema, choicesOf: (property: SchemaEntry) => Choice[] | undefined = () => undefined): Column[] {
  const type = view.type ?? 'table'
  const format = (view.get('format') ?? {}) as Record<string, unknown>
  const listed = format[`${type}_properties`]
  const entries: PropertyListEntry[] = Array.isArray(listed)
    ? (listed as PropertyListEntry[])
    : Object.keys(schema).map((property) => ({ property, visible: true }))
  const columns: Column[] = []
  const seen = new Set<string>()
  const add = (id: string, width: unknown): void => {
    const property = schema[id]
    if (!property || seen.has(id)) return
    seen.add(id)
    const options = optionsOf(property)
    const choices = choicesOf(property)
    columns.push({
      id,
      name: property.name,
      type: property.type,
      width: typeof width === 'number' ? width : undefined,
      editable: EDITABLE_TYPES.has(property.type),
      ...(options.length > 0 ? { options } : {}),
      ...(choices ? { choices } : {}),
    })
  }
  const titleId = Object.keys(schema).find((id) => schema[id]?.type === 'title')
  // Cards, list items and calendar entries always show their title, first.
  if (type !== 'table' && titleId) add(titleId, undefined)
  for (const entry of entries) {
    if (typeof entry.property === 'string' && entry.visible !== false) add(entry.property, entry.width)
  }
  if (type === 'table' && titleId && !seen.has(titleId)) columns.unshift({ id: titleId, name: schema[titleId]!.name, type: 'title', width: undefined, editable: true })
  return columns
}

function aggregateText(aggregator: string, value: unknown): string {
  if (typeof value === 'number') {
    if (aggregator.startsWith('percent_')) return `${Math.round(value * 1000) / 10}%`
    return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100)
  }
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && 'start_date' in value) return String((value as { start_date: unknown }).start_date)
  return String(value)
}

/** The view's saved aggregations (`query2.aggregations`) with the values the query computed. */
function aggregates(view: CollectionView, schema: CollectionSchema, result: QueryResult): Aggregate[] {
  const saved = view.query2?.['aggregations']
  if (!Array.isArray(saved)) return []
  return saved.flatMap((entry) => {
    const { property, aggregator } = (entry ?? {}) as { property?: unknown; aggregator?: unknown }
    if (typeof aggregator !== 'string') return []
    const id = typeof property === 'string' && schema[property] ? property : undefined
    const name = `${id ?? 'rows'}:${aggregator}`
    if (!(name in result.aggregates)) return []
    return [{ property: id ?? '', aggregator, text: aggregateText(aggregator, result.aggregate(name)) }]
  })
}

/** The property a board groups by (`query2.group_by`, else `format.board_columns_by.property`). */
export function groupPropertyOf(view: CollectionView): string | undefined {
  const groupBy = view.query2?.['group_by']
  if (typeof groupBy === 'string') return groupBy
  const columnsBy = (view.get('format') as { board_columns_by?: { property?: unknown } } | undefined)?.board_columns_by?.property
  return typeof columnsBy === 'string' ? columnsBy : undefined
}

function boardGroups(view: CollectionView, property: SchemaEntry, result: QueryResult): BoardGroup[] {
  const colors = new Map(optionsOf(property).map((option) => [option.value, option.color]))
  const byValue = new Map<string | null, BoardGroup>()
  for (const group of result.groups ?? []) {
    const value = typeof group.value === 'string' && group.value !== '' ? group.value : null
    byValue.set(value, { value, color: (value && colors.get(value)) ?? 'default', ids: [...group.ids], total: group.total ?? group.ids.length })
  }
  // The view's column order; hidden columns stay hidden, unlisted groups come after.
  const format = (view.get('format') ?? {}) as { board_columns?: unknown }
  const ordered: BoardGroup[] = []
  const placed = new Set<string | null>()
  for (const column of Array.isArray(format.board_columns) ? format.board_columns : []) {
    const { value, hidden } = (column ?? {}) as { value?: { value?: unknown }; hidden?: unknown }
    const key = typeof value?.value === 'string' ? value.value : null
    placed.add(key)
    if (hidden === true) continue
    ordered.push(byValue.get(key) ?? { value: key, color: (key && colors.get(key)) ?? 'default', ids: [], total: 0 })
  }
  for (const [key, group] of byValue) if (key !== null && !placed.has(key) && group.ids.length > 0) ordered.push(group)
  // Rows without a value: Notion's "No <property>" column, first.
  const empty = byValue.get(null)
  if (empty && !placed.has(null) && empty.ids.length > 0) ordered.unshift(empty)
  return ordered
}

/** Whether a view's rows travel in windows (tables) rather than all with the snapshot. */
export function isWindowed(viewType: string): boolean {
  return viewType === 'table'
}

/**
 * Lays a live view's result out as Notion does for its type. Rows are cached per stored value, so
 * an update lays out again only the rows that changed. A table lays out its first rows and those
 * a tab asked for (`rows(ids)`); the other types show every row, so they lay out every row.
 */
export class ViewLayout {
  readonly #store: RecordStore
  readonly #view: CollectionView
  readonly #choicesOf: (property: SchemaEntry) => Choice[] | undefined
  readonly #rows = new Map<string, CachedRow>()
  #last: { schema: CollectionSchema; slugs: Map<string, string>; values: Map<string, RowProperties> } | undefined

  constructor(store: RecordStore, view: CollectionView, choicesOf: (property: SchemaEntry) => Choice[] | undefined = () => undefined) {
    this.#store = store
    this.#view = view
    this.#choicesOf = choicesOf
  }

  layout(source: ViewSource): { meta: ViewMeta; order: string[]; rows: Record<string, Row> } {
    const view = this.#view
    const collection = view.collection!
    const schema = collection.schema
    const slugs = propertySlugs(schema)
    const result = source.kind === 'query' ? source.result : source.kind === 'calendar' ? source.calendar.result : source.timeline.result
    const values = new Map<string, RowProperties>()
    result.ids.forEach((id, index) => values.set(id, result.values[index] ?? {}))
    this.#last = { schema, slugs, values }
    for (const id of this.#rows.keys()) if (!values.has(id)) this.#rows.delete(id)
    const windowed = isWindowed(view.type ?? 'table')
    // A table: its first rows, and every row a tab has seen (kept up to date); other types: all.
    const shown = windowed ? new Set([...result.ids.slice(0, FIRST_WINDOW), ...this.#rows.keys()]) : result.ids
    const rows: Record<string, Row> = {}
    for (const id of shown) rows[id] = this.#row(id, schema, slugs, values.get(id) ?? {})
    const views: ViewSummary[] = collection.views.map((each) => ({ id: each.id, name: each.name || each.type || 'View', type: each.type ?? 'table' }))
    const groupProperty = view.type === 'board' ? groupPropertyOf(view) : undefined
    const meta: ViewMeta = {
      databaseTitle: collection.name || 'Untitled',
      collectionId: collection.id,
      view: { id: view.id, name: view.name || 'View', type: view.type ?? 'table' },
      views,
      columns: viewColumns(view, schema, this.#choicesOf),
      total: result.total,
      aggregates: aggregates(view, schema, result),
    }
    const chart = chartModel(this.#store, schema, groupProperty ?? groupPropertyOf(view), result.values)
    if (chart) meta.chart = chart
    if (groupProperty && schema[groupProperty]) {
      meta.groupProperty = groupProperty
      meta.groupName = schema[groupProperty].name
      meta.groups = boardGroups(view, schema[groupProperty], result)
    }
    if (source.kind === 'calendar') {
      meta.month = source.month
      meta.days = [...source.calendar.days].map(([day, entries]) => ({ day, ids: entries.map((entry) => entry.id) }))
    }
    if (source.kind === 'timeline') {
      meta.bars = source.timeline.entries.map((entry) => ({ id: entry.id, start: entry.startDay, end: entry.endDay }))
      meta.undated = source.timeline.undated.map((entry) => entry.id)
    }
    return { meta, order: [...result.ids], rows }
  }

  /** Lays out rows of the last result a tab asked for (ids not in it are left out); later layouts keep them up to date. */
  rows(ids: readonly string[]): Record<string, Row> {
    const last = this.#last
    const rows: Record<string, Row> = {}
    if (!last) return rows
    for (const id of ids) {
      const values = last.values.get(id)
      if (values) rows[id] = this.#row(id, last.schema, last.slugs, values)
    }
    return rows
  }

  #row(id: string, schema: CollectionSchema, slugs: Map<string, string>, values: RowProperties): Row {
    const value = this.#store.get('block', id)?.value
    const cached = this.#rows.get(id)
    if (cached && value && cached.value === value && cached.schema === schema) return cached.row
    const stored = (value?.['properties'] ?? {}) as Record<string, unknown>
    const cells: Row['cells'] = {}
    for (const [propertyId, property] of Object.entries(schema)) {
      const slug = slugs.get(propertyId)
      if (!slug) continue
      cells[propertyId] = cellModel(this.#store, property, values[slug] as never, stored[propertyId])
    }
    const row: Row = { id, cells }
    if (value) this.#rows.set(id, { value, schema, row })
    return row
  }
}
