import type { IncomingMessage } from 'node:http'
import type { Envelope } from '@notion-rx/protocol'
import type { z } from 'zod'
import type { AuthenticatedUser } from '../access/accounts.js'
import type { EmulatorContext } from '../emulatorContext.js'

export interface EndpointRequest {
  emulator: EmulatorContext
  /** The logged-in user; undefined only on endpoints with `auth: 'optional'`. */
  user: AuthenticatedUser | undefined
  http: IncomingMessage
  /** The envelope of record maps in this answer, and whether to answer as today's Notion (`/strict/api/v3`). */
  profile: { envelope: Envelope; strict: boolean }
}

/**
 * One `POST /api/v3/<name>` endpoint: its body schema (a failing body is a 400 ValidationError
 * naming the path) and its handler, which returns the JSON response or throws an ApiError.
 */
export interface Endpoint<Schema extends z.ZodType = z.ZodType> {
  name: string
  /** `required`: no or unknown token_v2 is a 401. `optional`: anonymous callers get public data. */
  auth: 'required' | 'optional'
  body: Schema
  /**
   * Real Notion has retired this endpoint for most callers: in strict mode it is answered as an
   * unknown endpoint (404), as Notion now answers it. The text says since when and where seen.
   */
  retired?: string
  /**
   * The answer depends only on the body, the caller, the request profile and the stored records
   * (no clock, no headers, no writes): identical requests between two writes are answered from the
   * response cache (http/responseCache.ts) with the same bytes.
   */
  cacheable?: true
  handle(request: EndpointRequest, body: z.infer<Schema>): unknown
}

/** Keeps the body type of each endpoint tied to its schema. */
export function defineEndpoint<Schema extends z.ZodType>(endpoint: Endpoint<Schema>): Endpoint<Schema> {
  return endpoint
}
