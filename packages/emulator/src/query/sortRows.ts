import type { QuerySort } from '@notion-rx/protocol'
import { validationError } from '../apiError.js'
import type { StoredRecord } from '../recordRepository.js'
import { isEmptyValue, textOf, type PropertyReader, type PropertyValue } from './propertyValue.js'

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

/**
 * Rows in the view's own order: `page_sort` first (the order rows were added or dragged into),
 * then rows it does not list by `created_time`, then by id so the order is stable.
 */
export function defaultOrder(rows: readonly StoredRecord[], pageSort: readonly string[]): StoredRecord[] {
  const position = new Map(pageSort.map((id, index) => [id, index]))
  const createdTime = (row: StoredRecord) => (typeof row.value['created_time'] === 'number' ? row.value['created_time'] : 0)
  return [...rows].sort((a, b) => {
    const pa = position.get(a.id) ?? Number.POSITIVE_INFINITY
    const pb = position.get(b.id) ?? Number.POSITIVE_INFINITY
    if (pa !== pb) return pa < pb ? -1 : 1
    return createdTime(a) - createdTime(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  })
}

/** Orders two non-empty cells of the same column. Selects sort by option order, as in the UI. */
function compareCells(a: PropertyValue, b: PropertyValue, options: readonly string[]): number {
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

/**
 * Sorts rows by `[{property, direction}]`, earlier sorts first. Empty cells go last in either
 * direction (checkboxes are never empty here); ties keep the incoming order, which is the
 * default order. Unknown property ids are a 400 naming them.
 */
export function sortRows(
  rows: readonly StoredRecord[],
  sorts: readonly QuerySort[] | null | undefined,
  reader: PropertyReader,
  path = 'loader.sort',
): StoredRecord[] {
  if (!sorts || sorts.length === 0) return [...rows]
  sorts.forEach((sort, index) => {
    if (!reader.schema.has(sort.property)) throw validationError(`Unknown property "${sort.property}" at ${path}.${index}.property.`)
  })
  const indexed = rows.map((row, index) => ({ row, index }))
  indexed.sort((x, y) => {
    for (const { property, direction } of sorts) {
      const a = reader.read(x.row, property)
      const b = reader.read(y.row, property)
      const emptyA = a.kind !== 'checkbox' && isEmptyValue(a)
      const emptyB = b.kind !== 'checkbox' && isEmptyValue(b)
      if (emptyA !== emptyB) return emptyA ? 1 : -1
      if (emptyA) continue
      const order = compareCells(a, b, reader.schema.get(property)?.options ?? [])
      if (order !== 0) return direction === 'descending' ? -order : order
    }
    return x.index - y.index
  })
  return indexed.map(({ row }) => row)
}
