/**
 * The SDK: `NotionClient` (transport with retries and typed errors), the object model (a class per
 * block type), batched optimistic writes, live updates, and databases with typed rows and live
 * queries. Start with {@link NotionClient}. The machinery underneath (store, queue, monitor,
 * transport, cache, query plumbing) is `@notion-rx/core/advanced`, for tools that build on it.
 * @module @notion-rx/core
 */
// Client
export { NotionClient } from './client.js'
export type { BlockConstructor, GetBlockOptions, NotionClientOptions, SearchOptions } from './client.js'
export type { CallOptions } from './callOptions.js'
export { InputError } from './inputError.js'
export { RecordNotFoundError } from './recordNotFoundError.js'
export { WrongBlockTypeError } from './wrongBlockTypeError.js'
// Change types and the store's snapshot (the store itself: @notion-rx/core/advanced)
export type { ChangeKind, ChangeOrigin, FieldChange, RecordChange } from './store/recordChange.js'
export type { RecordIssue, RecordKey, RecordValue, Snapshot, StoredRecord } from './store/snapshot.js'
export type { PageLoadStats } from './sync/pageLoader.js'
export type { UploadedFile, UploadFileOptions, UploadSource } from './sync/fileUploader.js'
// Cache options, state and errors (the cache itself: @notion-rx/core/advanced)
export { CacheCorruptError } from './cache/cacheCorruptError.js'
export type { CacheCorruptReason } from './cache/cacheCorruptError.js'
export { CacheUnavailableError } from './cache/cacheUnavailableError.js'
export { CacheWriteError } from './cache/cacheWriteError.js'
export type { CacheWriteOperation } from './cache/cacheWriteError.js'
export type { CacheOptions } from './cache/cacheOptions.js'
export type { CacheState } from './cache/cacheState.js'
export type { KeyValueStore } from './cache/keyValueStore.js'
// Transport options and errors (the transport itself: @notion-rx/core/advanced)
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './transport/transportOptions.js'
export type { FetchFunction, TransportOptions, TransportRetryOptions } from './transport/transportOptions.js'
export type { TransportEvent, TransportLogger } from './transport/transportEvent.js'
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
export { recordFor } from './model/recordFor.js'
export { NotionRecord } from './records/notionRecord.js'
export type { RecordCallback } from './records/notionRecord.js'
export type { RecordPath } from './records/recordPath.js'
export { Block, MOVE_POSITIONS } from './records/block.js'
export type { MovePosition, RemoveOptions } from './records/block.js'
export { Children } from './records/children.js'
export type { ChildListKey } from './records/children.js'
export { importMarkdown } from './records/importMarkdown.js'
export { exportMarkdown } from './model/exportMarkdown.js'
export { exportHtml } from './model/exportHtml.js'
export { importHtml } from './records/importHtml.js'
export { SHARE_ROLES } from './records/pagePermissions.js'
export type { PagePermissions, PublicAccess, ShareRole, UserShare } from './records/pagePermissions.js'
export type { PublishOptions, ShareOptions } from './records/pageSharing.js'
export { SHARING_ERROR_CODES, SharingError } from './records/sharingError.js'
export type { SharingErrorCode } from './records/sharingError.js'
export type { SpaceMember } from './records/spaceMembers.js'
export { BLOCK_CLASSES, blockClassFor } from './model/blockRegistry.js'
export type { BlockClassMap, BlockFor, BlockProps, WritableAccessors } from './records/blockClassMap.js'
export { DEFAULT_IMPORT_PART_BLOCKS, DEFAULT_IMPORT_PART_BYTES, importMarkdownInParts } from './records/importMarkdownInParts.js'
export type { ImportInPartsOptions, ImportProgress } from './records/importMarkdownInParts.js'
export { PartialImportError } from './records/partialImportError.js'
export { DuplicateError } from './records/duplicateError.js'
export type { DuplicateErrorCode } from './records/duplicateError.js'
export type { DuplicateOptions, DuplicateProgress } from './records/duplicateOptions.js'
export { PartialDuplicateError } from './records/partialDuplicateError.js'
export type { DuplicatedRecords } from './records/partialDuplicateError.js'
export { TaskFailedError } from './sync/taskFailedError.js'
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
export { PageBlock } from './records/pageBlocks.js'
export { CollectionRowBlock } from './databases/collectionRowBlock.js'
export { ButtonBlock, FactoryBlock, TemplateBlock } from './records/templateBlocks.js'
export { CollectionViewBlock, CollectionViewPageBlock, FormBlock } from './databases/databaseBlocks.js'
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
// Live updates: options (the monitor itself: @notion-rx/core/advanced)
export type { ConnectionState, MessageStoreTransport, MonitorOptions } from './sync/monitor/monitorOptions.js'
// Collections (databases): property codecs, slugs, formulas, queries
export type { CollectionSchema, RowValue, SchemaProperty } from './databases/properties/collectionSchema.js'
export { decodeProperty, decodeRow } from './databases/properties/decodeProperty.js'
export { encodeProperty } from './databases/properties/encodeProperty.js'
export type { EncodedProperty } from './databases/properties/encodeProperty.js'
export type { PropertyCodecOptions } from './databases/properties/propertyCodecOptions.js'
export { fromNotionDate, propertyDateInstants, toNotionDate } from './databases/properties/propertyDate.js'
export type { DateReminder, PropertyDate, PropertyDateInput } from './databases/properties/propertyDate.js'
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
} from './databases/properties/propertyValueMap.js'
export { PROPERTY_VALUE_ERROR_CODES, PropertyValueError } from './databases/properties/propertyValueError.js'
export type { PropertyValueErrorCode, PropertyValueErrorDetails } from './databases/properties/propertyValueError.js'
export { propertySlug } from './databases/properties/propertySlug.js'
export { convertCell } from './databases/properties/convertCells.js'
export type { CellConversionContext } from './databases/properties/convertCells.js'
export { resolveProperty } from './databases/properties/resolveProperty.js'
export { UnknownPropertyError } from './databases/properties/unknownPropertyError.js'
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
} from './databases/query/queryOperators.js'
export type { Aggregator, FilterOperator, RelativeDate, RelativeDateRange } from './databases/query/queryOperators.js'
export { and, or, where } from './databases/query/queryFilter.js'
export type {
  FilterDay,
  FilterGroupInput,
  FilterInput,
  FilterLeafInput,
  FilterValueArgs,
  FilterValueMap,
} from './databases/query/queryFilter.js'
export { QueryBuilder } from './databases/query/queryBuilder.js'
export type { QueryBuilderOptions, SortDirection } from './databases/query/queryBuilder.js'
export { INVALID_QUERY_CODES, InvalidQueryError } from './databases/query/invalidQueryError.js'
export type { InvalidQueryCode } from './databases/query/invalidQueryError.js'
export { fromViewQuery2 } from './databases/query/fromViewQuery2.js'
export type { FromViewQuery2Options, ViewQuerySource } from './databases/query/fromViewQuery2.js'

// Databases: collection and view records, queries and live queries
export { Collection } from './databases/collection.js'
export type { AddPropertyOptions, AddRowOptions } from './databases/collection.js'
export { CollectionView } from './databases/collectionView.js'
export { CollectionViews, NEW_VIEW_TYPES } from './databases/collectionViews.js'
export type { NewViewType } from './databases/collectionViews.js'
export { CollectionQuery, builderFromOptions } from './databases/query/collectionQuery.js'
export type { AggregationInput, ExecuteCallOptions, QueryOptions, SortInput } from './databases/query/collectionQuery.js'
export type { ExecuteOptions } from './databases/query/runQuery.js'
export type { LiveQueryOptions } from './databases/live/liveQuery.js'
export type { QueryGroup, QueryResult } from './databases/query/queryResult.js'
export { rowProperties } from './databases/properties/rowProperties.js'
export type { RowProperties } from './databases/properties/rowProperties.js'
export { INVALID_SCHEMA_CHANGE_CODES, InvalidSchemaChangeError } from './databases/properties/invalidSchemaChangeError.js'
export type { InvalidSchemaChangeCode } from './databases/properties/invalidSchemaChangeError.js'
export { OPTION_COLORS } from './databases/properties/schemaEdits.js'

// Calendar and timeline views: rows laid out by date
export { calendarFromResult } from './databases/layouts/calendarResult.js'
export type { CalendarEntry, CalendarOptions, CalendarResult } from './databases/layouts/calendarResult.js'
export { timelineFromResult } from './databases/layouts/timelineResult.js'
export type { TimelineEntry, TimelineOptions, TimelineResult, UndatedRow } from './databases/layouts/timelineResult.js'
export { isDateProperty, viewDateLayout } from './databases/layouts/viewDateLayout.js'
export type { ViewDateLayout, ViewLayoutKind, ViewLayoutSource } from './databases/layouts/viewDateLayout.js'
export { dateWindowFilter, readDateWindow } from './databases/layouts/dateWindow.js'
export type { DateWindow, DateWindowInput } from './databases/layouts/dateWindow.js'
export { VIEW_LAYOUT_CODES, ViewLayoutError } from './databases/layouts/viewLayoutError.js'
export type { ViewLayoutCode, ViewLayoutErrorDetails } from './databases/layouts/viewLayoutError.js'
