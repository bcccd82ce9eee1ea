/** A database row as the evaluator reads it: the block's id and its value (as stored, unchecked). */
export interface QueryRow {
  readonly id: string
  readonly value: Readonly<Record<string, unknown>>
}
