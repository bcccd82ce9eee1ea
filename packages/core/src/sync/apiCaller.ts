import type { z } from 'zod'

export interface ApiCallOptions {
  /** The body carries a request/transaction id the server dedupes, so a retry is safe. */
  idempotent?: boolean
  signal?: AbortSignal
  /** Sent as `x-notion-space-id` (some current endpoints require it). */
  spaceId?: string
}

/** Posts to `/api/v3/<endpoint>` and returns the body validated by `schema`. The transport implements it. */
export type ApiCaller = <Schema extends z.ZodType>(
  endpoint: string,
  body: unknown,
  schema: Schema,
  options?: ApiCallOptions,
) => Promise<z.infer<Schema>>

/** True for the error a server gives for an endpoint it does not have (404 `Cannot POST`). */
export type UnknownEndpointCheck = (error: unknown) => boolean
