/**
 * The SDK: `NotionClient` (transport with retries and typed errors), the reactive record store, the
 * object model (a class per block type), batched optimistic writes, live updates, and databases with
 * typed rows and live queries. Start with {@link NotionClient}.
 * @module @notion-rx/core
 */
// Client
export { NotionClient } from './client.js'
export type { BlockConstructor, GetBlockOptions, NotionClientOptions, SearchOptions } from './client.js'
export type { CallOptions } from './callOptions.js'
export type { ClientContext } from './clientContext.js'
export { RecordNotFoundError } from './recordNotFoundError.js'
export { WrongBlockTypeError } from './wrongBlockTypeError.js'
// Store
export { RecordStore } from './store/recordStore.js'
export type { ObservationEvent, StoreAction } from './store/recordStore.js'
export type { ChangeKind, ChangeOrigin, FieldChange, RecordChange } from './store/recordChange.js'
export type { RecordIssue, RecordKey, Snapshot, StoredRecord } from './store/snapshot.js'
export { MAX_RECORD_DEPTH } from './store/boundDepth.js'
export { diffRecord } from './store/diffRecord.js'
export type { RecordValue } from './store/snapshot.js'
export { TransactionQueue } from './sync/transactionQueue.js'
export type { TransactionBatch, TransactionQueueOptions } from './sync/transactionQueue.js'
export type { PageLoadStats } from './sync/pageLoader.js'
export type { UploadedFile, UploadFileOptions, UploadSource } from './sync/fileUploader.js'
// Cache (durable records, offline)
export { RecordCache } from './cache/recordCache.js'
export type { CachedAccount, CachedRecord } from './cache/recordCache.js'
export { KeyValueStore } from './cache/keyValueStore.js'
export { CacheCorruptError } from './cache/cacheCorruptError.js'
export type { CacheCorruptReason } from './cache/cacheCorruptError.js'
export { CacheUnavailableError } from './cache/cacheUnavailableError.js'
export { defaultCachePath } from './cache/defaultCachePath.js'
export { resolveCacheOptions } from './cache/cacheOptions.js'
export type { CacheOptions, ResolvedCacheOptions } from './cache/cacheOptions.js'
export type { CacheState } from './cache/cacheState.js'
// Transport
export { createTransport } from './transport/createTransport.js'
export type { Transport, TransportRequestOptions } from './transport/createTransport.js'
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './transport/transportOptions.js'
export type { FetchFunction, TransportOptions, TransportRetryOptions } from './transport/transportOptions.js'
export type { TransportEvent, TransportLogger } from './transport/transportEvent.js'
export { READ_ENDPOINTS, WRITE_ENDPOINTS, endpointKind } from './transport/endpointPolicy.js'
export type { Endpoint, EndpointKind, ReadEndpoint, WriteEndpoint } from './transport/endpointPolicy.js'
export { normalizeResponse } from './transport/normalizeResponse.js'
export type { Normalized } from './transport/normalizeResponse.js'
export { REDACTED, redactHeaders, redactText } from './transport/redact.js'
export { SDK_VERSION } from './transport/sdkVersion.js'
export { NOTION_ERROR_CODES } from './transport/errors/notionErrorCode.js'
export type { NotionApiErrorCode, NotionErrorCode } from './transport/errors/notionErrorCode.js'
export type { RedactedRequest } from './transport/errors/redactedRequest.js'
export { NotionError, isNotionError } from './transport/errors/notionError.js'
export type { NotionErrorName } from './transport/errors/notionError.js'
export { NotionApiError, isNotionApiError } from './transport/errors/notionApiError.js'
export type { NotionApiErrorName } from './transport/errors/notionApiError.js'
export { UnauthorizedError } from './transport/errors/unauthorizedError.js'
export { RateLimitedError } from './transport/errors/rateLimitedError.js'
export { ValidationError } from './transport/errors/validationError.js'
export { TransactionRejectedError } from './transport/errors/transactionRejectedError.js'
export type { RejectedTransaction } from './transport/errors/transactionRejectedError.js'
export { UnknownEndpointError } from './transport/errors/unknownEndpointError.js'
export { NetworkError } from './transport/errors/networkError.js'
export { ProtocolError } from './transport/errors/protocolError.js'
export { UnknownWriteOutcomeError } from './transport/errors/unknownWriteOutcomeError.js'
export type { WriteResolution } from './transport/errors/unknownWriteOutcomeError.js'
// Records (the object model)
export { recordFor } from './records/recordFor.js'
export { NotionRecord } from './records/notionRecord.js'
export type { RecordCallback } from './records/notionRecord.js'
export type { RecordPath } from './records/recordPath.js'
export { Block, MOVE_POSITIONS } from './records/block.js'
export type { MovePosition, RemoveOptions } from './records/block.js'
export { Children } from './records/children.js'
export type { ChildListKey } from './records/children.js'
export { exportMarkdown, importMarkdown } from './records/markdownBlocks.js'
export { DEFAULT_IMPORT_PART_BLOCKS, DEFAULT_IMPORT_PART_BYTES, importMarkdownInParts } from './records/importMarkdownInParts.js'
export type { ImportInPartsOptions, ImportProgress } from './records/importMarkdownInParts.js'
export { PartialImportError } from './records/partialImportError.js'
export type { AnyBlockField, BlockField, FieldMap } from './records/blockField.js'
export type { BlockClass } from './records/recordResolver.js'
export { BLOCK_CLASSES, blockClassFor } from './records/blockRegistry.js'
export type { BlockClassMap, BlockFor, BlockProps, WritableAccessors } from './records/blockRegistry.js'
export { BasicBlock } from './records/basicBlock.js'
export {
  BulletedListBlock,
  CalloutBlock,
  CodeBlock,
  EquationBlock,
  Header4Block,
  HeaderBlock,
  NumberedListBlock,
  QuoteBlock,
  SubHeaderBlock,
  SubSubHeaderBlock,
  TextBlock,
  ToDoBlock,
  ToggleBlock,
} from './records/textBlocks.js'
export { CollectionRowBlock, PageBlock } from './records/pageBlocks.js'
export { ButtonBlock, FactoryBlock, TemplateBlock } from './records/templateBlocks.js'
export { CollectionViewBlock, CollectionViewPageBlock, FormBlock } from './records/databaseBlocks.js'
export {
  AudioBlock,
  BookmarkBlock,
  CodepenBlock,
  DriveBlock,
  EmbedBlock,
  ExcalidrawBlock,
  ExternalObjectInstanceBlock,
  FigmaBlock,
  FileBlock,
  FramerBlock,
  GistBlock,
  ImageBlock,
  InvisionBlock,
  LoomBlock,
  MapsBlock,
  MediaBlock,
  MiroBlock,
  PdfBlock,
  ReplitBlock,
  TweetBlock,
  TypeformBlock,
  UploadableBlock,
  VideoBlock,
} from './records/mediaBlocks.js'
export {
  AliasBlock,
  BreadcrumbBlock,
  ColumnBlock,
  ColumnListBlock,
  CopyIndicatorBlock,
  DividerBlock,
  LinkToCollectionBlock,
  LinkToPageBlock,
  TabBlock,
  TableBlock,
  TableOfContentsBlock,
  TableRowBlock,
  TransclusionContainerBlock,
  TransclusionReferenceBlock,
} from './records/layoutBlocks.js'
export { Space } from './records/space.js'
export type { AddPageOptions } from './records/space.js'
export { User } from './records/user.js'
export { INVALID_VALUE_CODES, InvalidValueError } from './records/invalidValueError.js'
export type { InvalidValueCode, InvalidValueErrorDetails } from './records/invalidValueError.js'
// Live updates (the monitor)
export { Monitor } from './sync/monitor/monitor.js'
export type { CollectionChange, MonitorDependencies, MonitorStats } from './sync/monitor/monitor.js'
export { resolveMonitorOptions } from './sync/monitor/monitorOptions.js'
export type { ConnectionState, MessageStoreTransport, MonitorOptions, ResolvedMonitorOptions } from './sync/monitor/monitorOptions.js'
export type { Connect, ConnectOptions, ConnectionHandlers, MessageStoreConnection, TrafficStats } from './sync/monitor/messageStoreConnection.js'
export { defaultMessageStoreUrl } from './sync/monitor/messageStoreUrl.js'
export { recordChanges } from './sync/monitor/recordChanges.js'
export { toAsyncIterator } from './sync/monitor/toAsyncIterator.js'
// Collections (databases): property codecs, slugs, formulas, queries
export type { CollectionSchema, RowValue, SchemaProperty } from './collections/collectionSchema.js'
export { decodeProperty, decodeRow } from './collections/decodeProperty.js'
export { encodeProperty } from './collections/encodeProperty.js'
export type { EncodedProperty } from './collections/encodeProperty.js'
export type { PropertyCodecOptions } from './collections/propertyCodecOptions.js'
export { fromNotionDate, propertyDateInstants, toNotionDate } from './collections/propertyDate.js'
export type { DateReminder, PropertyDate, PropertyDateInput } from './collections/propertyDate.js'
export type {
  IdInput,
  PropertyFile,
  PropertyInput,
  PropertyInputMap,
  PropertyValue,
  PropertyValueMap,
  RollupItem,
  RollupValue,
  WritablePropertyType,
} from './collections/propertyValueMap.js'
export { PROPERTY_VALUE_ERROR_CODES, PropertyValueError } from './collections/propertyValueError.js'
export type { PropertyValueErrorCode, PropertyValueErrorDetails } from './collections/propertyValueError.js'
export { propertySlug } from './collections/propertySlug.js'
export { convertCell } from './collections/convertCells.js'
export type { CellConversionContext } from './collections/convertCells.js'
export { relatedRowsIn } from './collections/relatedRows.js'
export type { RelatedRecordRead, RelatedRow, RelatedRowLookup } from './collections/relatedRows.js'
export { resolveProperty } from './collections/resolveProperty.js'
export { UnknownPropertyError } from './collections/unknownPropertyError.js'
// The formula evaluator lives in @notion-rx/protocol (the emulator's queries compute formulas too).
export { evaluateFormula, formatMomentDate, formulaDate, formulaDateEnd, formulaDateHasTime } from '@notion-rx/protocol'
export type { FormulaEvaluation, FormulaScope, FormulaValue } from '@notion-rx/protocol'
export {
  AGGREGATORS,
  FILTER_OPERATORS,
  RELATIVE_DATE_RANGES,
  RELATIVE_DATES,
  aggregatorsFor,
  filterOperatorsFor,
} from './collections/queryOperators.js'
export type { Aggregator, FilterOperator, RelativeDate, RelativeDateRange } from './collections/queryOperators.js'
export { and, or, where } from './collections/queryFilter.js'
export type {
  FilterDay,
  FilterGroupInput,
  FilterInput,
  FilterLeafInput,
  FilterValueArgs,
  FilterValueMap,
} from './collections/queryFilter.js'
export { GROUPS_REDUCER, QueryBuilder, RESULTS_REDUCER } from './collections/queryBuilder.js'
export type {
  AggregationReducerBody,
  GroupsReducerBody,
  QueryBodyOptions,
  QueryBuilderOptions,
  QueryCollectionBody,
  QueryLoaderBody,
  QuerySortBody,
  ReducerBody,
  ResultsReducerBody,
  SortDirection,
} from './collections/queryBuilder.js'
export { INVALID_QUERY_CODES, InvalidQueryError } from './collections/invalidQueryError.js'
export type { InvalidQueryCode } from './collections/invalidQueryError.js'
export { fromViewQuery2 } from './collections/fromViewQuery2.js'
export type { FromViewQuery2Options, ViewQuerySource } from './collections/fromViewQuery2.js'

// Databases: collection and view records, queries and live queries
export { Collection } from './records/collection.js'
export type { AddPropertyOptions, AddRowOptions } from './records/collection.js'
export { CollectionView } from './records/collectionView.js'
export { CollectionViews, NEW_VIEW_TYPES } from './records/collectionViews.js'
export type { NewViewType } from './records/collectionViews.js'
export { CollectionQuery, builderFromOptions, runQuery } from './collections/collectionQuery.js'
export type { AggregationInput, ExecuteOptions, QueryOptions, QueryTarget, SortInput } from './collections/collectionQuery.js'
export type { LiveQueryOptions } from './collections/liveQuery.js'
export type { QueryGroup, QueryResult, RawQueryResult } from './collections/queryResult.js'
export type { CollectionQueryContext } from './collections/queryContext.js'
export { rowProperties } from './collections/rowProperties.js'
export type { RowProperties } from './collections/rowProperties.js'
export { INVALID_SCHEMA_CHANGE_CODES, InvalidSchemaChangeError } from './collections/invalidSchemaChangeError.js'
export type { InvalidSchemaChangeCode } from './collections/invalidSchemaChangeError.js'
export { OPTION_COLORS } from './collections/schemaEdits.js'

// Calendar and timeline views: rows laid out by date
export { calendarFromResult } from './collections/calendarResult.js'
export type { CalendarEntry, CalendarOptions, CalendarResult } from './collections/calendarResult.js'
export { timelineFromResult } from './collections/timelineResult.js'
export type { TimelineEntry, TimelineOptions, TimelineResult, UndatedRow } from './collections/timelineResult.js'
export { isDateProperty, viewDateLayout } from './collections/viewDateLayout.js'
export type { ViewDateLayout, ViewLayoutKind, ViewLayoutSource } from './collections/viewDateLayout.js'
export { dateWindowFilter, readDateWindow } from './collections/dateWindow.js'
export type { DateWindow, DateWindowInput } from './collections/dateWindow.js'
export { VIEW_LAYOUT_CODES, ViewLayoutError } from './collections/viewLayoutError.js'
export type { ViewLayoutCode, ViewLayoutErrorDetails } from './collections/viewLayoutError.js'
