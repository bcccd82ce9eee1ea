import {
  plainTextToRichText,
  richTextSchema,
  richTextToPlainText,
  type Operation,
  type OperationPointer,
  type RichText,
  type RichTextSegment,
} from '@notion-rx/protocol'
import type { ClientContext } from '../clientContext.js'
import { InvalidValueError } from './invalidValueError.js'
import { valueAtPath } from './recordPath.js'

/**
 * A mapped accessor of a record (notion-py's `field_map` / `property_map`): where its value lives
 * in the record, how it is read and written, and what a setter accepts. Record classes declare
 * their accessors with these in `static fields`, and the getter, the `x$` twin and the setter are
 * generated from that one declaration (`defineFieldAccessors`); `addNew` props use it too, so
 * they all share one definition and one validation.
 */
export interface BlockField<T, N extends string = string> {
  /** The accessor's name, as in `block.<name>` and `addNew(type, { <name>: ... })`. */
  readonly name: N
  readonly path: readonly string[]
  /** What the setter accepts, for InvalidValueError messages: `a boolean`. */
  readonly accepts: string
  readonly check: (value: unknown) => boolean
  readonly decode: (raw: unknown, context: ClientContext) => T
  /** The JSON to `set` at `path`; `null` removes the key. */
  readonly encode: (value: T) => unknown
  /** No setter: the accessor only reads (and observes). */
  readonly readOnly?: boolean
  /** Writing the value the accessor reads queues nothing (a title read and written back). */
  readonly skipsUnchanged?: boolean
}

/** A field of any value type (values are checked at run time by `check` before `encode`). */
// `any`, not `unknown`: `encode` is contravariant, so BlockField<boolean> is no BlockField<unknown>.
export type AnyBlockField = BlockField<any>

export type FieldMap = Readonly<Record<string, AnyBlockField>>

/**
 * A class's own field declarations, keyed by accessor name (each key is its field's `name`); a
 * doc comment on a key documents the generated accessor.
 */
export type FieldDeclarations = Readonly<Record<string, AnyBlockField>>

/** Checks, in the types, that every key of a declaration object is its field's name. */
export type NamedByKey<F extends FieldDeclarations> = { readonly [K in keyof F]: F[K] & { readonly name: K } }

/** A class's fields keyed by accessor name, on top of its parent's. */
export function fieldMap<F extends FieldDeclarations>(inherited: FieldMap, fields: F & NamedByKey<F>): FieldMap {
  return Object.freeze({ ...inherited, ...fields })
}

/** `field` without a setter: its accessor reads and observes only (a user's email). */
export function readOnlyField<T, N extends string>(field: BlockField<T, N>): BlockField<T, N> & { readonly readOnly: true } {
  return Object.freeze({ ...field, readOnly: true as const })
}

function isRichText(raw: unknown): raw is RichText {
  return richTextSchema.safeParse(raw).success
}

function asRichText(raw: unknown): RichText {
  return Array.isArray(raw) && isRichText(raw) ? raw : []
}

function pathOf(path: string): readonly string[] {
  return Object.freeze(path.split('.'))
}

/**
 * Mention text from what the store holds: a user's name, a page's title, a date's start. What is
 * not loaded gives nothing (as notion-types' getTextContent).
 */
function mentionText(context: ClientContext): (segment: RichTextSegment) => string {
  return (segment) => {
    const decoration = segment[1]?.[0]
    if (!decoration) return ''
    const [code, arg] = decoration as readonly [string, unknown]
    if (code === 'u' && typeof arg === 'string') {
      const user = context.store.get('notion_user', arg)?.value
      const name = user?.['name'] ?? [user?.['given_name'], user?.['family_name']].filter(Boolean).join(' ')
      return typeof name === 'string' ? name : ''
    }
    if (code === 'p' && typeof arg === 'string') {
      return richTextToPlainText(asRichText(valueAtPath(context.store.get('block', arg)?.value, ['properties', 'title'])))
    }
    if (code === 'd' && typeof arg === 'object' && arg !== null) {
      const start = (arg as Record<string, unknown>)['start_date']
      return typeof start === 'string' ? start : ''
    }
    return ''
  }
}

/**
 * Rich text read and written as a plain string (no decorations on write; `''` clears it).
 * `resolveMentions` makes user/page/date mentions read as their text (titlePlaintext).
 */
export function plainTextField<N extends string>(name: N, path: string, options: { resolveMentions?: boolean } = {}): BlockField<string, N> {
  return {
    name,
    path: pathOf(path),
    accepts: 'a string',
    check: (value) => typeof value === 'string',
    decode: (raw, context) =>
      richTextToPlainText(asRichText(raw), options.resolveMentions ? { mention: mentionText(context) } : undefined),
    encode: (value) => plainTextToRichText(value),
  }
}

/** The raw title array, decorations and all. */
export function richTextField<N extends string>(name: N, path: string): BlockField<RichText, N> {
  return {
    name,
    path: pathOf(path),
    accepts: 'rich text (an array of [text] or [text, decorations] segments)',
    check: (value) => Array.isArray(value) && isRichText(value),
    decode: (raw) => asRichText(raw),
    encode: (value) => value,
  }
}

/** A checkbox property: `[["Yes"]]` / `[["No"]]` as a boolean (missing reads false). */
export function yesNoField<N extends string>(name: N, path: string): BlockField<boolean, N> {
  return {
    name,
    path: pathOf(path),
    accepts: 'a boolean',
    check: (value) => typeof value === 'boolean',
    decode: (raw) => richTextToPlainText(asRichText(raw)) === 'Yes',
    encode: (value) => [[value ? 'Yes' : 'No']],
  }
}

/** A boolean flag in `format` (missing reads false). */
export function booleanField<N extends string>(name: N, path: string): BlockField<boolean, N> {
  return {
    name,
    path: pathOf(path),
    accepts: 'a boolean',
    check: (value) => typeof value === 'boolean',
    decode: (raw) => raw === true,
    encode: (value) => value,
  }
}

/** A string that may be absent; setting `undefined` removes it. */
export function optionalStringField<N extends string>(name: N, path: string): BlockField<string | undefined, N> {
  return {
    name,
    path: pathOf(path),
    accepts: 'a string (or undefined to remove it)',
    check: (value) => value === undefined || typeof value === 'string',
    decode: (raw) => (typeof raw === 'string' ? raw : undefined),
    encode: (value) => value ?? null,
  }
}

/** A string with a default for when it is absent (block colours read `'default'`). */
export function stringField<N extends string>(name: N, path: string, fallback: string): BlockField<string, N> {
  return {
    name,
    path: pathOf(path),
    accepts: 'a string',
    check: (value) => typeof value === 'string',
    decode: (raw) => (typeof raw === 'string' ? raw : fallback),
    encode: (value) => value,
  }
}

/**
 * A finite number that may be absent, within `(min, max]` bounds when given (`undefined` removes it).
 * @example numberField('columnRatio', 'format.column_ratio', { above: 0, atMost: 1 })
 */
export function numberField<N extends string>(
  name: N,
  path: string,
  bounds: { above?: number; atMost?: number } = {},
): BlockField<number | undefined, N> {
  const range = [
    bounds.above === undefined ? '' : ` greater than ${bounds.above}`,
    bounds.atMost === undefined ? '' : ` at most ${bounds.atMost}`,
  ].filter(Boolean).join(' and')
  return {
    name,
    path: pathOf(path),
    accepts: `a finite number${range} (or undefined to remove it)`,
    check: (value) =>
      value === undefined ||
      (typeof value === 'number' &&
        Number.isFinite(value) &&
        (bounds.above === undefined || value > bounds.above) &&
        (bounds.atMost === undefined || value <= bounds.atMost)),
    decode: (raw) => (typeof raw === 'number' ? raw : undefined),
    encode: (value) => value ?? null,
  }
}

/**
 * The `set` operation writing `value` through `field` on the block `pointer` names.
 * @throws InvalidValueError `invalid_value` when `field` does not accept `value`
 */
export function fieldOperation(pointer: OperationPointer, field: AnyBlockField, value: unknown): Operation {
  if (!field.check(value)) {
    throw new InvalidValueError('invalid_value', { recordId: pointer.id, table: pointer.table, accessor: field.name, accepts: field.accepts, value })
  }
  return { pointer, path: [...field.path], command: 'set', args: field.encode(value) }
}
