// Type tests: checked by `npm run typecheck` (tsc over packages/*/test), not run by vitest.
// The transport normalizes record maps once, and its answer's type says so: callers take
// `recordMap` as a NormalizedRecordMap with no second pass and no cast.
import { expectTypeOf } from 'vitest'
import {
  getRecordValuesResponseSchema,
  getSpacesResponseSchema,
  loadPageChunkResponseSchema,
  queryCollectionResponseSchema,
  type NormalizedRecordMap,
  type QueryCollectionResponse,
  type RecordEntry,
} from '@notion-rx/protocol'
import { createTransport, type Normalized } from '@notion-rx/core/advanced'

const transport = createTransport()

// A record map of any endpoint is normalized; the other keys keep their types.
expectTypeOf(transport.post('loadPageChunk', {}, loadPageChunkResponseSchema)).resolves.toHaveProperty('recordMap').toEqualTypeOf<NormalizedRecordMap>()
expectTypeOf(transport.post('queryCollection', {}, queryCollectionResponseSchema))
  .resolves.toHaveProperty('result')
  .toEqualTypeOf<QueryCollectionResponse['result']>()
// getSpaces: one normalized record map per user id.
expectTypeOf(transport.post('getSpaces', {}, getSpacesResponseSchema)).resolves.toEqualTypeOf<Record<string, NormalizedRecordMap>>()
// getRecordValues: positional results as record entries.
expectTypeOf(transport.post('getRecordValues', {}, getRecordValuesResponseSchema)).resolves.toHaveProperty('results').toEqualTypeOf<RecordEntry[]>()
// An endpoint name only known at run time still types the record map.
declare const someEndpoint: string
expectTypeOf(transport.post(someEndpoint, {}, loadPageChunkResponseSchema)).resolves.toHaveProperty('recordMap').toEqualTypeOf<NormalizedRecordMap>()
expectTypeOf<Normalized<{ recordMap: Record<string, unknown>; cursor: number }>>().toEqualTypeOf<{ recordMap: NormalizedRecordMap; cursor: number }>()
