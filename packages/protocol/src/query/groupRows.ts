import type { GroupBy } from '../endpoints/queryCollection.js'
import { codecFor } from '../properties/propertyCodecs.js'
import { QueryEvaluationError } from './queryEvaluationError.js'
import type { QueryRow } from './queryRow.js'
import { valuesOf, type CellValue } from './cellKind.js'
import type { CellReader } from './cellValue.js'

/** One group (board column): its value (`undefined` = "No <property>") and its rows, in order. */
export interface RowGroup<Row extends QueryRow = QueryRow> {
  /** `{type, value}` as the wire has it; `value` is absent for the uncategorized group. */
  value: { type: string; value?: string | boolean }
  /** Key of the group in `blockResults` and in per-group reducer names: `<type>:<label>`. */
  key: string
  rows: Row[]
}

export interface GroupOptions {
  groupBy: GroupBy
  /** `[{value:{type,value}}]` (RNX) or `[{type,value}]` (web app): the saved column order. */
  groupSortPreference?: ReadonlyArray<Record<string, unknown>> | undefined
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

/** The group keys of one cell; a multi-valued cell (tags, people) is in several groups. */
function groupValuesOf(cell: CellValue): Array<string | boolean> {
  if (cell.kind === 'checkbox') return [cell.checked]
  if (cell.kind === 'text') return cell.text.trim() === '' ? [] : [cell.text.trim()]
  return valuesOf(cell)
}

function preferenceValue(preference: Record<string, unknown>): unknown {
  const inner = preference['value']
  if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) return (inner as Record<string, unknown>)['value']
  return inner
}

/**
 * Groups rows by one property for boards and grouped views. Column order: the saved
 * `groupSortPreference` first, then the uncategorized group, the schema's options (selects), then
 * other values by `groupBy.sort` (ascending by default, first appearance for `manual`).
 * Empty option columns are kept, as the UI shows them, unless `hideEmptyGroups`.
 */
export function groupRows<Row extends QueryRow>(rows: readonly Row[], options: GroupOptions, reader: CellReader, path: string): Array<RowGroup<Row>> {
  const groupBy = typeof options.groupBy === 'string' ? { property: options.groupBy } : options.groupBy
  const property = reader.schema.get(groupBy.property)
  if (!property) throw new QueryEvaluationError(`Unknown property "${groupBy.property}"`, `${path}.groupBy.property`)
  const type = ('type' in groupBy && typeof groupBy.type === 'string' ? groupBy.type : undefined) ?? property.type

  const buckets = new Map<string | boolean | undefined, Row[]>()
  const bucket = (value: string | boolean | undefined) => {
    let list = buckets.get(value)
    if (!list) buckets.set(value, (list = []))
    return list
  }
  // Columns that exist even when empty: the codec's (a checkbox's two), else "No value" and the options.
  const columns = codecFor(property.type).groupColumns?.(property.options) ?? [undefined, ...property.options]
  for (const column of columns) bucket(column)
  const seen: Array<string | boolean> = []
  for (const row of rows) {
    const values = groupValuesOf(reader.read(row, groupBy.property))
    if (values.length === 0) bucket(undefined).push(row)
    for (const value of new Set(values)) {
      if (!buckets.has(value)) seen.push(value)
      bucket(value).push(row)
    }
  }

  const sortType = 'sort' in groupBy ? groupBy.sort?.type : undefined
  if (sortType !== 'manual') {
    seen.sort((a, b) => collator.compare(String(a), String(b)))
    if (sortType === 'descending') seen.reverse()
  }
  const defaultKeys = [...buckets.keys()].filter((key) => !seen.includes(key as string | boolean))
  const order: Array<string | boolean | undefined> = []
  for (const preference of options.groupSortPreference ?? []) {
    const value = preferenceValue(preference) as string | boolean | undefined
    if (buckets.has(value) && !order.includes(value)) order.push(value)
  }
  for (const key of [...defaultKeys, ...seen]) if (!order.includes(key)) order.push(key)

  const hideEmpty = 'hideEmptyGroups' in groupBy && groupBy.hideEmptyGroups === true
  return order
    .map((value) => ({
      value: value === undefined ? { type } : { type, value },
      key: `${type}:${value === undefined ? 'uncategorized' : String(value)}`,
      rows: buckets.get(value) ?? [],
    }))
    .filter((group) => !hideEmpty || group.rows.length > 0)
}
