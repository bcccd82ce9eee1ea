/**
 * The copy of a request an error or log event carries: credentials already replaced by
 * `[REDACTED]` (see `redactHeaders`). Never the caller's own object.
 */
export interface RedactedRequest {
  method: string
  url: string
  headers: Record<string, string>
}
