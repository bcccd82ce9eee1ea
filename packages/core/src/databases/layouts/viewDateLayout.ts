import type { CollectionSchema, SchemaProperty } from '../properties/collectionSchema.js'
import { ViewLayoutError } from './viewLayoutError.js'

export type ViewLayoutKind = 'calendar' | 'timeline'

/** The parts of a `collection_view` record `viewDateLayout` reads. */
export interface ViewLayoutSource {
  readonly id: string
  readonly type?: unknown
  readonly query2?: unknown
  /** The pre-2021 query, where notion-py read `calendar_by`. */
  readonly query?: unknown
}

/** Which properties a calendar or timeline view lays its rows out by. */
export interface ViewDateLayout {
  readonly kind: ViewLayoutKind
  /** Calendars: `query2.calendar_by`; timelines: `query2.timeline_by` (where each bar starts). */
  readonly property: SchemaProperty
  /** Timelines: `query2.timeline_by_end` (where each bar ends), when the view has one. */
  readonly endProperty: SchemaProperty | undefined
  /**
   * `view`: the view names the property. `schema`: it names none, or one the schema no longer has
   * as a date, so the first date property of the schema is used (as `views.addNew` picks it).
   */
  readonly source: 'view' | 'schema'
}

const FALLBACK_TYPES: readonly string[] = ['date', 'created_time', 'last_edited_time']

function field(container: unknown, key: string): string | undefined {
  if (container === null || typeof container !== 'object') return undefined
  const value = (container as Record<string, unknown>)[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** Types a calendar or timeline can lay rows out by: dates, creation/edit times, date formulas. */
export function isDateProperty(property: Pick<SchemaProperty, 'type' | 'formula'>): boolean {
  if (FALLBACK_TYPES.includes(property.type)) return true
  return property.type === 'formula' && property.formula?.['result_type'] === 'date'
}

function dateProperty(schema: CollectionSchema, id: string | undefined): SchemaProperty | undefined {
  const property = id !== undefined && Object.hasOwn(schema, id) ? schema[id] : undefined
  return property && isDateProperty(property) ? { ...property, id: id! } : undefined
}

/**
 * The date properties of a calendar or timeline view. The view's own choice is read from
 * `query2.calendar_by` (else the legacy `query.calendar_by`), or `query2.timeline_by` and
 * `query2.timeline_by_end`; when the view names none that the schema has as a date (a view
 * `views.addNew` made before the database had a date property), the first `date`,
 * `created_time` or `last_edited_time` property in schema order is used.
 * @throws ViewLayoutError `wrong_view_type` for a view of another type; `no_date_property` when
 * the schema has no date property at all.
 */
export function viewDateLayout(view: ViewLayoutSource, schema: CollectionSchema, kind: ViewLayoutKind): ViewDateLayout {
  const viewType = typeof view.type === 'string' ? view.type : undefined
  const details = { viewId: view.id, viewType, expected: kind }
  const method = kind === 'calendar' ? 'calendar()' : 'timeline()'
  if (viewType !== kind) {
    const other = kind === 'calendar' ? 'timeline() reads timeline views' : 'calendar() reads calendar views'
    const what = viewType === undefined ? 'has no type (is the view loaded? use client.getCollectionView)' : `is a ${viewType} view`
    throw new ViewLayoutError('wrong_view_type', `View ${view.id} ${what}; ${method} needs a ${kind} view (${other}; query() and defaultQuery() read any view)`, details)
  }
  const named = kind === 'calendar' ? (field(view.query2, 'calendar_by') ?? field(view.query, 'calendar_by')) : field(view.query2, 'timeline_by')
  const own = dateProperty(schema, named)
  const fallbackId = Object.entries(schema).find(([, property]) => FALLBACK_TYPES.includes(property.type))?.[0]
  const property = own ?? dateProperty(schema, fallbackId)
  if (!property) {
    const by = kind === 'calendar' ? 'query2.calendar_by' : 'query2.timeline_by'
    throw new ViewLayoutError(
      'no_date_property',
      `${kind === 'calendar' ? 'Calendar' : 'Timeline'} view ${view.id} has no date property to lay rows out by: ${by} is ${named === undefined ? 'unset' : `${JSON.stringify(named)}, not a date property of the schema`}, and the schema has no date, created_time or last_edited_time property. Add one (collection.addProperty(name, 'date'))`,
      details,
    )
  }
  const end = kind === 'timeline' ? dateProperty(schema, field(view.query2, 'timeline_by_end')) : undefined
  return { kind, property, endProperty: end && end.id !== property.id ? end : undefined, source: own ? 'view' : 'schema' }
}
