import { InputError } from './inputError.js'

/**
 * A block was asked for as a kind it is not (`client.getPage` of a to-do, `getBlock(id, { as:
 * ToDoBlock })` of a page). Checked when the block is loaded, so a typed result is never a lie.
 */
export class WrongBlockTypeError extends InputError {
  override name = 'WrongBlockTypeError' as const
  readonly code = 'wrong_block_type' as const
  readonly id: string
  /** What the caller asked for: a block type or a class name. */
  readonly expected: string
  /** The block's type as loaded (`undefined` for a block without one). */
  readonly actual: string | undefined

  constructor(id: string, expected: string, actual: string | undefined) {
    super(
      `block ${id} is a ${actual ?? 'block without a type'}, not a ${expected}: ask for it with getBlock(id) and check \`block.type\`, or pass the id of a ${expected}`,
    )
    this.id = id
    this.expected = expected
    this.actual = actual
  }

  static isWrongBlockTypeError(error: unknown): error is WrongBlockTypeError {
    return error instanceof WrongBlockTypeError || InputError.sameKind(error, 'WrongBlockTypeError')
  }
}
