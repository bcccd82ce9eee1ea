import type { QueryRow } from '@notion-rx/protocol'
import type { ClientContext } from '../../clientContext.js'
import type { CollectionRowBlock } from '../collectionRowBlock.js'
import { resolveRecord } from '../../records/recordRegistry.js'
import type { CollectionSchema } from '../properties/collectionSchema.js'
import type { LocalQueryEvaluator } from './localQueryEvaluator.js'
import { ResultEdit } from './resultEdit.js'
import { sameAggregates, sameGroups, sameProperties, type QueryGroup, type QueryResult } from '../query/queryResult.js'
import { relatedRowsIn } from '../properties/relatedRows.js'
import { rowProperties, type RowProperties } from '../properties/rowProperties.js'

/**
 * A complete query result kept up to date on the client: each changed row is re-evaluated (does
 * it belong, where does it go) and moved with a binary search, so one row's change costs
 * O(log n) comparisons, never a request or a decode of the other rows. Results are immutable (the
 * previous one may still be held), so a change copies the lists it edits: `values` alone for a row
 * changed in place, the three lists for a row that joins, leaves or moves. Aggregates and board
 * columns are recounted over every row only when a row joined, left or moved, or changed a cell
 * they read.
 *
 * It exists only while the server's answer is what the evaluator would have computed from the
 * rows the store holds (`from` checks that); otherwise the live query re-runs on the server.
 */
export class LocalResult {
  readonly evaluator: LocalQueryEvaluator
  #result: QueryResult
  /** Each member as it was placed: the order of `ids` is the evaluator's order over these values. */
  readonly #placed: Map<string, QueryRow>
  readonly #context: ClientContext

  private constructor(context: ClientContext, evaluator: LocalQueryEvaluator, result: QueryResult, placed: Map<string, QueryRow>) {
    this.#context = context
    this.evaluator = evaluator
    this.#result = result
    this.#placed = placed
  }

  /**
   * Takes over a result the server answered, if the evaluator agrees with it row for row (same
   * members, same order); `undefined` otherwise (a collation the server does differently, a
   * result cut short by `limit`). Rows in `pending` changed after the server answered: they are
   * left out here, for the caller to `apply`.
   */
  static from(context: ClientContext, evaluator: LocalQueryEvaluator, result: QueryResult, pending: ReadonlySet<string> = new Set()): LocalResult | undefined {
    if (result.hasMore || (result.groups !== undefined) !== evaluator.grouped) return undefined
    const placed = new Map<string, QueryRow>()
    let previous: QueryRow | undefined
    let base = result
    if (pending.size > 0 && result.ids.some((id) => pending.has(id))) {
      const kept = result.ids.map((id) => !pending.has(id))
      base = {
        ...result,
        ids: result.ids.filter((_, index) => kept[index]),
        rows: result.rows.filter((_, index) => kept[index]),
        values: result.values.filter((_, index) => kept[index]),
      }
    }
    for (const id of base.ids) {
      const value = context.store.get('block', id)?.value
      const row = value ? { id, value } : undefined
      if (!evaluator.matches(row)) return undefined
      if (previous && evaluator.compare(previous, row) >= 0) return undefined
      placed.set(id, row)
      previous = row
    }
    const local = new LocalResult(context, evaluator, base, placed)
    if (base === result) {
      // Board columns are laid out by rules the client must reproduce exactly, or leave to the server.
      if (evaluator.grouped && !sameGroups(local.#groups(base.ids), result.groups)) return undefined
    } else {
      // Counted without the rows left out; `apply` puts back those that still belong.
      const aggregates = local.#aggregates(base.ids, result.aggregates)
      const groups = local.#groups(base.ids)
      local.#result = { ...base, total: base.ids.length, aggregates, aggregate: (name) => aggregates[name], groups }
    }
    return local
  }

  get result(): QueryResult {
    return this.#result
  }

  has(id: string): boolean {
    return this.#placed.has(id)
  }

  /**
   * Re-evaluates the given blocks against the store: rows that joined, left, moved or changed.
   * Returns the new result, or `undefined` when nothing shown changed.
   */
  apply(ids: Iterable<string>, schema: CollectionSchema): QueryResult | undefined {
    const codec = { related: relatedRowsIn(this.#context.store) }
    const edit = new ResultEdit(this.#result, this.#placed, this.evaluator, {
      decode: (row) => rowProperties(schema, row.value, codec),
      rowOf: (id) => resolveRecord(this.#context, 'block', id) as CollectionRowBlock,
    })
    for (const id of new Set(ids)) this.#reconsider(edit, id)
    return edit.changed ? this.#finish(edit) : undefined
  }

  /** One block against the store: joins, leaves, moves, or only shows new values in place. */
  #reconsider(edit: ResultEdit, id: string): void {
    const { evaluator } = this
    const placed = this.#placed
    const value = this.#context.store.get('block', id)?.value
    const row = value ? { id, value } : undefined
    const member = evaluator.matches(row)
    const old = placed.get(id)
    if (!old) {
      if (member) edit.insert(row)
      return
    }
    if (member && old.value === row.value) return
    const at = edit.positionOf(old)
    const list = edit.ids
    const before = at > 0 ? placed.get(list[at - 1]!) : undefined
    const after = at + 1 < list.length ? placed.get(list[at + 1]!) : undefined
    if (member && (!before || evaluator.compare(before, row) < 0) && (!after || evaluator.compare(row, after) < 0)) {
      // Still in place: only what it shows may have changed, and the counts only if what they read did.
      if (!evaluator.sameReducerCells(old, row)) edit.recount = true
      placed.set(id, row)
      edit.showValues(at, row)
      return
    }
    edit.remove(at, id)
    if (member) edit.insert(row)
  }

  /** The result after an edit: its ids, rows and values, with aggregates and groups recounted. */
  #finish(edit: ResultEdit): QueryResult {
    const current = this.#result
    const nextIds = edit.order ?? current.ids
    // Recounting reads every row: done only when the edit moved what the counts read.
    const aggregates = edit.recount ? this.#aggregates(nextIds, current.aggregates) : current.aggregates
    const groups = this.evaluator.grouped && edit.recount ? this.#groups(nextIds) : current.groups
    this.#result = {
      ...current,
      groups: sameGroups(groups, current.groups) ? current.groups : groups,
      ids: nextIds,
      rows: edit.rows ?? current.rows,
      values: edit.values ?? current.values,
      total: nextIds.length,
      aggregates,
      aggregate: (name) => aggregates[name],
    }
    return this.#result
  }

  /**
   * Re-reads every row's values (a related row changed, so rollups may have): rows whose rollups
   * read the same related records keep their objects (the row cache checks them), so this decodes
   * only what moved. `undefined` when nothing shown changed.
   */
  reread(schema: CollectionSchema): QueryResult | undefined {
    const codec = { related: relatedRowsIn(this.#context.store) }
    const current = this.#result
    let values: RowProperties[] | undefined
    current.ids.forEach((id, index) => {
      const decoded = rowProperties(schema, this.#placed.get(id)!.value, codec)
      const shown = current.values[index]!
      if (decoded !== shown && !sameProperties(shown, decoded)) (values ??= [...current.values])[index] = decoded
    })
    if (!values) return undefined
    this.#result = { ...current, values }
    return this.#result
  }

  /** Adopts aggregates the server computed (the local ones differed, e.g. in rounding). */
  withAggregates(aggregates: Readonly<Record<string, unknown>>): QueryResult | undefined {
    if (sameAggregates(this.#result.aggregates, aggregates)) return undefined
    this.#result = { ...this.#result, aggregates, aggregate: (name) => aggregates[name] }
    return this.#result
  }

  #groups(ids: readonly string[]): QueryGroup[] | undefined {
    return this.evaluator.groups(ids.map((id) => this.#placed.get(id)!))
  }

  #aggregates(ids: readonly string[], previous: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
    if (!this.evaluator.hasAggregations) return previous
    const next = this.evaluator.aggregates(ids.map((id) => this.#placed.get(id)!))
    return sameAggregates(previous, next) ? previous : next
  }
}
