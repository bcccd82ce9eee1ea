/**
 * The machinery under `NotionClient`, for tools that build on it or test it: the record store,
 * the notify manager (when batches close and timed work runs), the transaction queue, the
 * monitor, the transport, the durable cache, query plumbing, and what custom record classes and
 * contexts need. Less stable than `@notion-rx/core`.
 * @module @notion-rx/core/advanced
 */
export type { ClientContext, RecordRegistryShape } from './clientContext.js'
export type { RunTaskOptions } from './sync/taskPoller.js'
export type { RecordRegistry, BlockClass, OwnedRecordsCreation } from './records/recordRegistry.js'
export type { AnyBlockField, BlockField, FieldDeclarations, FieldMap, NamedByKey } from './records/blockField.js'
export type { FieldAccessors, FieldValue } from './records/fieldAccessors.js'
export { defaultRecordRegistry } from './model/defaultRecordRegistry.js'
// Store
export { RecordStore } from './store/recordStore.js'
export type { RawRecord } from './store/rawRecord.js'
export type { ObservationEvent, RecordStoreOptions, StoreAction } from './store/recordStore.js'
export { NotifyManager, notifyManager } from './store/notifyManager.js'
export type { NotifyManagerOptions, ScheduleFunction } from './store/notifyManager.js'
export { MAX_RECORD_DEPTH } from './store/boundDepth.js'
export { diffRecord } from './store/diffRecord.js'
export { recordChanges } from './store/recordChanges.js'
export { toAsyncIterator } from './store/toAsyncIterator.js'
// Cache
export { RecordCache } from './cache/recordCache.js'
export type { CachedAccount, CachedRecord } from './cache/recordCache.js'
export { KeyValueStore } from './cache/keyValueStore.js'
export { defaultCachePath } from './cache/defaultCachePath.js'
export { resolveCacheOptions } from './cache/cacheOptions.js'
export type { ResolvedCacheOptions } from './cache/cacheOptions.js'
// Writes
export { TransactionQueue } from './sync/transactionQueue.js'
export type { TransactionBatch, TransactionQueueOptions } from './sync/transactionQueue.js'
// Transport
export { createTransport } from './transport/createTransport.js'
export type { Transport, TransportRequestOptions } from './transport/createTransport.js'
export { READ_ENDPOINTS, WRITE_ENDPOINTS, endpointKind } from './transport/endpointPolicy.js'
export type { Endpoint, EndpointKind, ReadEndpoint, WriteEndpoint } from './transport/endpointPolicy.js'
export { normalizeResponse } from './transport/normalizeResponse.js'
export type { Normalized } from './transport/normalizeResponse.js'
export { REDACTED, redactHeaders, redactText } from './transport/redact.js'
// Live updates
export { Monitor } from './sync/monitor/monitor.js'
export type { CollectionChange, MonitorDependencies } from './sync/monitor/monitor.js'
export type { MonitorStats } from './sync/monitor/monitorStats.js'
export type { KeyChange, KeyFollowing } from './sync/monitor/keyFollowing.js'
export { followRowCollections } from './databases/live/followRowCollections.js'
export { resolveMonitorOptions } from './sync/monitor/monitorOptions.js'
export type { ResolvedMonitorOptions } from './sync/monitor/monitorOptions.js'
export type { Connect, ConnectOptions, ConnectionHandlers, MessageStoreConnection, TrafficStats } from './sync/monitor/messageStoreConnection.js'
export { defaultMessageStoreUrl } from './sync/monitor/messageStoreUrl.js'
// Query plumbing
export { runQuery } from './databases/query/runQuery.js'
export type { QueryTarget } from './databases/query/runQuery.js'
export type { RawQueryResult } from './databases/query/queryResult.js'
export type { CollectionQueryContext } from './databases/query/queryContext.js'
export type { QueryResultCache } from './databases/query/queryResultCache.js'
export { queryCacheKey } from './databases/query/cachedQueryResult.js'
export { GROUPS_REDUCER, RESULTS_REDUCER } from './databases/query/queryBuilder.js'
export type {
  AggregationReducerBody,
  GroupsReducerBody,
  QueryBodyOptions,
  QueryCollectionBody,
  QueryLoaderBody,
  QuerySortBody,
  ReducerBody,
  ResultsReducerBody,
} from './databases/query/queryBuilder.js'
export { relatedRowsIn } from './databases/properties/relatedRows.js'
export type { RelatedRecordRead, RelatedRow, RelatedRowLookup } from './databases/properties/relatedRows.js'
