import type { QueryRow } from './queryRow.js'
import { dayInZone, isCalendarDay, type CalendarDay } from './calendarDay.js'
import { formulaCell, MAX_CELL_DEPTH, type CellDecoder, type ComputedRollup } from './formulaCell.js'
import type { QuerySchema, QuerySchemaProperty } from './querySchema.js'
import type { RelatedRowLookup } from './relatedRow.js'
import { rollupCells } from './rollupCells.js'
import { cellOf, dateMentionsOf, mentionIds, plainText, segmentsOf } from './storedCell.js'

/** A date cell: its first (and last) day, and an instant for sorting. */
export interface DateCell {
  startDay: CalendarDay
  endDay: CalendarDay | undefined
  /** Epoch ms of the start (wall-clock time read as UTC for `d` dates): only used to order rows. */
  start: number
}

/** A row's property decoded by its schema type. */
export type CellValue =
  | { kind: 'text'; text: string }
  | { kind: 'number'; number: number | undefined }
  | { kind: 'checkbox'; checked: boolean }
  /** select, multi_select, status, file names: the values as shown. */
  | { kind: 'list'; values: string[] }
  /** person, relation, created_by, last_edited_by: record ids. */
  | { kind: 'ids'; ids: string[] }
  | { kind: 'date'; date: DateCell | undefined }

const EMPTY_TEXT: CellValue = { kind: 'text', text: '' }

export interface DecodeCellOptions {
  /** Finds the rows relations point at; without it, rollups read as empty text. */
  related?: RelatedRowLookup | undefined
  /** Formulas and rollups followed to reach this cell. */
  depth?: number | undefined
  /** Formula and rollup properties being computed on the way here: one reached again reads as empty. */
  visiting?: ReadonlySet<QuerySchemaProperty> | undefined
  /** What formulas' `now()` returns. @default the time of evaluation */
  now?: Date | undefined
}

function dateFromMention(raw: unknown): DateCell | undefined {
  for (const { start_date, start_time, end_date } of dateMentionsOf(raw)) {
    if (!isCalendarDay(start_date)) continue
    const time = typeof start_time === 'string' && /^\d{2}:\d{2}$/.test(start_time) ? start_time : '00:00'
    return {
      startDay: start_date,
      endDay: isCalendarDay(end_date) ? end_date : undefined,
      start: Date.parse(`${start_date}T${time}:00Z`),
    }
  }
  return undefined
}

function dateFromMs(value: unknown, timeZone: string): DateCell | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined
  return { startDay: dayInZone(value, timeZone), endDay: undefined, start: value }
}

function userIdField(row: QueryRow, field: 'created_by' | 'last_edited_by'): string[] {
  // Notion writes `<field>_id`; notion-py (a known bug) wrote `<field>` itself.
  const id = row.value[`${field}_id`] ?? row.value[field]
  return typeof id === 'string' ? [id] : []
}

/**
 * A rollup from the related rows `options.related` finds (rows it cannot find are left out):
 * their target cells, decoded with their own schema, then `rollupCells`; with the related cell its
 * value comes from. `undefined` without a lookup, for an aggregation notion-rx does not know, and
 * for a rollup that reaches itself again through rollups of rollups.
 */
function computeRollup(row: QueryRow, property: QuerySchemaProperty, schema: QuerySchema, timeZone: string, options: DecodeCellOptions): ComputedRollup | undefined {
  const { related, depth = 0, visiting } = options
  const settings = property.rollup
  if (!settings?.aggregation || !related || depth >= MAX_CELL_DEPTH || visiting?.has(property)) return undefined
  const { relationProperty, targetProperty, aggregation } = settings
  const relation = relationProperty === undefined ? undefined : schema.get(relationProperty)
  const pageIds = relation?.type === 'relation' ? mentionIds(cellOf(row, relationProperty!), 'p') : []
  const inner: DecodeCellOptions = { ...options, depth: depth + 1, visiting: new Set(visiting).add(property) }
  const cells: CellValue[] = []
  const sources: ComputedRollup['source'][] = []
  for (const pageId of pageIds) {
    const found = related(pageId)
    if (!found) continue
    const target = targetProperty === undefined ? undefined : found.schema.get(targetProperty)
    cells.push(target ? decodeCell(found.row, targetProperty!, target, found.schema, timeZone, inner) : EMPTY_TEXT)
    sources.push(target && { row: found.row, propertyId: targetProperty!, property: target, schema: found.schema })
  }
  const { cell, source } = rollupCells(cells, aggregation)
  return { cell, source: source === undefined ? undefined : sources[source] }
}

/** How formulas read the row's other cells (see `formulaCell`). */
const DECODER: CellDecoder = { cell: decodeCell, rollup: computeRollup }

/**
 * Decodes one cell. Formulas are computed from their AST over the row's other cells, as Notion's
 * clients compute them (see `formulaCell`); rollups from the related rows `options.related`
 * finds (see `computeRollup`), and read as empty text when they cannot be computed.
 */
export function decodeCell(
  row: QueryRow,
  propertyId: string,
  property: QuerySchemaProperty,
  schema: QuerySchema,
  timeZone: string,
  options: DecodeCellOptions = {},
): CellValue {
  const raw = cellOf(row, propertyId)
  switch (property.type) {
    case 'title':
    case 'text':
    case 'url':
    case 'email':
    case 'phone_number':
      return { kind: 'text', text: plainText(raw) }
    case 'number': {
      const text = plainText(raw).trim()
      const number = text === '' ? Number.NaN : Number(text)
      return { kind: 'number', number: Number.isFinite(number) ? number : undefined }
    }
    case 'checkbox':
      return { kind: 'checkbox', checked: plainText(raw).trim() === 'Yes' }
    case 'select':
    case 'status': {
      const value = plainText(raw).trim()
      return { kind: 'list', values: value === '' ? [] : [value] }
    }
    case 'multi_select':
      return {
        kind: 'list',
        values: plainText(raw)
          .split(',')
          .map((value) => value.trim())
          .filter((value) => value !== ''),
      }
    case 'file':
      return {
        kind: 'list',
        values: segmentsOf(raw).flatMap((segment) =>
          typeof segment[0] === 'string' && segment[0] !== ',' && segment[0] !== '' ? [segment[0]] : [],
        ),
      }
    case 'person':
      return { kind: 'ids', ids: mentionIds(raw, 'u') }
    case 'relation':
      return { kind: 'ids', ids: mentionIds(raw, 'p') }
    case 'date':
      return { kind: 'date', date: dateFromMention(raw) }
    case 'created_time':
    case 'last_edited_time':
      return { kind: 'date', date: dateFromMs(row.value[property.type], timeZone) }
    case 'created_by':
    case 'last_edited_by':
      return { kind: 'ids', ids: userIdField(row, property.type) }
    case 'formula':
      return formulaCell(row, property, schema, timeZone, options, DECODER)
    case 'rollup':
      return computeRollup(row, property, schema, timeZone, options)?.cell ?? EMPTY_TEXT
    default:
      return { kind: 'text', text: plainText(raw) }
  }
}

export function isEmptyValue(value: CellValue): boolean {
  switch (value.kind) {
    case 'text':
      return value.text.trim() === ''
    case 'number':
      return value.number === undefined
    case 'checkbox':
      return !value.checked
    case 'list':
      return value.values.length === 0
    case 'ids':
      return value.ids.length === 0
    case 'date':
      return value.date === undefined
  }
}

/** The values a cell holds, as strings: one per tag, person or page; none when empty. */
export function valuesOf(value: CellValue): string[] {
  switch (value.kind) {
    case 'text':
      return value.text.trim() === '' ? [] : [value.text]
    case 'number':
      return value.number === undefined ? [] : [String(value.number)]
    case 'checkbox':
      return [value.checked ? 'Yes' : 'No']
    case 'list':
      return value.values
    case 'ids':
      return value.ids
    case 'date':
      return value.date ? [value.date.startDay] : []
  }
}

/** The cell as one string, for text operators and search. */
export function textOf(value: CellValue): string {
  return value.kind === 'text' ? value.text : valuesOf(value).join(', ')
}

export interface CellReaderOptions {
  /** Finds the rows relations point at, so rollups are computed; without it they read as empty. */
  related?: RelatedRowLookup | undefined
  /** What formulas' `now()` returns (the emulator's clock). @default the time of evaluation */
  now?: Date | undefined
}

/**
 * Decodes cells on demand and remembers them per row value (filters, sorts and reducers share
 * them). Keyed by the value object, not the id: a row changed since is a new object, decoded anew.
 * A rollup is remembered with its row too, so a reader with `related` is for one evaluation: a
 * change to a related row does not reach cells it already read.
 */
export class CellReader {
  readonly schema: QuerySchema
  readonly timeZone: string
  readonly #related: RelatedRowLookup | undefined
  readonly #now: Date | undefined
  readonly #cache = new WeakMap<object, Map<string, CellValue>>()

  constructor(schema: QuerySchema, timeZone: string, options: CellReaderOptions = {}) {
    this.schema = schema
    this.timeZone = timeZone
    this.#related = options.related
    this.#now = options.now
  }

  /** The decoded cell; the caller has checked that `propertyId` is in the schema. */
  read(row: QueryRow, propertyId: string): CellValue {
    let cells = this.#cache.get(row.value)
    if (!cells) {
      cells = new Map()
      this.#cache.set(row.value, cells)
    }
    let value = cells.get(propertyId)
    if (!value) {
      const property = this.schema.get(propertyId)
      value = property ? decodeCell(row, propertyId, property, this.schema, this.timeZone, { related: this.#related, now: this.#now }) : EMPTY_TEXT
      cells.set(propertyId, value)
    }
    return value
  }

  typeOf(propertyId: string): string | undefined {
    return this.schema.get(propertyId)?.type
  }
}
