import type { CollectionViewValue, QueryFilter } from '@notion-rx/protocol'
import type { CollectionSchema } from '../properties/collectionSchema.js'
import { InvalidQueryError } from './invalidQueryError.js'
import { QueryBuilder, type QueryBuilderOptions, type SortDirection } from './queryBuilder.js'
import type { Aggregator } from './queryOperators.js'
import { UnknownPropertyError } from '../properties/unknownPropertyError.js'

/** The parts of a view `fromViewQuery2` reads. */
export type ViewQuerySource = Pick<CollectionViewValue, 'query2' | 'format' | 'type'>

export interface FromViewQuery2Options extends QueryBuilderOptions {
  /**
   * Throw on a saved filter, sort, aggregation or grouping the schema no longer supports (a deleted
   * property, an aggregator of another type). By default those are skipped, as Notion ignores them.
   * @default false
   */
  strict?: boolean | undefined
  /** Told about each part skipped when not `strict`. */
  onSkipped?: ((part: 'filter' | 'sort' | 'aggregation' | 'groupBy', error: Error) => void) | undefined
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

/**
 * A builder holding a view's saved query: `query2.filter` (kept in wire form, half-built leaves
 * included), `query2.sort`, `query2.aggregations`, and the view's grouping
 * (`format.board_columns_by` for boards, `format.collection_group_by` for others).
 * @example fromViewQuery2(view, collection.schema).search('penguins').toQueryCollectionBody({ collectionId, viewId: view.id })
 */
export function fromViewQuery2(view: ViewQuerySource, schema: CollectionSchema, options: FromViewQuery2Options = {}): QueryBuilder {
  let builder = new QueryBuilder(schema, options)
  const attempt = (part: 'filter' | 'sort' | 'aggregation' | 'groupBy', step: () => QueryBuilder) => {
    try {
      builder = step()
    } catch (error) {
      const skippable = UnknownPropertyError.isUnknownPropertyError(error) || InvalidQueryError.isInvalidQueryError(error)
      if (options.strict || !skippable) throw error
      options.onSkipped?.(part, error)
    }
  }
  const query2 = asObject(view.query2) ?? {}

  const filter = asObject(query2['filter'])
  if (filter && Array.isArray(filter['filters'])) {
    attempt('filter', () => builder.filterWire(filter as unknown as QueryFilter, { dropUnknown: !options.strict }))
  }
  for (const sort of Array.isArray(query2['sort']) ? query2['sort'] : []) {
    const { property, direction } = asObject(sort) ?? {}
    attempt('sort', () => builder.sort(String(property), (direction ?? 'ascending') as SortDirection))
  }
  for (const aggregation of Array.isArray(query2['aggregations']) ? query2['aggregations'] : []) {
    const { property, aggregator } = asObject(aggregation) ?? {}
    attempt('aggregation', () => builder.aggregate(typeof property === 'string' ? property : null, aggregator as Aggregator))
  }
  const format = asObject(view.format) ?? {}
  const groupBy = view.type === 'board' ? format['board_columns_by'] : format['collection_group_by']
  const group = typeof groupBy === 'string' ? { property: groupBy } : asObject(groupBy)
  if (group && typeof group['property'] === 'string') {
    const sortType = asObject(group['sort'])?.['type']
    attempt('groupBy', () =>
      builder.groupBy(group['property'] as string, {
        ...(sortType === 'ascending' || sortType === 'descending' || sortType === 'manual' ? { sort: sortType } : {}),
        ...(typeof group['hideEmptyGroups'] === 'boolean' ? { hideEmptyGroups: group['hideEmptyGroups'] } : {}),
      }),
    )
  }
  return builder
}
