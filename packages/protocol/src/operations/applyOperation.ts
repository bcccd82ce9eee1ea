import { isSupportedCommand, normalizeOperationPath, operationTarget } from './operation.js'
import type { Operation, PathSegment } from './operation.js'
import { OperationError } from './operationError.js'
import { deepFreeze } from '../deepFreeze.js'
import type { OperationErrorCode, OperationErrorDetails } from './operationError.js'

/** A record value: the JSON object stored under `{[table]: {[id]: value}}`. */
export type RecordValue = Record<string, unknown>
/** `{[table]: {[id]: value}}`, the input and output of `applyOperations`. */
export type RecordValues = Record<string, Record<string, RecordValue>>

export interface ApplyOperationOptions {
  /**
   * What to do with a command this module does not implement (`addRelationAfter`, ...):
   * throw an `OperationError` with code `unsupported_command`, or leave the record unchanged.
   * @default 'throw'
   */
  unsupportedCommand?: 'throw' | 'ignore'
  /**
   * Return a deep-frozen result, given a deep-frozen `record`: only what the operation creates is
   * frozen (a new list of thousands of ids is frozen once, not walked), so a store that keeps
   * frozen records need not walk the result again.
   * @default false
   */
  freeze?: boolean
}

/**
 * Applies one operation to a record value and returns the new value. The single implementation
 * of command semantics (docs/protocol.md#commands), shared by the SDK (optimistic apply) and the emulator
 * (commit).
 *
 * Pure and immutable: `record` and `op` are never mutated (deep-frozen input is fine); the result
 * shares every untouched branch with `record`, and values taken from `args` are copied so the
 * result never aliases the operation. When the operation changes nothing, `record` itself is
 * returned (so `===` detects no-ops); a missing record then comes back as a fresh `{}`.
 *
 * - `set`: replaces the value at `path`, creating intermediate objects (an array when the next key
 *   is a number). `path: []` replaces or creates the whole record (args must be an object).
 *   `args: null` removes the key (nothing is created for it).
 * - `update`: shallow-merges `args` (an object) into the object at `path`, creating it.
 *   A `null` value unsets the key. An `undefined` value is skipped, because JSON would drop it
 *   and the server would never see it.
 * - `listAfter` / `listBefore` (`{id, after?}` / `{id, before?}`), deliberately forgiving where
 *   Notion's behaviour is unverified:
 *   an `after`/`before` that is absent, empty or not in the list appends (listAfter) or inserts at
 *   the start (listBefore), instead of failing; an `id` already in the list is MOVED, never
 *   duplicated; an anchor equal to `id` leaves the list as it is; a missing array is created.
 * - `listRemove` (`{id}`): removes every occurrence (cleaning up legacy duplicates); an absent
 *   id or a missing array is a no-op.
 * - `setParent` (`{parentId, parentTable}`): sets `parent_id` and `parent_table` on the object at
 *   `path` (the record for `[]`).
 * - `setPermissionItem` (a permission object, usually at `["permissions"]`): upserts the entry
 *   keyed by `type` + `user_id`/`bot_id`/`group_id` (an entry with none of those, such as
 *   `public_permission`, is a singleton of its type), in place; `role: "none"` removes it.
 * - `keyedObjectListAfter/Before` (`{value: {id, ...}, after?/before?}`): inserts `value` into the
 *   ordered list at `path`, replacing and moving an entry with the same id; anchors are as
 *   forgiving as listAfter/listBefore. `keyedObjectListUpdate` shallow-merges `value` into the
 *   entry with its id (null unsets) and is a no-op when there is none (so it never resurrects a
 *   removed entry). `keyedObjectListRemove` removes it (absent: no-op).
 *
 * Invalid input throws an `OperationError` (`invalid_args`, `invalid_path`, `type_mismatch`,
 * `unsupported_command`) naming the command, table, id and path. The `__proto__` key is
 * rejected in paths and merged keys (the emulator applies untrusted operations).
 */
export function applyOperation(
  record: RecordValue | undefined,
  op: Operation,
  options: ApplyOperationOptions = {},
): RecordValue {
  const { table, id } = operationTarget(op)
  const rawPath: unknown = op.path
  const command = op.command
  if (typeof rawPath !== 'string' && !Array.isArray(rawPath)) {
    throw new OperationError('invalid_path', `path must be an array or a dotted string, got ${kindOf(rawPath)}`, {
      command,
      table,
      id,
    })
  }
  // Untyped callers may still send a dotted string path.
  const path = normalizeOperationPath(rawPath as string | PathSegment[])
  const fail = (code: OperationErrorCode, reason: string): OperationError =>
    new OperationError(code, reason, { command, table, id, path } satisfies OperationErrorDetails)
  checkPath(path, fail)

  if (!isSupportedCommand(command)) {
    if (options.unsupportedCommand === 'ignore') return record ?? {}
    throw fail('unsupported_command', `unsupported command ${JSON.stringify(command)}`)
  }

  const leaf = leafUpdater(command, op.args, fail, options.freeze === true)
  const next = updateIn(record, path, 0, leaf, fail)
  if (next === record) return record ?? {}
  if (next === REMOVE || !isPlainObject(next)) {
    throw fail('invalid_args', `${command} at the record root needs an object (the whole record)`)
  }
  // The lists the leaf built are frozen already, so this walks only the path and cloned args.
  return options.freeze === true ? deepFreeze(next) : next
}

/**
 * Applies operations in order to `{[table]: {[id]: value}}` and returns the new map, sharing
 * untouched tables and records. All or nothing: if one operation throws, nothing is returned and
 * the input is, as always, unchanged.
 */
export function applyOperations(
  records: RecordValues,
  ops: readonly Operation[],
  options: ApplyOperationOptions = {},
): RecordValues {
  let result = records
  for (const op of ops) {
    const { table, id } = operationTarget(op)
    // Own keys only, and computed keys when writing: ids and tables come from untrusted input.
    const tableRecords = Object.hasOwn(result, table) ? result[table] : undefined
    const before = tableRecords && Object.hasOwn(tableRecords, id) ? tableRecords[id] : undefined
    const after = applyOperation(before, op, options)
    if (after === before) continue
    result = { ...result, [table]: { ...tableRecords, [id]: after } }
  }
  return result
}

type Fail = (code: OperationErrorCode, reason: string) => OperationError
/** Returned by a leaf updater to delete the key (or array element) it was called for. */
const REMOVE: unique symbol = Symbol('remove')
type Leaf = (current: unknown) => unknown

function checkPath(path: readonly unknown[], fail: Fail): void {
  for (const key of path) {
    const ok = typeof key === 'string' ? key !== '__proto__' : Number.isSafeInteger(key) && (key as number) >= 0
    if (!ok) throw fail('invalid_path', `invalid path key ${JSON.stringify(key) ?? String(key)}`)
  }
}

/**
 * Copies along `path` and calls `leaf` on the value at its end. Returns `value` itself when the
 * leaf changed nothing, so intermediate objects are only created when something is written.
 */
function updateIn(value: unknown, path: readonly PathSegment[], depth: number, leaf: Leaf, fail: Fail): unknown {
  if (depth === path.length) return leaf(value)
  const key = path[depth] as PathSegment
  const here = () => JSON.stringify(path.slice(0, depth))

  if (Array.isArray(value)) {
    const index = typeof key === 'number' ? key : /^(0|[1-9]\d*)$/.test(key) ? Number(key) : -1
    const isLast = depth === path.length - 1
    // Only a write at the last key may append (index === length).
    if (index < 0 || index > value.length || (index === value.length && !isLast)) {
      throw fail('invalid_path', `${JSON.stringify(key)} is not an index of the array at ${here()}`)
    }
    const child: unknown = value[index]
    const next = updateIn(child, path, depth + 1, leaf, fail)
    if (next === child || (next === REMOVE && index === value.length)) return value
    const copy = value.slice()
    if (next === REMOVE) copy.splice(index, 1)
    else copy[index] = next
    return copy
  }

  const missing = value === undefined || value === null
  if (!missing && !isPlainObject(value)) {
    throw fail('invalid_path', `the path runs through ${kindOf(value)} at ${here()}`)
  }
  const object = (missing ? {} : value) as RecordValue
  const name = String(key)
  const present = Object.hasOwn(object, name)
  const child = present ? object[name] : undefined
  const next = updateIn(child, path, depth + 1, leaf, fail)
  if (next === child && present) return value
  if (next === REMOVE) {
    if (!present) return value
    const rest = { ...object }
    delete rest[name]
    return rest
  }
  if (next === undefined) return value
  // Missing and null intermediates become objects, or arrays when the next key is an index.
  if (missing) {
    return typeof key === 'number' ? createArrayAt(key, next, fail, here) : { [name]: next }
  }
  return { ...object, [name]: next }
}

function createArrayAt(index: number, next: unknown, fail: Fail, here: () => string): unknown[] {
  if (index !== 0) throw fail('invalid_path', `${index} is not an index of the (new, empty) array at ${here()}`)
  return [next]
}

function leafUpdater(command: string, args: unknown, fail: Fail, freeze: boolean): Leaf {
  // A new list holds the old (frozen) entries and at most one new one: freeze that entry deeply
  // and the list shallowly, so the final deepFreeze stops at the list instead of walking it.
  const sealed = <T>(list: T, added?: unknown): T => {
    if (!freeze) return list
    if (added !== undefined) deepFreeze(added)
    return Object.freeze(list)
  }
  switch (command) {
    case 'set':
      return () => (args === null ? REMOVE : cloneJson(args))
    case 'update': {
      const patch = objectArgs(args, fail)
      return (current) => merge(asObject(current, fail), patch, fail) ?? current
    }
    case 'listAfter':
    case 'listBefore': {
      const where = command === 'listAfter' ? 'after' : 'before'
      const { id, anchor } = listArgs(args, where, fail)
      return (current) => {
        const list = asList(current, fail) ?? []
        const next = moveIn(list, id, (item) => item === id, anchor, where)
        return next === list ? current : sealed(next)
      }
    }
    case 'listRemove': {
      const { id } = listArgs(args, undefined, fail)
      return (current) => {
        const list = asList(current, fail)
        if (!list) return current
        const next = list.filter((item) => item !== id)
        return next.length === list.length ? current : sealed(next)
      }
    }
    case 'setParent': {
      const fields = objectArgs(args, fail)
      const parentId = fields['parentId']
      const parentTable = fields['parentTable']
      if (typeof parentId !== 'string' || parentId === '' || typeof parentTable !== 'string' || parentTable === '') {
        throw fail('invalid_args', 'setParent args need string parentId and parentTable')
      }
      const patch = { parent_id: parentId, parent_table: parentTable }
      return (current) => merge(asObject(current, fail), patch, fail) ?? current
    }
    case 'setPermissionItem': {
      const item = objectArgs(args, fail)
      if (typeof item['type'] !== 'string' || item['type'] === '') {
        throw fail('invalid_args', 'setPermissionItem args need a string type')
      }
      const key = permissionKey(item)
      return (current) => {
        const list = asList(current, fail) ?? []
        const index = list.findIndex((entry) => isPlainObject(entry) && permissionKey(entry) === key)
        if (item['role'] === 'none') return index === -1 ? current : sealed(list.filter((_, i) => i !== index))
        const copy = list.slice()
        const entry = cloneJson(item)
        if (index === -1) copy.push(entry)
        else copy[index] = entry
        return sealed(copy, entry)
      }
    }
    case 'keyedObjectListAfter':
    case 'keyedObjectListBefore': {
      const where = command === 'keyedObjectListAfter' ? 'after' : 'before'
      const { value, anchor } = keyedArgs(args, where, fail)
      return (current) => {
        const list = asList(current, fail) ?? []
        const copy = cloneJson(value)
        // The anchor is compared by id; an anchor equal to the value's id keeps its place.
        const next = moveIn(list, copy, (entry) => keyOf(entry) === value.id, anchor, where, keyOf, true)
        return next === list ? current : sealed(next, copy)
      }
    }
    case 'keyedObjectListRemove': {
      const { value } = keyedArgs(args, undefined, fail)
      return (current) => {
        const list = asList(current, fail)
        if (!list) return current
        const next = list.filter((entry) => keyOf(entry) !== value.id)
        return next.length === list.length ? current : sealed(next)
      }
    }
    case 'keyedObjectListUpdate': {
      const { value } = keyedArgs(args, undefined, fail)
      return (current) => {
        const list = asList(current, fail)
        const index = list ? list.findIndex((entry) => keyOf(entry) === value.id) : -1
        if (!list || index === -1) return current
        const merged = merge(asObject(list[index], fail), value, fail)
        if (merged === undefined) return current
        const copy = list.slice()
        copy[index] = merged
        return sealed(copy, merged)
      }
    }
    default:
      throw fail('unsupported_command', `unsupported command ${JSON.stringify(command)}`)
  }
}

const identity = (entry: unknown): unknown => entry

/**
 * Removes every entry matching `isSame`, then inserts `item` after/before the anchor, or at the
 * end/start when there is no anchor or it is not in the list. Returns `list` when nothing moved
 * (unless `replace`, where the item itself is new).
 */
function moveIn(
  list: readonly unknown[],
  item: unknown,
  isSame: (entry: unknown) => boolean,
  anchor: string | undefined,
  where: 'after' | 'before',
  idOf: (entry: unknown) => unknown = identity,
  replace = false,
): readonly unknown[] {
  // Lists of plain ids (content, pages) use native searches: they hold thousands of entries.
  const plain = idOf === identity
  const existing = plain ? list.indexOf(item) : list.findIndex(isSame)
  if (anchor !== undefined && anchor === idOf(item) && existing !== -1) {
    if (!replace) return list
    const copy = list.slice()
    copy[existing] = item
    return copy
  }
  if (existing !== -1 && (plain ? list.lastIndexOf(item) : list.findLastIndex(isSame)) !== existing) {
    // Legacy duplicates of the id: drop them all, then insert once.
    const rest = list.filter((entry) => !isSame(entry))
    const found = anchor === undefined ? -1 : rest.findIndex((entry) => idOf(entry) === anchor)
    rest.splice(found === -1 ? (where === 'after' ? rest.length : 0) : where === 'after' ? found + 1 : found, 0, item)
    return rest
  }
  // Pages hold thousands of ids and every listAfter passes through here: find the anchor once and
  // build the result in one copy rather than filter + search + splice.
  let at = -1
  if (anchor !== undefined && plain) {
    at = list.indexOf(anchor)
  } else if (anchor !== undefined) {
    for (let i = 0; i < list.length; i++) {
      if (i !== existing && idOf(list[i]) === anchor) {
        at = i
        break
      }
    }
  }
  // Index in the list without the existing entry, where the item goes.
  const restLength = existing === -1 ? list.length : list.length - 1
  const anchorInRest = at === -1 ? -1 : existing !== -1 && existing < at ? at - 1 : at
  const index = anchorInRest === -1 ? (where === 'after' ? restLength : 0) : where === 'after' ? anchorInRest + 1 : anchorInRest
  if (existing !== -1 && index === existing && !replace) return list
  // Native copies (memcpy-like for lists of ids), not an element loop: pages hold thousands.
  if (existing === -1) return index === list.length ? [...list, item] : list.toSpliced(index, 0, item)
  return list.toSpliced(existing, 1).toSpliced(index, 0, item)
}

/** Shallow merge where `null` unsets and `undefined` is skipped; undefined when nothing changed. */
function merge(target: RecordValue | undefined, patch: RecordValue, fail: Fail): RecordValue | undefined {
  let result: RecordValue | undefined
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    if (key === '__proto__') throw fail('invalid_args', 'the key "__proto__" is not allowed')
    const present = target !== undefined && Object.hasOwn(target, key)
    if (value === null) {
      if (!present) continue
      result ??= { ...target }
      delete result[key]
    } else {
      if (present && target[key] === value) continue
      result ??= { ...target }
      result[key] = cloneJson(value)
    }
  }
  // A merge into a missing object creates it even when the patch is empty of changes.
  return result ?? (target === undefined ? {} : undefined)
}

function objectArgs(args: unknown, fail: Fail): RecordValue {
  if (!isPlainObject(args)) throw fail('invalid_args', `args must be an object, got ${kindOf(args)}`)
  return args
}

function listArgs(args: unknown, where: 'after' | 'before' | undefined, fail: Fail) {
  const fields = objectArgs(args, fail)
  const id = fields['id']
  if (typeof id !== 'string' || id === '') throw fail('invalid_args', 'args.id must be a non-empty string')
  return { id, anchor: where === undefined ? undefined : anchorArg(fields, where, fail) }
}

function keyedArgs(args: unknown, where: 'after' | 'before' | undefined, fail: Fail) {
  const fields = objectArgs(args, fail)
  const value = fields['value']
  if (!isPlainObject(value) || typeof value['id'] !== 'string' || value['id'] === '') {
    throw fail('invalid_args', 'args.value must be an object with a non-empty string id')
  }
  const keyed = value as RecordValue & { id: string }
  return { value: keyed, anchor: where === undefined ? undefined : anchorArg(fields, where, fail) }
}

// An absent, null or empty anchor means "none" (an old client sends `after: ""`).
function anchorArg(fields: RecordValue, where: 'after' | 'before', fail: Fail): string | undefined {
  const anchor = fields[where]
  if (anchor === undefined || anchor === null || anchor === '') return undefined
  if (typeof anchor !== 'string') throw fail('invalid_args', `args.${where} must be a string`)
  return anchor
}

function asObject(current: unknown, fail: Fail): RecordValue | undefined {
  if (current === undefined || current === null) return undefined
  if (!isPlainObject(current)) throw fail('type_mismatch', `expected an object at the path, found ${kindOf(current)}`)
  return current
}

function asList(current: unknown, fail: Fail): readonly unknown[] | undefined {
  if (current === undefined || current === null) return undefined
  if (!Array.isArray(current)) throw fail('type_mismatch', `expected an array at the path, found ${kindOf(current)}`)
  return current
}

function keyOf(entry: unknown): unknown {
  return isPlainObject(entry) ? entry['id'] : undefined
}

function permissionKey(item: RecordValue): string {
  const who = item['user_id'] ?? item['bot_id'] ?? item['group_id'] ?? ''
  return JSON.stringify([item['type'], who])
}

/** Deep copy of JSON-like data; other values (Dates, class instances) are kept as they are. */
function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T
  if (!isPlainObject(value)) return value
  const copy: RecordValue = {}
  for (const [key, child] of Object.entries(value)) {
    // Plain assignment of "__proto__" would set the prototype; define it as data instead.
    Object.defineProperty(copy, key, { value: cloneJson(child), enumerable: true, writable: true, configurable: true })
  }
  return copy as T
}

function isPlainObject(value: unknown): value is RecordValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
