import { InputError } from './inputError.js'

/** A record the caller asked for does not exist, or the logged-in user may not read it. */
export class RecordNotFoundError extends InputError {
  override name = 'RecordNotFoundError' as const
  readonly code = 'record_not_found' as const
  readonly table: string
  readonly id: string

  constructor(table: string, id: string, hint = 'check the id, and that the token_v2 user can open it in Notion') {
    super(`${table} ${id} was not found or is not readable: ${hint}`)
    this.table = table
    this.id = id
  }

  static isRecordNotFoundError(error: unknown): error is RecordNotFoundError {
    return error instanceof RecordNotFoundError || InputError.sameKind(error, 'RecordNotFoundError')
  }
}
