import { describe, expect, it } from 'vitest'
import {
  isLegacyQueryCollectionBody,
  queryCollectionRequestSchema,
  queryCollectionResponseSchema,
  queryFilterSchema,
  reducerLoaderSchema,
} from '../src/index.js'

// The reducer body exactly as recorded by KJK (2022), docs/protocol.md#querycollection.
const kjkBody = {
  collection: { id: '8aabb485-aa07-4483-8bb8-c9f4721a1d87', spaceId: 'bc202e06-6caa-4e3f-81eb-f226ab5deef7' },
  collectionView: { id: '72de73b8-7ba5-4dab-bb5e-0fb47f24fe80', spaceId: 'bc202e06-6caa-4e3f-81eb-f226ab5deef7' },
  loader: {
    type: 'reducer',
    reducers: { collection_group_results: { type: 'results', limit: 50 } },
    sort: null,
    filter: { filters: [{ filter: { operator: 'number_equals', value: { type: 'exact' } }, property: '8#gA' }], operator: 'and' },
    searchQuery: '',
    userTimeZone: 'America/Los_Angeles',
  },
}

describe('queryCollection schemas', () => {
  it('parse the recorded reducer body and its loader', () => {
    const body = queryCollectionRequestSchema.parse(kjkBody)
    expect(isLegacyQueryCollectionBody(body)).toBe(false)
    const loader = reducerLoaderSchema.parse(body.loader)
    expect(loader.reducers['collection_group_results']).toEqual({ type: 'results', limit: 50 })
    expect(loader.filter).toEqual(kjkBody.loader.filter)
    expect(loader.sort).toBeNull()
  })

  it('parse a board loader with groups, per-group results and aggregations (RNX / NotionNext shapes)', () => {
    const enumIs = (value: string) => ({ operator: 'and', filters: [{ property: 'bB{M', filter: { operator: 'enum_is', value: { type: 'exact', value } } }] })
    const loader = reducerLoaderSchema.parse({
      type: 'reducer',
      reducers: {
        gallery_groups: {
          type: 'groups',
          groupBy: { sort: { type: 'manual' }, type: 'select', property: 'bB{M' },
          groupSortPreference: [{ type: 'select', value: 'A' }, { type: 'select' }],
          limit: 9999,
        },
        'results:select:A': { type: 'results', limit: 9999, filter: enumIs('A') },
        'group_aggregation:select:A': { type: 'aggregation', aggregation: { aggregator: 'count' }, filter: enumIs('A') },
      },
    })
    expect(Object.keys(loader.reducers)).toEqual(['gallery_groups', 'results:select:A', 'group_aggregation:select:A'])
    expect(loader.reducers['gallery_groups']?.type).toBe('groups')
  })

  it('fill in a missing group operator as "and" and reject malformed filters', () => {
    expect(queryFilterSchema.parse({ filters: [] })).toEqual({ operator: 'and', filters: [] })
    expect(queryFilterSchema.safeParse({ operator: 'xor', filters: [] }).success).toBe(false)
    expect(queryFilterSchema.safeParse({ property: 'x' }).success).toBe(false)
    expect(queryFilterSchema.safeParse({ property: 'x', filter: { operator: '' } }).success).toBe(false)
    expect(reducerLoaderSchema.safeParse({ reducers: { a: { type: 'table' } } }).success).toBe(false)
    expect(reducerLoaderSchema.safeParse({ reducers: { a: { type: 'results', limit: 1.5 } } }).success).toBe(false)
  })

  it('recognize the pre-2021 body in both of its forms', () => {
    const old = queryCollectionRequestSchema.parse({
      collectionId: 'c',
      collectionViewId: 'v',
      query: { aggregate: [], filter: [], sort: [] },
      loader: { limit: 100, type: 'table' },
    })
    expect(isLegacyQueryCollectionBody(old)).toBe(true)
    expect(isLegacyQueryCollectionBody(queryCollectionRequestSchema.parse({ collection: { id: 'c' }, loader: { type: 'board' } }))).toBe(true)
    expect(isLegacyQueryCollectionBody(queryCollectionRequestSchema.parse({ collectionView: { id: 'v' }, collectionViewBlock: { id: 'b' } }))).toBe(false)
  })

  it('parse the recorded response and the three reducer result kinds', () => {
    const response = queryCollectionResponseSchema.parse({
      recordMap: { block: {}, collection: {}, space: {} },
      result: {
        type: 'reducer',
        sizeHint: 3,
        reducerResults: {
          collection_group_results: { type: 'results', hasMore: false, blockIds: ['1cebea13-42da-4445-a10a-7f3a014adf4f'] },
          count: { type: 'aggregation', aggregationResult: { type: 'number', value: 0 } },
          board_columns: { type: 'groups', results: [{ value: { type: 'select', value: 'A' }, aggregationResult: { type: 'number', value: 2 } }] },
        },
      },
    })
    expect(response.result.sizeHint).toBe(3)
    expect(queryCollectionResponseSchema.safeParse({ recordMap: {}, result: { type: 'table', blockIds: [] } }).success).toBe(false)
  })
})
