import { ANSWER_TOO_LARGE } from '../httpPost.js'
import { NotionError, hasErrorNameAndCode, type NotionErrorOptions } from './notionError.js'

export interface NetworkErrorDetails extends NotionErrorOptions {
  /** True when no answer came within the `timeout` option. */
  timedOut: boolean
  /** The system error code when there is one (`ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET`, ..., `ERR_ANSWER_TOO_LARGE`). */
  systemCode?: string
  /** The timeout in ms that ran out, when `timedOut`. */
  timeoutMs?: number
}

/** No HTTP answer: connection refused or reset, DNS failure, or a timeout. */
export class NetworkError extends NotionError {
  override readonly name = 'NetworkError' as const
  readonly code = 'network_error' as const
  readonly timedOut: boolean
  readonly systemCode: string | undefined

  constructor(details: NetworkErrorDetails) {
    const attempts = details.attempts > 1 ? ` after ${details.attempts} attempts` : ''
    const what = details.timedOut
      ? `no answer from ${details.request.url} within ${details.timeoutMs ?? '?'} ms${attempts}. Raise the timeout option, or try again later.`
      : details.systemCode === ANSWER_TOO_LARGE
        ? `the answer from ${details.request.url} is too large to read (over 512 MiB). Ask for fewer records per call.`
        : `could not reach ${details.request.url} (${details.systemCode ?? 'connection failed'})${attempts}. Check baseUrl and the network connection.`
    super(`${details.endpoint}: ${what}`, details)
    this.timedOut = details.timedOut
    this.systemCode = details.systemCode
  }

  static isNetworkError(error: unknown): error is NetworkError {
    return error instanceof NetworkError || hasErrorNameAndCode(error, ['NetworkError'], (c) => c === 'network_error')
  }
}
