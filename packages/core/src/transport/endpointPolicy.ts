/**
 * Endpoints that only read. They are retried on 408, 429, 5xx, timeouts and network errors:
 * sending one twice changes nothing.
 */
export const READ_ENDPOINTS = [
  'loadPageChunk',
  'loadCachedPageChunk',
  'loadCachedPageChunkV2',
  'loadCachedPageChunks',
  'syncRecordValues',
  'syncRecordValuesMain',
  'syncRecordValuesSpace',
  'syncRecordValuesSpaceInitial',
  'getRecordValues',
  'queryCollection',
  'search',
  'searchPagesWithParent',
  'loadUserContent',
  'getSpaces',
  'getSpacesInitial',
  'getPublicPageData',
  'getPublicPageDataForDomain',
  'getPublicSpaceData',
  'getBacklinksForBlock',
  'getBacklinksForBlockInitial',
  'getSignedFileUrls',
  // Issues a fresh signed URL each time; nothing is created until the upload itself.
  'getUploadFileUrl',
  'getUploadGenericFileUrl',
  'getUploadSpaceFileUrl',
  'getActivityLog',
  'getTasks',
  'findUser',
] as const

/**
 * Endpoints that change data. A retry could apply a write twice, so they are retried on 5xx,
 * timeouts and network errors only when the caller says the request is idempotent (its body
 * carries a requestId / transaction id the server dedupes). A 429 is retried for them too: it
 * means the request was turned away before being processed.
 */
export const WRITE_ENDPOINTS = [
  'submitTransaction',
  'saveTransactions',
  'saveTransactionsFanout',
  'saveTransactionsMain',
  'deleteBlocks',
  'enqueueTask',
] as const

export type ReadEndpoint = (typeof READ_ENDPOINTS)[number]
export type WriteEndpoint = (typeof WRITE_ENDPOINTS)[number]
/** Known endpoints autocomplete; any other name is accepted (and treated as a write). */
export type Endpoint = ReadEndpoint | WriteEndpoint | (string & {})

export type EndpointKind = 'read' | 'write'

const reads: ReadonlySet<string> = new Set(READ_ENDPOINTS)

/** `read` for the endpoints of READ_ENDPOINTS; `write` for the rest, unknown names included (the safe side). */
export function endpointKind(endpoint: string): EndpointKind {
  return reads.has(endpointName(endpoint)) ? 'read' : 'write'
}

/** `queryCollection?src=initial_load` → `queryCollection`. */
export function endpointName(endpoint: string): string {
  const name = endpoint.replace(/^\/+/, '')
  const query = name.indexOf('?')
  return query === -1 ? name : name.slice(0, query)
}

/** What may be retried for one request. */
export interface RetryEligibility {
  /** 408, 5xx (but 501/505), timeouts and network errors. */
  transient: boolean
  /** 429: the server refused the request without processing it. */
  rateLimited: boolean
}

/**
 * The retry policy of one request: reads retry on every transient failure; writes only when
 * `idempotent` (which also lets a caller opt a read out with `idempotent: false`); 429 always.
 */
export function retryEligibility(endpoint: string, idempotent: boolean | undefined): RetryEligibility {
  const safe = idempotent ?? endpointKind(endpoint) === 'read'
  return { transient: safe, rateLimited: true }
}

/** Statuses worth another attempt when the request may be repeated. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || (status >= 500 && status <= 599 && status !== 501 && status !== 505)
}
