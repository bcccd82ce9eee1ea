import type { QueryRow } from '@notion-rx/protocol'
import type { CollectionRowBlock } from '../collectionRowBlock.js'
import type { RowProperties } from '../properties/rowProperties.js'
import { sameProperties, type QueryResult } from '../query/queryResult.js'
import type { LocalQueryEvaluator } from './localQueryEvaluator.js'

/**
 * One `apply`'s edits of a shown result: rows are kept in the evaluator's order (placed by binary
 * search). A list is copied on its first change, and only that list: a row that changes in place
 * copies `values` alone; `ids` and `rows` are copied only when a row joins, leaves or moves.
 */
export class ResultEdit {
  order: string[] | undefined
  rows: CollectionRowBlock[] | undefined
  values: RowProperties[] | undefined
  /** A row joined or left the result, moved, or changed a cell its aggregates or groups read. */
  recount = false
  readonly #base: QueryResult
  readonly #placed: Map<string, QueryRow>
  readonly #evaluator: LocalQueryEvaluator
  readonly #decode: (row: QueryRow) => RowProperties
  readonly #rowOf: (id: string) => CollectionRowBlock

  constructor(
    base: QueryResult,
    placed: Map<string, QueryRow>,
    evaluator: LocalQueryEvaluator,
    read: { decode: (row: QueryRow) => RowProperties; rowOf: (id: string) => CollectionRowBlock },
  ) {
    this.#base = base
    this.#placed = placed
    this.#evaluator = evaluator
    this.#decode = read.decode
    this.#rowOf = read.rowOf
  }

  get changed(): boolean {
    return this.order !== undefined || this.values !== undefined
  }

  get ids(): readonly string[] {
    return this.order ?? this.#base.ids
  }

  positionOf(row: QueryRow): number {
    const at = this.#lowerBound(row)
    return this.ids[at] === row.id ? at : this.ids.indexOf(row.id)
  }

  insert(row: QueryRow): void {
    const at = this.#lowerBound(row)
    const target = this.#writable()
    target.order.splice(at, 0, row.id)
    target.rows.splice(at, 0, this.#rowOf(row.id))
    target.values.splice(at, 0, this.#decode(row))
    this.#placed.set(row.id, row)
    this.recount = true
  }

  remove(at: number, id: string): void {
    const target = this.#writable()
    target.order.splice(at, 1)
    target.rows.splice(at, 1)
    target.values.splice(at, 1)
    this.#placed.delete(id)
    this.recount = true
  }

  /** The row at `at` with its values as the store has them now (kept when they show the same). */
  showValues(at: number, row: QueryRow): void {
    const decoded = this.#decode(row)
    const shown = (this.values ?? this.#base.values)[at]!
    if (decoded !== shown && !sameProperties(shown, decoded)) (this.values ??= [...this.#base.values])[at] = decoded
  }

  #writable(): { order: string[]; rows: CollectionRowBlock[]; values: RowProperties[] } {
    this.order ??= [...this.#base.ids]
    this.rows ??= [...this.#base.rows]
    this.values ??= [...this.#base.values]
    return { order: this.order, rows: this.rows, values: this.values }
  }

  #lowerBound(row: QueryRow): number {
    const list = this.ids
    let low = 0
    let high = list.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.#evaluator.compare(this.#placed.get(list[middle]!)!, row) < 0) low = middle + 1
      else high = middle
    }
    return low
  }
}
