import { unsavedTransactionsErrorBodySchema } from '@notion-rx/protocol'
import { NotionApiError, type NotionApiErrorDetails } from './errors/notionApiError.js'
import type { NotionErrorOptions } from './errors/notionError.js'
import { RateLimitedError } from './errors/rateLimitedError.js'
import { TransactionRejectedError, type RejectedTransaction } from './errors/transactionRejectedError.js'
import type { AnswerHeaders } from './httpPost.js'
import { UnauthorizedError } from './errors/unauthorizedError.js'
import { UnknownEndpointError } from './errors/unknownEndpointError.js'
import { ValidationError } from './errors/validationError.js'
import { redactText, redactValue } from './redact.js'
import { clientDataRetryAfter, parseRetryAfter } from './retryDelay.js'

export interface ErrorResponse {
  status: number
  headers: AnswerHeaders
  text: string
}

export interface ErrorContext extends NotionErrorOptions {
  /** Values to scrub from anything the server echoes (the token, the active user). */
  secrets: readonly string[]
  hadActiveUser: boolean
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringField(body: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = body?.[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The readable part of an HTML or text body: `Cannot POST /api/v3/x`, at most 200 characters. */
function textOf(body: string): string | undefined {
  const pre = /<pre>([\s\S]*?)<\/pre>/i.exec(body)?.[1]
  const text = (pre ?? body.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim()
  if (text === '') return undefined
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text)
    return isObject(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

/**
 * The typed error for a non-2xx answer (docs/protocol.md#errors-and-limits): 401/403 → UnauthorizedError, 429 (or
 * `clientData.type: "rate_limited"`) → RateLimitedError, 400 `unsaved_transactions` →
 * TransactionRejectedError, other 400 → ValidationError, an HTML 404 → UnknownEndpointError,
 * the rest → NotionApiError. Whatever the server echoed is redacted.
 */
export function errorFromResponse(response: ErrorResponse, context: ErrorContext): NotionApiError {
  const { secrets, hadActiveUser, ...options } = context
  const body = parseBody(response.text)
  const rawClientData = isObject(body?.['clientData']) ? body['clientData'] : undefined
  const clientData = rawClientData && redactValue(rawClientData, secrets)
  const serverMessage = stringField(body, 'debugMessage') ?? stringField(body, 'message') ?? (body ? undefined : textOf(response.text))
  const notionName = stringField(body, 'name')
  const errorId = stringField(body, 'errorId')
  const serverRequestId = response.headers.get('x-request-id') ?? response.headers.get('cf-ray') ?? undefined
  const details: NotionApiErrorDetails = {
    ...options,
    status: response.status,
    ...(notionName !== undefined ? { notionName } : {}),
    ...(serverMessage !== undefined ? { serverMessage: redactText(serverMessage, secrets) } : {}),
    ...(errorId !== undefined ? { errorId } : {}),
    ...(serverRequestId !== undefined ? { serverRequestId } : {}),
    ...(clientData !== undefined ? { clientData } : {}),
  }
  const status = response.status

  if (status === 401 || status === 403) return new UnauthorizedError({ ...details, hadActiveUser })
  if (status === 429 || clientData?.['type'] === 'rate_limited') {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? clientDataRetryAfter(clientData)
    return new RateLimitedError({ ...details, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) })
  }
  if (status === 400 && clientData?.['type'] === 'unsaved_transactions') {
    const parsed = unsavedTransactionsErrorBodySchema.safeParse({ name: '', message: '', ...body, clientData })
    const errors: RejectedTransaction[] = parsed.success
      ? parsed.data.clientData.errors.map((error) => ({
          id: error.id,
          name: error.name,
          ...(error.message !== undefined ? { message: error.message } : {}),
          ...(error.retryable !== undefined ? { retryable: error.retryable } : {}),
        }))
      : []
    const untried = parsed.success ? (parsed.data.clientData.untried ?? []) : []
    return new TransactionRejectedError({ ...details, errors, untried })
  }
  if (status === 400) return new ValidationError(details)
  // A Notion JSON error with 404 is a real answer of a known endpoint; an HTML one is Express's "no route".
  if (status === 404 && notionName === undefined) return new UnknownEndpointError(details)
  return new NotionApiError(details)
}
