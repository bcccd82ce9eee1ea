/** The system code of a failed call whose answer was too large to read whole (not worth retrying). */
export const ANSWER_TOO_LARGE = 'ERR_ANSWER_TOO_LARGE'

/** The headers of an answer, read by name (any case); `null` when absent, as `Headers.get` does. */
export interface AnswerHeaders {
  get(name: string): string | null
}

/** What the transport reads of an HTTP answer: the status, a few headers, the whole body. */
export interface HttpAnswer {
  readonly status: number
  readonly headers: AnswerHeaders
  readonly text: string
}

/** One POST as the transport sends it: the body serialized once, the headers by lower-case name. */
export interface HttpRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly signal: AbortSignal | undefined
}

/** Sends one POST and reads its answer whole; rejects only when no answer came (refused, reset, aborted). */
export type HttpPost = (request: HttpRequest) => Promise<HttpAnswer>
