/**
 * Wire formats of Notion's internal v3 API: zod schemas and types for records, rich text, record maps,
 * operations (`applyOperation`), endpoint bodies, `parseId`, and the query and formula evaluators.
 * @module @notion-rx/protocol
 */
export { RECORD_TABLES, ROLES, isKnownTable } from './tables.js'
export type { KnownTable, RecordTable, Role } from './tables.js'
export {
  RECORD_MAP_VERSION_KEY,
  normalizeRecordEntry,
  normalizeRecordMap,
  toWireEntry,
  toWireRecordMap,
} from './recordMap.js'
export type { Envelope, NormalizedRecordMap, RecordEntry } from './recordMap.js'
// Endpoints
export { recordPointerSchema } from './endpoints/recordPointer.js'
export type { RecordPointer } from './endpoints/recordPointer.js'
export {
  syncRecordRequestSchema,
  syncRecordValuesRequestSchema,
  syncRecordValuesResponseSchema,
  syncRequestPointer,
} from './endpoints/syncRecordValues.js'
export type { SyncRecordRequest, SyncRecordValuesRequest, SyncRecordValuesResponse } from './endpoints/syncRecordValues.js'
export { getRecordValuesRequestSchema, getRecordValuesResponseSchema } from './endpoints/getRecordValues.js'
export type { GetRecordValuesRequest, GetRecordValuesResponse } from './endpoints/getRecordValues.js'
export {
  PAGE_CHUNK_MAX_LIMIT,
  pageChunkCursorFrameSchema,
  pageChunkCursorSchema,
  pageChunkLimitSchema,
} from './endpoints/pageChunkCursor.js'
export type { PageChunkCursor, PageChunkCursorFrame } from './endpoints/pageChunkCursor.js'
export { loadPageChunkRequestSchema, loadPageChunkResponseSchema } from './endpoints/loadPageChunk.js'
export type { LoadPageChunkRequest, LoadPageChunkResponse } from './endpoints/loadPageChunk.js'
export { loadCachedPageChunkRequestSchema, loadCachedPageChunkResponseSchema } from './endpoints/loadCachedPageChunk.js'
export type { LoadCachedPageChunkRequest, LoadCachedPageChunkResponse } from './endpoints/loadCachedPageChunk.js'
export {
  existingRecordVersionSchema,
  loadCachedPageChunkV2RequestSchema,
  loadCachedPageChunkV2ResponseSchema,
} from './endpoints/loadCachedPageChunkV2.js'
export type {
  ExistingRecordVersion,
  LoadCachedPageChunkV2Request,
  LoadCachedPageChunkV2Response,
} from './endpoints/loadCachedPageChunkV2.js'
export { loadUserContentRequestSchema, loadUserContentResponseSchema } from './endpoints/loadUserContent.js'
export type { LoadUserContentRequest, LoadUserContentResponse } from './endpoints/loadUserContent.js'
export { getSpacesRequestSchema, getSpacesResponseSchema } from './endpoints/getSpaces.js'
export type { GetSpacesRequest, GetSpacesResponse } from './endpoints/getSpaces.js'
export { getPublicPageDataRequestSchema, getPublicPageDataResponseSchema } from './endpoints/getPublicPageData.js'
export {
  enqueueTaskRequestSchema,
  enqueueTaskResponseSchema,
  exportBlockRequestSchema,
  exportedBlockId,
  exportOptionsSchema,
} from './endpoints/enqueueTask.js'
export type { EnqueueTaskRequest, EnqueueTaskResponse, ExportBlockRequest, ExportOptions } from './endpoints/enqueueTask.js'
export { getTasksRequestSchema, getTasksResponseSchema, TASK_STATES, taskSchema } from './endpoints/getTasks.js'
export type { GetTasksRequest, GetTasksResponse, Task, TaskState } from './endpoints/getTasks.js'
export type { GetPublicPageDataRequest, GetPublicPageDataResponse } from './endpoints/getPublicPageData.js'
export {
  aggregationReducerSchema,
  aggregationResultSchema,
  groupBySchema,
  groupResultSchema,
  groupsReducerSchema,
  isLegacyQueryCollectionBody,
  queryCollectionPointerSchema,
  queryCollectionRequestSchema,
  queryCollectionResponseSchema,
  queryFilterLeafSchema,
  queryFilterSchema,
  queryReducerSchema,
  querySortSchema,
  reducerLoaderSchema,
  reducerResultSchema,
  resultsReducerSchema,
} from './endpoints/queryCollection.js'
export type {
  AggregationResult,
  GroupBy,
  GroupResult,
  QueryCollectionPointer,
  QueryCollectionRequest,
  QueryCollectionResponse,
  QueryFilter,
  QueryFilterGroup,
  QueryFilterLeaf,
  QueryReducer,
  QuerySort,
  ReducerLoader,
  ReducerResult,
} from './endpoints/queryCollection.js'
export {
  saveTransactionsRequestSchema,
  saveTransactionsResponseSchema,
  transactionSchema,
} from './endpoints/saveTransactions.js'
export type { SaveTransactionsRequest, SaveTransactionsResponse, Transaction } from './endpoints/saveTransactions.js'
export { submitTransactionRequestSchema, submitTransactionResponseSchema } from './endpoints/submitTransaction.js'
export type { SubmitTransactionRequest, SubmitTransactionResponse } from './endpoints/submitTransaction.js'
export { deleteBlocksRequestSchema, deleteBlocksResponseSchema } from './endpoints/deleteBlocks.js'
export type { DeleteBlocksRequest, DeleteBlocksResponse } from './endpoints/deleteBlocks.js'
export { unsavedTransactionErrorSchema, unsavedTransactionsErrorBodySchema } from './endpoints/unsavedTransactions.js'
export type { UnsavedTransactionError, UnsavedTransactionsErrorBody } from './endpoints/unsavedTransactions.js'
export {
  searchFiltersSchema,
  searchPagesWithParentRequestSchema,
  searchRequestSchema,
  searchResponseSchema,
  searchResultSchema,
  searchSortSchema,
} from './endpoints/search.js'
export type {
  SearchFilters,
  SearchPagesWithParentRequest,
  SearchRequest,
  SearchResponse,
  SearchResult,
  SearchSort,
} from './endpoints/search.js'
export {
  backlinkSchema,
  getBacklinksForBlockRequestSchema,
  getBacklinksForBlockResponseSchema,
} from './endpoints/getBacklinksForBlock.js'
export type { Backlink, GetBacklinksForBlockRequest, GetBacklinksForBlockResponse } from './endpoints/getBacklinksForBlock.js'
// Operations
export {
  OPERATION_COMMANDS,
  flatOperationSchema,
  isPointerOperation,
  isSupportedCommand,
  normalizeOperationPath,
  operationPathSchema,
  operationPointerSchema,
  operationSchema,
  operationTarget,
  parseOperation,
  pointerOperationSchema,
} from './operations/operation.js'
export type {
  FlatOperation,
  Operation,
  OperationCommand,
  OperationPath,
  OperationPointer,
  OperationTarget,
  PathSegment,
  PointerOperation,
  SupportedCommand,
} from './operations/operation.js'
export type {
  KeyedObject,
  KeyedObjectListArgs,
  ListAfterArgs,
  ListBeforeArgs,
  ListRemoveArgs,
  PermissionItem,
  SetParentArgs,
} from './operations/commandArgs.js'
export { applyOperation, applyOperations } from './operations/applyOperation.js'
export { deepFreeze } from './deepFreeze.js'
export type { ApplyOperationOptions, RecordValue, RecordValues } from './operations/applyOperation.js'
export { OPERATION_ERROR_CODES, OperationError } from './operations/operationError.js'
export type { OperationErrorCode, OperationErrorDetails } from './operations/operationError.js'
// Ids and URLs
export { parseId, toDashedId, toDashlessId } from './parseId.js'
export type { ParsedId } from './parseId.js'
export { InvalidIdError } from './invalidIdError.js'
// Rich text
export {
  COLORS,
  DECORATION_CODES,
  EQUATION_PLACEHOLDER,
  MENTION_PLACEHOLDER,
  NOTION_DATE_TYPES,
  decorationSchema,
  isDecorationCode,
  isKnownDecoration,
  knownDecorationSchema,
  linkMentionSchema,
  notionDateSchema,
  plainTextToRichText,
  richTextSchema,
  richTextSegmentSchema,
  richTextToPlainText,
  unknownDecorationSchema,
} from './richText.js'
export type {
  BoldDecoration,
  CodeDecoration,
  Color,
  ColorDecoration,
  CustomEmojiDecoration,
  DateMentionDecoration,
  Decoration,
  DecorationCode,
  DiscussionDecoration,
  EquationDecoration,
  ExternalMentionDecoration,
  ExternalObjectDecoration,
  ItalicDecoration,
  KnownDecoration,
  LinkDecoration,
  LinkMention,
  LinkMentionDecoration,
  NotionDate,
  NotionDateType,
  PageMentionDecoration,
  RichText,
  RichTextSegment,
  RichTextToPlainTextOptions,
  StrikeDecoration,
  SuggestionDecoration,
  UnderlineDecoration,
  UnknownDecoration,
  UserMentionDecoration,
} from './richText.js'
// Record values
export { PARENT_TABLES } from './records/recordBase.js'
export type { ParentTable } from './records/recordBase.js'
export { embeddedPointerSchema } from './records/embeddedPointer.js'
export type { EmbeddedPointer } from './records/embeddedPointer.js'
export { PERMISSION_TYPES, permissionRoleSchema, permissionSchema } from './records/permission.js'
export type {
  BotPermission,
  GroupPermission,
  Permission,
  PermissionRole,
  PermissionType,
  PublicPermission,
  SpacePermission,
  UnknownPermission,
  UserPermission,
} from './records/permission.js'
export { BLOCK_TYPES, isKnownBlockType } from './records/blockTypes.js'
export type { BlockType, KnownBlockType } from './records/blockTypes.js'
export { blockFormatSchema, blockValueSchema } from './records/block.js'
export type { BlockFormat, BlockValue } from './records/block.js'
export { PROPERTY_TYPES, isKnownPropertyType } from './records/propertyTypes.js'
export type { KnownPropertyType, PropertyType } from './records/propertyTypes.js'
export {
  collectionFormatSchema,
  collectionPropertySchema,
  collectionValueSchema,
  selectOptionSchema,
} from './records/collection.js'
export type { CollectionFormat, CollectionProperty, CollectionValue, SelectOption } from './records/collection.js'
export {
  COLLECTION_VIEW_TYPES,
  collectionQuery2Schema,
  collectionViewFormatSchema,
  collectionViewValueSchema,
  viewPropertySchema,
} from './records/collectionView.js'
export type {
  CollectionQuery2,
  CollectionViewFormat,
  CollectionViewType,
  CollectionViewValue,
  ViewProperty,
} from './records/collectionView.js'
export { spaceValueSchema } from './records/space.js'
export type { SpaceValue } from './records/space.js'
export { spaceViewValueSchema } from './records/spaceView.js'
export type { SpaceViewValue } from './records/spaceView.js'
export { spaceUserValueSchema } from './records/spaceUser.js'
export type { SpaceUserValue } from './records/spaceUser.js'
export { notionUserValueSchema } from './records/notionUser.js'
export type { NotionUserValue } from './records/notionUser.js'
export { userRootValueSchema } from './records/userRoot.js'
export type { UserRootValue } from './records/userRoot.js'
export { userSettingsSchema, userSettingsValueSchema } from './records/userSettings.js'
export type { UserSettings, UserSettingsValue } from './records/userSettings.js'
export { discussionValueSchema } from './records/discussion.js'
export type { DiscussionValue } from './records/discussion.js'
export { commentValueSchema } from './records/comment.js'
export type { CommentValue } from './records/comment.js'
export { RECORD_SCHEMAS, parseRecordValue } from './recordSchemas.js'
export type { ParseRecordValueResult, RecordValueOf } from './recordSchemas.js'
export { formatIssuePath, formatIssues } from './formatIssues.js'
// Files
export {
  UPLOAD_BUCKETS,
  getUploadFileUrlRequestSchema,
  getUploadFileUrlResponseSchema,
  isPostUploadSlot,
  postUploadSlotSchema,
  putUploadSlotSchema,
  uploadHeaderSchema,
} from './endpoints/getUploadFileUrl.js'
export type {
  GetUploadFileUrlRequest,
  GetUploadFileUrlResponse,
  PostUploadSlot,
  PutUploadSlot,
  UploadBucket,
  UploadHeader,
} from './endpoints/getUploadFileUrl.js'
export {
  getSignedFileUrlsRequestSchema,
  getSignedFileUrlsResponseSchema,
  signedFileUrlRequestSchema,
} from './endpoints/getSignedFileUrls.js'
export type {
  GetSignedFileUrlsRequest,
  GetSignedFileUrlsResponse,
  SignedFileUrlRequest,
} from './endpoints/getSignedFileUrls.js'
// Message store (live updates)
export {
  ackNotificationMessageSchema,
  diagnosticPingMessageSchema,
  messageStoreNotificationSchema,
  messageStoreRequestSchema,
  messageStoreResponseSchema,
  messageStoreServerMessageSchema,
  messageStoreSubscriptionSchema,
  registerBatchSubscriptionsMessageSchema,
  registerSubscriptionMessageSchema,
  registerSubscriptionsResultSchema,
  unregisterBatchSubscriptionsMessageSchema,
} from './messageStore/messageStoreMessages.js'
export type {
  MessageStoreNotification,
  MessageStoreRequest,
  MessageStoreRequestType,
  MessageStoreResponse,
  MessageStoreServerMessage,
  MessageStoreSubscription,
  RegisterSubscriptionsResult,
} from './messageStore/messageStoreMessages.js'
export { decodePrimusFrame, encodePrimusFrame, primusPing, primusPong } from './messageStore/primusFraming.js'
export type { PrimusFrame } from './messageStore/primusFraming.js'
export { collectionSubscriptionKey, parseSubscriptionKey, recordSubscriptionKey } from './messageStore/subscriptionKey.js'
export type { SubscriptionKey } from './messageStore/subscriptionKey.js'
export { AGGREGATORS, FILTER_OPERATORS, RELATIVE_DATE_RANGES, RELATIVE_DATES } from './endpoints/queryVocabulary.js'
export type { Aggregator, FilterOperator, RelativeDate, RelativeDateRange } from './endpoints/queryVocabulary.js'
// Query evaluation (the emulator's queryCollection, the SDK's live queries)
export { aggregateCells } from './query/aggregateCells.js'
export type { CellAggregate } from './query/aggregateCells.js'
export { aggregateRows } from './query/aggregateRows.js'
export { dayInZone, isCalendarDay, shiftDay } from './query/calendarDay.js'
export type { CalendarDay } from './query/calendarDay.js'
export { CellReader, decodeCell, isEmptyValue, textOf, valuesOf } from './query/cellValue.js'
export type { CellReaderOptions, CellValue, DateCell, DecodeCellOptions } from './query/cellValue.js'
export { compileFilter } from './query/compileFilter.js'
export type { FilterContext, RowPredicate } from './query/compileFilter.js'
export { groupRows } from './query/groupRows.js'
export type { GroupOptions, RowGroup } from './query/groupRows.js'
export { matchesSearch } from './query/matchesSearch.js'
export { decorationsOf, plainText, segmentsOf } from './query/storedCell.js'
export type { Segment } from './query/storedCell.js'
export { QueryEvaluationError } from './query/queryEvaluationError.js'
export type { QueryRow } from './query/queryRow.js'
export { readQuerySchema } from './query/querySchema.js'
export type { QuerySchema, QuerySchemaProperty } from './query/querySchema.js'
export type { RelatedRow, RelatedRowLookup } from './query/relatedRow.js'
export { rollupCells } from './query/rollupCells.js'
export type { Rollup } from './query/rollupCells.js'
export { readRollupSettings, ROLLUP_AGGREGATIONS } from './query/rollupSettings.js'
export type { RollupAggregation, RollupSettings } from './query/rollupSettings.js'
export { defaultOrder, defaultOrderComparator, sortComparator, sortRows } from './query/sortRows.js'
export type { RowComparator } from './query/sortRows.js'
export { dayString, instantOfWallClock, isValidTimeZone, timeString, wallClockOf } from './query/zonedTime.js'
export type { WallClock } from './query/zonedTime.js'
// Formulas (computed by Notion's clients, so by the emulator's queries and the SDK alike)
export { evaluateFormula } from './formula/evaluateFormula.js'
export type { FormulaEvaluation, FormulaScope } from './formula/evaluateFormula.js'
export { formatMomentDate } from './formula/formatMomentDate.js'
export { formulaDate, formulaDateEnd, formulaDateHasTime } from './formula/formulaValue.js'
export type { FormulaValue } from './formula/formulaValue.js'
