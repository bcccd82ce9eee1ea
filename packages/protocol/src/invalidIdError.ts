/** The forms `parseId` accepts, quoted in every InvalidIdError message. */
const ACCEPTED_FORMS =
  'a 32-hex id, a dashed UUID, a page slug ("My-Page-<32hex>"), or a Notion URL ' +
  '(www.notion.so, notion.so, app.notion.com, *.notion.site or a custom domain) whose path ends in ' +
  '"<32hex>" or "<slug>-<32hex>", optionally with ?v=<view id>, ?p=<peeked page id> or #<block id>'

const MAX_QUOTED = 120

/** An input that is neither a Notion id nor a URL with one. `input` holds it in full. */
export class InvalidIdError extends Error {
  override name = 'InvalidIdError' as const
  readonly input: string

  constructor(input: string, reason?: string) {
    super(`Invalid Notion id or URL ${quote(input)}${reason ? ` (${reason})` : ''}. Expected ${ACCEPTED_FORMS}.`)
    this.input = input
  }

  /** Also true for an InvalidIdError from a duplicated copy of this package. */
  static isInvalidIdError(error: unknown): error is InvalidIdError {
    return (
      error instanceof InvalidIdError ||
      (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'InvalidIdError')
    )
  }
}

// Long inputs (a pasted document) would drown the message; keep the start and the length.
function quote(input: string): string {
  if (input.length <= MAX_QUOTED) return JSON.stringify(input)
  return `${JSON.stringify(input.slice(0, MAX_QUOTED))}… (${input.length} characters)`
}
