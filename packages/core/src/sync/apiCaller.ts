import type { z } from 'zod'
import type { Endpoint } from '../transport/endpointPolicy.js'
import type { Normalized } from '../transport/normalizeResponse.js'

export interface ApiCallOptions {
  /** The body carries a request/transaction id the server dedupes, so a retry is safe. */
  idempotent?: boolean
  signal?: AbortSignal
  /** Sent as `x-notion-space-id` (some current endpoints require it). */
  spaceId?: string
}

/**
 * Posts to `/api/v3/<endpoint>` and returns the body validated by `schema`, its record maps
 * normalized (the transport implements it, and its type says the normalizing is done).
 */
export type ApiCaller = <Schema extends z.ZodType, E extends Endpoint = Endpoint>(
  endpoint: E,
  body: unknown,
  schema: Schema,
  options?: ApiCallOptions,
) => Promise<Normalized<z.output<Schema>, E>>

/** True for the error a server gives for an endpoint it does not have (404 `Cannot POST`). */
export type UnknownEndpointCheck = (error: unknown) => boolean
