import { z } from 'zod'

/**
 * `{id, spaceId?}`: how queryCollection names a collection, a view or a view block. notion-py sends
 * `"spaceId": null` for a database it has just created; null reads as absent.
 */
export const queryCollectionPointerSchema = z.looseObject({
  id: z.string().min(1),
  spaceId: z
    .string()
    .nullish()
    .transform((spaceId) => spaceId ?? undefined)
    .optional(),
})
export type QueryCollectionPointer = z.infer<typeof queryCollectionPointerSchema>

/** A filter leaf: `{property, filter:{operator, value?}}`; `value` is `{type:"exact"|"relative", value}`. */
export interface QueryFilterLeaf {
  property: string
  filter: { operator: string; value?: unknown }
}
/** A filter group: `{operator:"and"|"or", filters:[…]}`; groups nest. */
export interface QueryFilterGroup {
  operator: 'and' | 'or'
  filters: QueryFilter[]
}
export type QueryFilter = QueryFilterLeaf | QueryFilterGroup

export const queryFilterLeafSchema = z.looseObject({
  property: z.string(),
  filter: z.looseObject({ operator: z.string().min(1), value: z.unknown().optional() }),
})

export const queryFilterSchema: z.ZodType<QueryFilter> = z.lazy(() =>
  z.union([
    z.looseObject({
      // Views saved by older clients leave the operator out of a group; Notion reads it as "and".
      operator: z.enum(['and', 'or']).default('and'),
      filters: z.array(queryFilterSchema),
    }),
    queryFilterLeafSchema,
  ]),
)

/** `[{property, direction}]`; clients send `null` for "no sort". */
export const querySortSchema = z.looseObject({
  property: z.string().min(1),
  direction: z.enum(['ascending', 'descending']).default('ascending'),
})
export type QuerySort = z.infer<typeof querySortSchema>

/** A page of matching rows: `{type:"results", limit}`; an optional `filter` narrows it (board/group columns). */
export const resultsReducerSchema = z.looseObject({
  type: z.literal('results'),
  limit: z.number().int().min(0).optional(),
  loadContentCover: z.boolean().optional(),
  filter: queryFilterSchema.optional(),
})

/** One aggregator over matching rows: `{type:"aggregation", aggregation:{property?, aggregator}}`. */
export const aggregationReducerSchema = z.looseObject({
  type: z.literal('aggregation'),
  aggregation: z.looseObject({ property: z.string().optional(), aggregator: z.string().min(1) }),
  filter: queryFilterSchema.optional(),
})

/** What a board or grouped view groups by: the object form, or a bare property id (older views). */
export const groupBySchema = z.union([
  z.looseObject({
    property: z.string().min(1),
    type: z.string().optional(),
    sort: z.looseObject({ type: z.string() }).optional(),
    hideEmptyGroups: z.boolean().optional(),
  }),
  z.string().min(1),
])
export type GroupBy = z.infer<typeof groupBySchema>

/** Board columns / grouped views: `{type:"groups", groupBy, groupSortPreference?, limit?}`. */
export const groupsReducerSchema = z.looseObject({
  type: z.literal('groups'),
  version: z.string().optional(),
  groupBy: groupBySchema,
  filter: queryFilterSchema.optional(),
  groupSortPreference: z.array(z.looseObject({ value: z.unknown().optional() })).optional(),
  limit: z.number().int().min(0).optional(),
  blockResults: z.looseObject({ defaultLimit: z.number().int().min(0).optional() }).optional(),
})

export const queryReducerSchema = z.discriminatedUnion('type', [
  resultsReducerSchema,
  aggregationReducerSchema,
  groupsReducerSchema,
])
export type QueryReducer = z.infer<typeof queryReducerSchema>

/**
 * The reducer loader (2021-10 → now). notion-py 2024 leaves `type` out; the web app spreads the
 * view's query2 into it. Old loaders (`type:"table"` etc., no reducers) are not this schema: see
 * `isLegacyQueryCollectionBody`.
 */
export const reducerLoaderSchema = z.looseObject({
  type: z.literal('reducer').optional(),
  reducers: z.record(z.string(), queryReducerSchema),
  sort: z.array(querySortSchema).nullish(),
  filter: queryFilterSchema.nullish(),
  searchQuery: z.string().nullish(),
  userTimeZone: z.string().nullish(),
  userId: z.string().nullish(),
})
export type ReducerLoader = z.infer<typeof reducerLoaderSchema>

/**
 * Every body shape queryCollection gets (docs/protocol.md#querycollection):
 * - reducer body: `collection` and/or `source:{type:"collection"}`, `collectionView`, `loader`;
 * - 2025–26 web body: `collectionView` + `collectionViewBlock`, no loader (the server compiles it);
 * - pre-2021 body: `collectionId`/`collectionViewId`/`query`: parsed loosely so the server can
 *   answer it as the real one does, with a 400.
 */
export const queryCollectionRequestSchema = z.looseObject({
  collection: queryCollectionPointerSchema.optional(),
  source: queryCollectionPointerSchema.extend({ type: z.string().min(1) }).optional(),
  collectionView: queryCollectionPointerSchema.optional(),
  collectionViewBlock: queryCollectionPointerSchema.optional(),
  loader: z.unknown().optional(),
  userTimeZone: z.string().optional(),
  collectionId: z.unknown().optional(),
  collectionViewId: z.unknown().optional(),
  query: z.unknown().optional(),
})
export type QueryCollectionRequest = z.infer<typeof queryCollectionRequestSchema>

/** True for the pre-2021-10 body, which the real server has answered with 400 since 2021-10-05. */
export function isLegacyQueryCollectionBody(body: QueryCollectionRequest): boolean {
  if (body.collectionId !== undefined || body.collectionViewId !== undefined || body.query !== undefined) return true
  const loader = body.loader
  if (loader === null || typeof loader !== 'object') return false
  const { type, reducers } = loader as Record<string, unknown>
  return reducers === undefined && typeof type === 'string' && type !== 'reducer'
}

export const aggregationResultSchema = z.looseObject({ type: z.string(), value: z.unknown().optional() })
export type AggregationResult = z.infer<typeof aggregationResultSchema>

export const groupResultSchema = z.looseObject({
  value: z.looseObject({ type: z.string(), value: z.unknown().optional() }),
  blockIds: z.array(z.string()).optional(),
  hasMore: z.boolean().optional(),
  total: z.number().optional(),
  aggregationResult: aggregationResultSchema.optional(),
})
export type GroupResult = z.infer<typeof groupResultSchema>

export const reducerResultSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('results'), blockIds: z.array(z.string()), hasMore: z.boolean() }),
  z.looseObject({ type: z.literal('aggregation'), aggregationResult: aggregationResultSchema }),
  z.looseObject({
    type: z.literal('groups'),
    results: z.array(groupResultSchema),
    blockResults: z.record(z.string(), z.looseObject({ blockIds: z.array(z.string()), hasMore: z.boolean() })).optional(),
  }),
])
export type ReducerResult = z.infer<typeof reducerResultSchema>

/** Response as recorded: `{result:{type:"reducer", reducerResults, sizeHint}, recordMap}` (+ web-body extras). */
export const queryCollectionResponseSchema = z.looseObject({
  result: z.looseObject({
    type: z.literal('reducer'),
    reducerResults: z.record(z.string(), reducerResultSchema),
    sizeHint: z.number().int().optional(),
  }),
  recordMap: z.record(z.string(), z.unknown()),
  allBlockIds: z.array(z.string()).optional(),
  compiledRequest: z.looseObject({}).optional(),
})
export type QueryCollectionResponse = z.infer<typeof queryCollectionResponseSchema>
