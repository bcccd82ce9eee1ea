import type { OperationPath } from './operation.js'

/** Why an operation could not be parsed or applied. */
export const OPERATION_ERROR_CODES = [
  /** The operation itself is malformed (no id/table/pointer, bad path, ...). */
  'invalid_operation',
  /** `args` do not fit the command (e.g. `update` with an array, `listAfter` without `id`). */
  'invalid_args',
  /** The path runs through something that is not an object (or array index), or uses `__proto__`. */
  'invalid_path',
  /** The value at the path has the wrong type for the command (e.g. `listAfter` on a string). */
  'type_mismatch',
  /** A command `applyOperation` does not implement. */
  'unsupported_command',
] as const

export type OperationErrorCode = (typeof OPERATION_ERROR_CODES)[number]

/** What is known about the failing operation; every field is optional because parsing may fail early. */
export interface OperationErrorDetails {
  command?: string
  table?: string
  id?: string
  path?: OperationPath
  cause?: unknown
}

export class OperationError extends Error {
  override name = 'OperationError' as const
  readonly code: OperationErrorCode
  readonly command: string | undefined
  readonly table: string | undefined
  readonly id: string | undefined
  readonly path: OperationPath | undefined

  constructor(code: OperationErrorCode, reason: string, details: OperationErrorDetails = {}) {
    super(formatMessage(code, reason, details), 'cause' in details ? { cause: details.cause } : undefined)
    this.code = code
    this.command = details.command
    this.table = details.table
    this.id = details.id
    this.path = details.path
  }

  /** Also true for an OperationError from a duplicated copy of this package. */
  static isOperationError(error: unknown): error is OperationError {
    return (
      error instanceof OperationError ||
      (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'OperationError')
    )
  }
}

// e.g. `listAfter block/1f2e… at ["content"]: args.id must be a non-empty string (invalid_args)`
function formatMessage(code: OperationErrorCode, reason: string, details: OperationErrorDetails): string {
  const subject = [
    details.command,
    details.table !== undefined || details.id !== undefined ? `${details.table ?? '?'}/${details.id ?? '?'}` : undefined,
    details.path !== undefined ? `at ${JSON.stringify(details.path)}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(' ')
  return `${subject ? `${subject}: ` : ''}${reason} (${code})`
}
