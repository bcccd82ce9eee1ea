/**
 * Every `code` a notion-rx transport error can carry, as a literal union (no `enum`: the project
 * compiles with `erasableSyntaxOnly`). Switch on `error.code` for exhaustive handling.
 */
export const NOTION_ERROR_CODES = {
  ApiError: 'api_error',
  ServerError: 'server_error',
  Unauthorized: 'unauthorized',
  RateLimited: 'rate_limited',
  ValidationError: 'validation_error',
  TransactionRejected: 'transaction_rejected',
  UnknownEndpoint: 'unknown_endpoint',
  NetworkError: 'network_error',
  ProtocolError: 'protocol_error',
} as const

export type NotionErrorCode = (typeof NOTION_ERROR_CODES)[keyof typeof NOTION_ERROR_CODES]

/** Codes of errors that carry an HTTP response (the `NotionApiError` family). */
export type NotionApiErrorCode = Exclude<NotionErrorCode, 'network_error' | 'protocol_error'>

// Kept as `{[C in Code]: true}` records so that adding a code without classifying it fails to compile.
const API_ERROR_CODES: { [C in NotionApiErrorCode]: true } = {
  api_error: true,
  server_error: true,
  unauthorized: true,
  rate_limited: true,
  validation_error: true,
  transaction_rejected: true,
  unknown_endpoint: true,
}
const OTHER_ERROR_CODES: { [C in Exclude<NotionErrorCode, NotionApiErrorCode>]: true } = {
  network_error: true,
  protocol_error: true,
}

type Assert<T extends true> = T
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
// The two sets partition the codes: neither may widen or drift from NOTION_ERROR_CODES.
export type _CodesArePartitioned = Assert<
  Equals<keyof typeof API_ERROR_CODES | keyof typeof OTHER_ERROR_CODES, NotionErrorCode>
>

export function isNotionErrorCode(value: unknown): value is NotionErrorCode {
  return typeof value === 'string' && (Object.hasOwn(API_ERROR_CODES, value) || Object.hasOwn(OTHER_ERROR_CODES, value))
}

export function isNotionApiErrorCode(value: unknown): value is NotionApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(API_ERROR_CODES, value)
}
