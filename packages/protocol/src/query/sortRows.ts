import type { QuerySort } from '../endpoints/queryCollection.js'
import { QueryEvaluationError } from './queryEvaluationError.js'
import type { QueryRow } from './queryRow.js'
import { isEmptyValue, textOf, type CellValue } from './cellKind.js'
import type { CellReader } from './cellValue.js'

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

/** Orders two rows: negative when `a` comes first. */
export type RowComparator = (a: QueryRow, b: QueryRow) => number

/**
 * The view's own order: `page_sort` first (the order rows were added or dragged into), then rows it
 * does not list by `created_time`, then by id so the order is total.
 */
export function defaultOrderComparator(pageSort: readonly string[]): RowComparator {
  const position = new Map(pageSort.map((id, index) => [id, index]))
  const createdTime = (row: QueryRow) => (typeof row.value['created_time'] === 'number' ? row.value['created_time'] : 0)
  return (a, b) => {
    const pa = position.get(a.id) ?? Number.POSITIVE_INFINITY
    const pb = position.get(b.id) ?? Number.POSITIVE_INFINITY
    if (pa !== pb) return pa < pb ? -1 : 1
    return createdTime(a) - createdTime(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  }
}

/** Rows in the view's own order (see `defaultOrderComparator`). */
export function defaultOrder<Row extends QueryRow>(rows: readonly Row[], pageSort: readonly string[]): Row[] {
  return [...rows].sort(defaultOrderComparator(pageSort))
}

/** Orders two non-empty cells of the same column. Selects sort by option order, as in the UI. */
function compareCells(a: CellValue, b: CellValue, options: readonly string[]): number {
  if (a.kind === 'number' && b.kind === 'number') return (a.number ?? 0) - (b.number ?? 0)
  if (a.kind === 'checkbox' && b.kind === 'checkbox') return Number(a.checked) - Number(b.checked)
  if (a.kind === 'date' && b.kind === 'date') return (a.date?.start ?? 0) - (b.date?.start ?? 0)
  if (a.kind === 'list' && b.kind === 'list' && options.length > 0) {
    for (let i = 0; i < Math.max(a.values.length, b.values.length); i++) {
      const ia = a.values[i] === undefined ? -1 : options.indexOf(a.values[i]!)
      const ib = b.values[i] === undefined ? -1 : options.indexOf(b.values[i]!)
      if (ia !== ib) return (ia === -1 ? options.length : ia) - (ib === -1 ? options.length : ib) || collator.compare(a.values[i] ?? '', b.values[i] ?? '')
    }
    return 0
  }
  return collator.compare(textOf(a), textOf(b))
}

function checkSorts(sorts: ReadonlyArray<Pick<QuerySort, 'property'>>, reader: CellReader, path: string): void {
  sorts.forEach((sort, index) => {
    if (!reader.schema.has(sort.property)) throw new QueryEvaluationError(`Unknown property "${sort.property}"`, `${path}.${index}.property`)
  })
}

/**
 * Orders rows by `[{property, direction}]`, earlier sorts first; 0 when every sort ties. Empty
 * cells go last in either direction (checkboxes are never empty here). Unknown property ids are a
 * QueryEvaluationError naming them.
 */
export function sortComparator(sorts: ReadonlyArray<Pick<QuerySort, 'property' | 'direction'>>, reader: CellReader, path = 'loader.sort'): RowComparator {
  checkSorts(sorts, reader, path)
  return (x, y) => {
    for (const { property, direction } of sorts) {
      const a = reader.read(x, property)
      const b = reader.read(y, property)
      const emptyA = a.kind !== 'checkbox' && isEmptyValue(a)
      const emptyB = b.kind !== 'checkbox' && isEmptyValue(b)
      if (emptyA !== emptyB) return emptyA ? 1 : -1
      if (emptyA) continue
      const order = compareCells(a, b, reader.schema.get(property)?.options ?? [])
      if (order !== 0) return direction === 'descending' ? -order : order
    }
    return 0
  }
}

/** Sorts rows by `sorts` (see `sortComparator`); ties keep the incoming order, which is the default order. */
export function sortRows<Row extends QueryRow>(
  rows: readonly Row[],
  sorts: readonly QuerySort[] | null | undefined,
  reader: CellReader,
  path = 'loader.sort',
): Row[] {
  if (!sorts || sorts.length === 0) return [...rows]
  const compare = sortComparator(sorts, reader, path)
  const indexed = rows.map((row, index) => ({ row, index }))
  indexed.sort((x, y) => compare(x.row, y.row) || x.index - y.index)
  return indexed.map(({ row }) => row)
}
