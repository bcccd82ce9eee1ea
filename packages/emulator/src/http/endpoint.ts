import type { IncomingMessage } from 'node:http'
import type { z } from 'zod'
import type { AuthenticatedUser } from '../access/accounts.js'
import type { EmulatorContext } from '../emulatorContext.js'

export interface EndpointRequest {
  emulator: EmulatorContext
  /** The logged-in user; undefined only on endpoints with `auth: 'optional'`. */
  user: AuthenticatedUser | undefined
  http: IncomingMessage
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
  handle(request: EndpointRequest, body: z.infer<Schema>): unknown
}

/** Keeps the body type of each endpoint tied to its schema. */
export function defineEndpoint<Schema extends z.ZodType>(endpoint: Endpoint<Schema>): Endpoint<Schema> {
  return endpoint
}
