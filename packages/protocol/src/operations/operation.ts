import { z } from 'zod'
import type { RecordTable } from '../tables.js'
import { OperationError } from './operationError.js'

/**
 * The commands `applyOperation` implements (docs/protocol.md#commands). Notion's own client knows more
 * (`addRelationAfter`, `listReplace`, ...); those still parse as operations but are unsupported.
 */
export const OPERATION_COMMANDS = [
  'set',
  'update',
  'listAfter',
  'listBefore',
  'listRemove',
  'setParent',
  'setPermissionItem',
  'keyedObjectListAfter',
  'keyedObjectListBefore',
  'keyedObjectListRemove',
  'keyedObjectListUpdate',
] as const

export type SupportedCommand = (typeof OPERATION_COMMANDS)[number]
/** Any command string: supported ones autocomplete, others are carried through untouched. */
export type OperationCommand = SupportedCommand | (string & {})

/** One key of a path: an object key, or an index into an array (as in `["file_ids", 0]`). */
export type PathSegment = string | number
/** Keys from the record root; `[]` is the record itself. */
export type OperationPath = readonly PathSegment[]

/** The record an operation targets, in the pointer form. `spaceId` is optional on the wire. */
export interface OperationPointer {
  table: RecordTable
  id: string
  spaceId?: string
}

interface OperationFields {
  path: OperationPath
  command: OperationCommand
  /** Command-specific; see `commandArgs.ts` for the shapes `applyOperation` reads. */
  args: unknown
  /** Sent by the current web app alongside some ops; preserved, never interpreted here. */
  additionalUpdatedPointers?: OperationPointer[]
  /** Other fields seen in the wild (e.g. `blockPropertyValueExpectedVersions`) are preserved. */
  [extra: string]: unknown
}

/** The older form (`submitTransaction`, notion-py): `{id, table, path, command, args}`. */
export interface FlatOperation extends OperationFields {
  id: string
  table: RecordTable
}

/** The current web app's form: `{pointer: {table, id, spaceId?}, path, command, args}`. */
export interface PointerOperation extends OperationFields {
  pointer: OperationPointer
}

/** Either form; both may be mixed in one transaction (docs/protocol.md#operation-forms). */
export type Operation = FlatOperation | PointerOperation

/** Which record an operation targets, whatever its form. */
export interface OperationTarget {
  table: RecordTable
  id: string
  spaceId?: string
}

export function isSupportedCommand(command: string): command is SupportedCommand {
  return (OPERATION_COMMANDS as readonly string[]).includes(command)
}

export function isPointerOperation(op: Operation): op is PointerOperation {
  const pointer = op['pointer']
  return typeof pointer === 'object' && pointer !== null
}

/** `{table, id, spaceId?}` of either form. A flat op may carry its own `spaceId`; it is kept. */
export function operationTarget(op: Operation): OperationTarget {
  if (isPointerOperation(op)) {
    const { table, id, spaceId } = op.pointer
    return spaceId === undefined ? { table, id } : { table, id, spaceId }
  }
  const spaceId = op['spaceId']
  return typeof spaceId === 'string' ? { table: op.table, id: op.id, spaceId } : { table: op.table, id: op.id }
}

/**
 * Some clients (notion-py's `build_operation`) send `path` as a dotted string:
 * `"format.page_icon"` becomes `["format", "page_icon"]` and `""` becomes `[]`.
 */
export function normalizeOperationPath(path: string | OperationPath): PathSegment[] {
  if (typeof path === 'string') return path === '' ? [] : path.split('.')
  return [...path]
}

export const operationPathSchema = z
  .union([z.string(), z.array(z.union([z.string(), z.number().int().nonnegative()]))])
  .transform((path): OperationPath => normalizeOperationPath(path))

export const operationPointerSchema = z.looseObject({
  table: z.string().min(1),
  id: z.string().min(1),
  spaceId: z.string().exactOptional(),
})

const operationFieldsShape = {
  path: operationPathSchema,
  command: z.string().min(1),
  // Required on the wire, but any JSON (including null) is a valid value.
  args: z.unknown().refine((args) => args !== undefined, 'args is required'),
  additionalUpdatedPointers: z.array(operationPointerSchema).exactOptional(),
}

/** Unknown fields are preserved (loose objects), so a round trip loses nothing. */
export const flatOperationSchema = z.looseObject({
  id: z.string().min(1),
  table: z.string().min(1),
  ...operationFieldsShape,
})

export const pointerOperationSchema = z.looseObject({
  pointer: operationPointerSchema,
  ...operationFieldsShape,
})

/** Validates either form and normalizes a string `path` to an array. */
export const operationSchema = z.union([pointerOperationSchema, flatOperationSchema])

// Compile-time check: what the schema outputs is an Operation.
type Assert<T extends true> = T
export type _OperationSchemaMatches = Assert<z.output<typeof operationSchema> extends Operation ? true : false>

/**
 * Validates one operation of either form from untrusted input (a request body, a recording).
 * Throws an `OperationError` with code `invalid_operation` (the zod error as `cause`).
 * Unsupported commands pass: they are rejected, if at all, when applied.
 */
export function parseOperation(raw: unknown): Operation {
  const result = operationSchema.safeParse(raw)
  if (result.success) return result.data
  const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
  // The union's own error only says "Invalid input"; re-check against the form meant, for a useful message.
  const form = 'pointer' in fields ? pointerOperationSchema : flatOperationSchema
  const detailed = form.safeParse(raw)
  const error = detailed.success ? result.error : detailed.error
  const issue = error.issues[0]
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
  throw new OperationError('invalid_operation', `not an operation${where}: ${issue?.message ?? 'invalid input'}`, {
    ...(typeof fields['command'] === 'string' ? { command: fields['command'] } : {}),
    cause: error,
  })
}
