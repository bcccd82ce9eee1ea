import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OperationError, applyOperation, applyOperations } from '@notion-rx/protocol'
import type { Operation, PathSegment, RecordValue } from '@notion-rx/protocol'

const ID = '11111111-1111-4111-8111-111111111111'

function op(command: string, path: PathSegment[], args: unknown, id = ID, table = 'block'): Operation {
  return { id, table, path, command, args }
}

function pointerOp(command: string, path: PathSegment[], args: unknown, id = ID): Operation {
  return { pointer: { table: 'block', id, spaceId: 'space-1' }, path, command, args }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

/** Applies to a deep-frozen copy, checks the input did not change, and returns the result. */
function apply(record: RecordValue | undefined, operation: Operation): RecordValue {
  const input = record === undefined ? undefined : deepFreeze(structuredClone(record))
  const snapshot = structuredClone(input)
  const result = applyOperation(input, deepFreeze(structuredClone(operation)))
  expect(input).toEqual(snapshot)
  return result
}

function catchError(fn: () => unknown): OperationError {
  try {
    fn()
  } catch (error) {
    expect(OperationError.isOperationError(error)).toBe(true)
    return error as OperationError
  }
  throw new Error('expected an OperationError')
}

describe('set', () => {
  it('replaces or creates the whole record at path []', () => {
    expect(apply(undefined, op('set', [], { id: ID, type: 'text' }))).toEqual({ id: ID, type: 'text' })
    expect(apply({ id: ID, alive: true, type: 'page' }, op('set', [], { id: ID, type: 'text' }))).toEqual({
      id: ID,
      type: 'text',
    })
  })

  it('sets a nested value, creating intermediate objects', () => {
    expect(apply({ id: ID }, op('set', ['properties', 'title'], [['Hello']]))).toEqual({
      id: ID,
      properties: { title: [['Hello']] },
    })
    expect(apply({ format: { a: 1 } }, op('set', ['format', 'page_icon'], '🚀'))).toEqual({
      format: { a: 1, page_icon: '🚀' },
    })
  })

  it('replaces a null intermediate with an object', () => {
    expect(apply({ format: null }, op('set', ['format', 'x'], 1))).toEqual({ format: { x: 1 } })
  })

  it('creates an array when the next key is a number, and writes array indices', () => {
    expect(apply({}, op('set', ['file_ids', 0], 'f1'))).toEqual({ file_ids: ['f1'] })
    expect(apply({ file_ids: ['a', 'b'] }, op('set', ['file_ids', 1], 'c'))).toEqual({ file_ids: ['a', 'c'] })
    expect(apply({ file_ids: ['a'] }, op('set', ['file_ids', 1], 'b'))).toEqual({ file_ids: ['a', 'b'] })
    expect(apply({ file_ids: ['a', 'b'] }, op('set', ['file_ids', 0], null))).toEqual({ file_ids: ['b'] })
  })

  it('removes the key when args is null, without creating anything', () => {
    expect(apply({ a: 1, b: 2 }, op('set', ['a'], null))).toEqual({ b: 2 })
    const record = { a: 1 }
    expect(applyOperation(record, op('set', ['x', 'y'], null))).toBe(record)
  })

  it('keeps untouched branches shared and copies args', () => {
    const record = { format: { a: 1 }, properties: { title: [['x']] } }
    const args = { deep: { value: 1 } }
    const result = applyOperation(record, op('set', ['format', 'nested'], args))
    expect(result.properties).toBe(record.properties)
    expect(result.format).not.toBe(record.format)
    expect((result.format as RecordValue)['nested']).toEqual(args)
    expect((result.format as RecordValue)['nested']).not.toBe(args)
  })

  it('returns the same record when a primitive value does not change', () => {
    const record = { a: { b: 1 } }
    expect(applyOperation(record, op('set', ['a', 'b'], 1))).toBe(record)
  })

  it('rejects a non-object whole record and paths through primitives', () => {
    expect(catchError(() => apply({}, op('set', [], [1, 2]))).code).toBe('invalid_args')
    expect(catchError(() => apply({}, op('set', [], null))).code).toBe('invalid_args')
    const error = catchError(() => apply({ title: 'x' }, op('set', ['title', 'a'], 1)))
    expect(error.code).toBe('invalid_path')
    expect(error.message).toContain('set block/' + ID)
    expect(error.message).toContain('["title","a"]')
    expect(catchError(() => apply({ list: ['a'] }, op('set', ['list', 'x'], 1))).code).toBe('invalid_path')
    expect(catchError(() => apply({ list: ['a'] }, op('set', ['list', 5], 1))).code).toBe('invalid_path')
  })

  it('rejects __proto__ in paths and does not pollute prototypes', () => {
    expect(catchError(() => apply({}, op('set', ['__proto__', 'polluted'], true))).code).toBe('invalid_path')
    const result = apply({}, op('set', ['x'], JSON.parse('{"__proto__": {"polluted": true}}')))
    expect(({} as RecordValue)['polluted']).toBeUndefined()
    expect(Object.getPrototypeOf(result['x'])).toBe(Object.prototype)
    expect(Object.hasOwn(result['x'] as object, '__proto__')).toBe(true)
  })
})

describe('update', () => {
  it('shallow-merges into the record', () => {
    expect(apply({ id: ID, alive: true }, op('update', [], { last_edited_time: 5, alive: false }))).toEqual({
      id: ID,
      alive: false,
      last_edited_time: 5,
    })
  })

  it('merges into a nested object, creating it', () => {
    expect(apply({ id: ID }, op('update', ['format'], { page_small_text: true }))).toEqual({
      id: ID,
      format: { page_small_text: true },
    })
    expect(apply({ properties: { title: [['t']] } }, op('update', ['properties'], { language: [['Go']] }))).toEqual({
      properties: { title: [['t']], language: [['Go']] },
    })
  })

  it('is shallow: nested objects are replaced, not merged', () => {
    expect(apply({ format: { a: { x: 1, y: 2 } } }, op('update', ['format'], { a: { x: 3 } }))).toEqual({
      format: { a: { x: 3 } },
    })
  })

  it('unsets keys given as null and skips undefined', () => {
    expect(apply({ a: 1, b: 2 }, op('update', [], { a: null, c: undefined, d: 4 }))).toEqual({ b: 2, d: 4 })
  })

  it('creates a missing record', () => {
    expect(apply(undefined, op('update', [], { alive: false }))).toEqual({ alive: false })
  })

  it('returns the same record when nothing changes', () => {
    const record = { a: 1, format: { b: 2 } }
    expect(applyOperation(record, op('update', [], { a: 1, missing: null }))).toBe(record)
    expect(applyOperation(record, op('update', ['format'], {}))).toBe(record)
  })

  it('rejects args that are not an object, and non-object targets', () => {
    for (const args of [null, [1], 'x', 3, true]) {
      const error = catchError(() => apply({}, op('update', [], args)))
      expect(error.code).toBe('invalid_args')
      expect(error.command).toBe('update')
    }
    expect(catchError(() => apply({ content: ['a'] }, op('update', ['content'], { a: 1 }))).code).toBe(
      'type_mismatch',
    )
    expect(catchError(() => apply({}, op('update', [], JSON.parse('{"__proto__": {"x": 1}}')))).code).toBe(
      'invalid_args',
    )
  })
})

describe('listAfter', () => {
  it('appends when there is no after', () => {
    expect(apply({ content: ['a'] }, op('listAfter', ['content'], { id: 'b' }))).toEqual({ content: ['a', 'b'] })
  })

  it('inserts after the anchor', () => {
    expect(apply({ content: ['a', 'c'] }, op('listAfter', ['content'], { id: 'b', after: 'a' }))).toEqual({
      content: ['a', 'b', 'c'],
    })
  })

  it('creates the array if missing (or null)', () => {
    expect(apply({}, op('listAfter', ['content'], { id: 'a' }))).toEqual({ content: ['a'] })
    expect(apply({ content: null }, op('listAfter', ['content'], { id: 'a', after: 'x' }))).toEqual({
      content: ['a'],
    })
  })

  it('forgiving: an unknown or empty after appends', () => {
    expect(apply({ content: ['a', 'b'] }, op('listAfter', ['content'], { id: 'c', after: 'zzz' }))).toEqual({
      content: ['a', 'b', 'c'],
    })
    expect(apply({ view_ids: ['a'] }, op('listAfter', ['view_ids'], { id: 'c', after: '' }))).toEqual({
      view_ids: ['a', 'c'],
    })
  })

  it('moves an id already in the list instead of duplicating it', () => {
    expect(apply({ content: ['a', 'b', 'c'] }, op('listAfter', ['content'], { id: 'a', after: 'c' }))).toEqual({
      content: ['b', 'c', 'a'],
    })
    expect(apply({ content: ['a', 'b', 'c'] }, op('listAfter', ['content'], { id: 'a' }))).toEqual({
      content: ['b', 'c', 'a'],
    })
  })

  it('cleans up legacy duplicates of the id', () => {
    expect(apply({ content: ['a', 'b', 'a'] }, op('listAfter', ['content'], { id: 'a', after: 'b' }))).toEqual({
      content: ['b', 'a'],
    })
  })

  it('returns the same record when the list would not change', () => {
    const record = { content: ['a', 'b'] }
    expect(applyOperation(record, op('listAfter', ['content'], { id: 'b', after: 'a' }))).toBe(record)
    expect(applyOperation(record, op('listAfter', ['content'], { id: 'b' }))).toBe(record)
    expect(applyOperation(record, op('listAfter', ['content'], { id: 'a', after: 'a' }))).toBe(record)
  })

  it('rejects args without a string id, a non-string after, and non-array targets', () => {
    expect(catchError(() => apply({}, op('listAfter', ['content'], { after: 'a' }))).code).toBe('invalid_args')
    expect(catchError(() => apply({}, op('listAfter', ['content'], { id: 3 }))).code).toBe('invalid_args')
    expect(catchError(() => apply({}, op('listAfter', ['content'], { id: '' }))).code).toBe('invalid_args')
    expect(catchError(() => apply({}, op('listAfter', ['content'], 'a'))).code).toBe('invalid_args')
    expect(catchError(() => apply({}, op('listAfter', ['content'], { id: 'a', after: 1 }))).code).toBe(
      'invalid_args',
    )
    const error = catchError(() => apply({ content: 'x' }, op('listAfter', ['content'], { id: 'a' })))
    expect(error.code).toBe('type_mismatch')
    expect(error.message).toMatch(/listAfter block\/\S+ at \["content"\]/)
  })
})

describe('listBefore', () => {
  it('inserts at the start when there is no before', () => {
    expect(apply({ content: ['a'] }, op('listBefore', ['content'], { id: 'b' }))).toEqual({ content: ['b', 'a'] })
  })

  it('inserts before the anchor', () => {
    expect(apply({ content: ['a', 'c'] }, op('listBefore', ['content'], { id: 'b', before: 'c' }))).toEqual({
      content: ['a', 'b', 'c'],
    })
  })

  it('forgiving: an unknown before inserts at the start; the array is created', () => {
    expect(apply({ content: ['a'] }, op('listBefore', ['content'], { id: 'b', before: 'nope' }))).toEqual({
      content: ['b', 'a'],
    })
    expect(apply(undefined, op('listBefore', ['content'], { id: 'a', before: 'nope' }))).toEqual({ content: ['a'] })
  })

  it('moves an id already in the list', () => {
    expect(apply({ content: ['a', 'b', 'c'] }, op('listBefore', ['content'], { id: 'c', before: 'a' }))).toEqual({
      content: ['c', 'a', 'b'],
    })
  })
})

describe('listRemove', () => {
  it('removes the id', () => {
    expect(apply({ content: ['a', 'b', 'c'] }, op('listRemove', ['content'], { id: 'b' }))).toEqual({
      content: ['a', 'c'],
    })
  })

  it('is a no-op when the id or the list is absent', () => {
    const record = { content: ['a'] }
    expect(applyOperation(record, op('listRemove', ['content'], { id: 'zzz' }))).toBe(record)
    expect(applyOperation(record, op('listRemove', ['pages'], { id: 'a' }))).toBe(record)
    expect(apply(undefined, op('listRemove', ['content'], { id: 'a' }))).toEqual({})
  })

  it('rejects args without id and non-array targets', () => {
    expect(catchError(() => apply({ content: [] }, op('listRemove', ['content'], {}))).code).toBe('invalid_args')
    expect(catchError(() => apply({ content: {} }, op('listRemove', ['content'], { id: 'a' }))).code).toBe(
      'type_mismatch',
    )
  })
})

describe('setParent', () => {
  it('sets parent_id and parent_table', () => {
    expect(
      apply({ id: ID, parent_id: 'old', parent_table: 'block' }, op('setParent', [], { parentId: 'c1', parentTable: 'collection' })),
    ).toEqual({ id: ID, parent_id: 'c1', parent_table: 'collection' })
  })

  it('rejects missing fields', () => {
    expect(catchError(() => apply({}, op('setParent', [], { parentId: 'c1' }))).code).toBe('invalid_args')
  })
})

describe('setPermissionItem', () => {
  const editor = { type: 'user_permission', role: 'editor', user_id: 'u1' }

  it('adds, replaces in place, and removes with role none', () => {
    const added = apply({}, op('setPermissionItem', ['permissions'], editor))
    expect(added).toEqual({ permissions: [editor] })
    const withOther = apply(added, op('setPermissionItem', ['permissions'], { ...editor, user_id: 'u2' }))
    expect(withOther['permissions']).toHaveLength(2)
    const replaced = apply(withOther, op('setPermissionItem', ['permissions'], { ...editor, role: 'reader' }))
    expect(replaced['permissions']).toEqual([
      { ...editor, role: 'reader' },
      { ...editor, user_id: 'u2' },
    ])
    const removed = apply(replaced, op('setPermissionItem', ['permissions'], { ...editor, role: 'none' }))
    expect(removed['permissions']).toEqual([{ ...editor, user_id: 'u2' }])
  })

  it('treats public_permission as a singleton and keys bots separately', () => {
    let record = apply({}, op('setPermissionItem', ['permissions'], { type: 'public_permission', role: 'reader' }))
    record = apply(record, op('setPermissionItem', ['permissions'], { type: 'public_permission', role: 'comment_only' }))
    record = apply(record, op('setPermissionItem', ['permissions'], { type: 'bot_permission', role: 'editor', bot_id: 'b1' }))
    expect(record['permissions']).toEqual([
      { type: 'public_permission', role: 'comment_only' },
      { type: 'bot_permission', role: 'editor', bot_id: 'b1' },
    ])
    const record2 = apply(record, op('setPermissionItem', ['permissions'], { type: 'public_permission', role: 'none' }))
    expect(record2['permissions']).toEqual([{ type: 'bot_permission', role: 'editor', bot_id: 'b1' }])
  })

  it('removing an absent entry is a no-op; a typeless item is rejected', () => {
    const record = { permissions: [] }
    expect(applyOperation(record, op('setPermissionItem', ['permissions'], { ...editor, role: 'none' }))).toBe(record)
    expect(catchError(() => apply({}, op('setPermissionItem', ['permissions'], { role: 'editor' }))).code).toBe(
      'invalid_args',
    )
  })
})

describe('keyedObjectList*', () => {
  const a = { id: 'a', name: 'A' }
  const b = { id: 'b', name: 'B' }
  const c = { id: 'c', name: 'C' }

  it('After appends or inserts after the anchor; Before prepends or inserts before', () => {
    let record = apply({}, op('keyedObjectListAfter', ['options'], { value: a }))
    record = apply(record, op('keyedObjectListAfter', ['options'], { value: c }))
    record = apply(record, op('keyedObjectListAfter', ['options'], { value: b, after: 'a' }))
    expect(record['options']).toEqual([a, b, c])
    record = apply(record, op('keyedObjectListBefore', ['options'], { value: { id: 'd' } }))
    record = apply(record, op('keyedObjectListBefore', ['options'], { value: { id: 'e' }, before: 'c' }))
    expect((record['options'] as { id: string }[]).map((o) => o.id)).toEqual(['d', 'a', 'b', 'e', 'c'])
  })

  it('forgiving anchors: unknown after appends, unknown before prepends', () => {
    expect(apply({ options: [a] }, op('keyedObjectListAfter', ['options'], { value: b, after: 'zz' }))).toEqual({
      options: [a, b],
    })
    expect(apply({ options: [a] }, op('keyedObjectListBefore', ['options'], { value: b, before: 'zz' }))).toEqual({
      options: [b, a],
    })
  })

  it('After/Before with an existing id move and replace the entry', () => {
    const moved = apply({ options: [a, b, c] }, op('keyedObjectListAfter', ['options'], { value: { id: 'a', name: 'A2' }, after: 'c' }))
    expect(moved['options']).toEqual([b, c, { id: 'a', name: 'A2' }])
    const inPlace = apply({ options: [a, b] }, op('keyedObjectListAfter', ['options'], { value: { id: 'a', x: 1 }, after: 'a' }))
    expect(inPlace['options']).toEqual([{ id: 'a', x: 1 }, b])
  })

  it('Update merges into the entry (null unsets) and is a no-op when absent', () => {
    expect(
      apply({ options: [a, b] }, op('keyedObjectListUpdate', ['options'], { value: { id: 'b', color: 'red', name: null } })),
    ).toEqual({ options: [a, { id: 'b', color: 'red' }] })
    const record = { options: [a] }
    expect(applyOperation(record, op('keyedObjectListUpdate', ['options'], { value: { id: 'zz', x: 1 } }))).toBe(record)
    expect(applyOperation(record, op('keyedObjectListUpdate', ['missing'], { value: { id: 'a' } }))).toBe(record)
  })

  it('Remove removes by id; absent is a no-op', () => {
    expect(apply({ options: [a, b] }, op('keyedObjectListRemove', ['options'], { value: { id: 'a' } }))).toEqual({
      options: [b],
    })
    const record = { options: [a] }
    expect(applyOperation(record, op('keyedObjectListRemove', ['options'], { value: { id: 'zz' } }))).toBe(record)
  })

  it('rejects a value without id', () => {
    for (const command of ['keyedObjectListAfter', 'keyedObjectListBefore', 'keyedObjectListRemove', 'keyedObjectListUpdate']) {
      expect(catchError(() => apply({}, op(command, ['options'], { value: { name: 'x' } }))).code).toBe('invalid_args')
      expect(catchError(() => apply({}, op(command, ['options'], { id: 'x' }))).code).toBe('invalid_args')
    }
  })
})

describe('operation forms and unsupported commands', () => {
  it('applies pointer operations like flat ones', () => {
    const record = { content: ['a'] }
    const flatResult = apply(record, op('listAfter', ['content'], { id: 'b' }))
    const pointerResult = apply(record, pointerOp('listAfter', ['content'], { id: 'b' }))
    expect(pointerResult).toEqual(flatResult)
  })

  it('tolerates a dotted string path from untyped callers', () => {
    const untyped = { id: ID, table: 'block', path: 'format.page_icon', command: 'set', args: 'x' } as unknown as Operation
    expect(apply({}, untyped)).toEqual({ format: { page_icon: 'x' } })
  })

  it('throws unsupported_command for unknown commands, unless told to ignore them', () => {
    const unknown = pointerOp('addRelationAfter', ['properties'], { id: 'x' })
    const error = catchError(() => applyOperation({}, unknown))
    expect(error.code).toBe('unsupported_command')
    expect(error.table).toBe('block')
    expect(error.id).toBe(ID)
    expect(error.message).toContain('addRelationAfter')
    const record = { a: 1 }
    expect(applyOperation(record, unknown, { unsupportedCommand: 'ignore' })).toBe(record)
  })

  it('rejects a path that is not an array or a string, and bad path keys', () => {
    const bad = { id: ID, table: 'block', path: 3, command: 'set', args: 1 } as unknown as Operation
    expect(catchError(() => applyOperation({}, bad)).code).toBe('invalid_path')
    expect(catchError(() => applyOperation({}, op('set', [-1], 1))).code).toBe('invalid_path')
  })

  it('OperationError has a literal name and survives the name check', () => {
    const error = catchError(() => applyOperation({}, op('update', [], 1)))
    expect(error).toBeInstanceOf(OperationError)
    expect(error.name).toBe('OperationError')
    expect(OperationError.isOperationError({ name: 'OperationError' })).toBe(true)
    expect(OperationError.isOperationError(new Error('x'))).toBe(false)
  })
})

describe('applyOperations', () => {
  it('applies a create-block transaction across records, sharing untouched ones', () => {
    const other = { id: 'other' }
    const records = deepFreeze({
      block: { page: { id: 'page', content: ['x'] }, other },
      space: { s: { id: 's' } },
    })
    const result = applyOperations(records, [
      op('set', [], { id: 'new', type: 'text', parent_id: 'page', parent_table: 'block' }, 'new'),
      pointerOp('listAfter', ['content'], { id: 'new', after: 'x' }, 'page'),
      op('update', [], { last_edited_time: 1 }, 'new'),
    ])
    expect(result['block']?.['new']).toEqual({
      id: 'new',
      type: 'text',
      parent_id: 'page',
      parent_table: 'block',
      last_edited_time: 1,
    })
    expect(result['block']?.['page']?.['content']).toEqual(['x', 'new'])
    expect(result['block']?.['other']).toBe(other)
    expect(result['space']).toBe(records.space)
    expect(records.block.page.content).toEqual(['x'])
  })

  it('returns the same map when nothing changes, and throws without partial results', () => {
    const records = { block: { a: { content: ['x'] } } }
    expect(applyOperations(records, [op('listRemove', ['content'], { id: 'zz' }, 'a')])).toBe(records)
    expect(() => applyOperations(records, [op('listAfter', ['content'], { id: 'y' }, 'a'), op('update', [], 1, 'a')])).toThrow(
      OperationError,
    )
    expect(records.block.a.content).toEqual(['x'])
  })

  it('keeps "__proto__" and "constructor" as plain keys for tables and ids', () => {
    const result = applyOperations({}, [op('set', [], { v: 1 }, '__proto__', '__proto__'), op('set', [], { v: 2 }, 'constructor')])
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
    expect(Object.hasOwn(result, '__proto__')).toBe(true)
    expect(result['block']?.['constructor']).toEqual({ v: 2 })
  })
})

describe('properties', () => {
  const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f')
  const listOp = fc.oneof(
    fc.record({ command: fc.constant('listAfter' as const), id: ids, anchor: fc.option(ids, { nil: undefined }) }),
    fc.record({ command: fc.constant('listBefore' as const), id: ids, anchor: fc.option(ids, { nil: undefined }) }),
    fc.record({ command: fc.constant('listRemove' as const), id: ids, anchor: fc.constant(undefined) }),
  )

  // The simple model: remove the id, then insert it at the anchor or at the end/start.
  function model(list: string[], step: { command: string; id: string; anchor: string | undefined }): string[] {
    if (step.command === 'listRemove') return list.filter((x) => x !== step.id)
    if (step.anchor === step.id && list.includes(step.id)) return list
    const rest = list.filter((x) => x !== step.id)
    const at = step.anchor === undefined ? -1 : rest.indexOf(step.anchor)
    const index =
      step.command === 'listAfter' ? (at === -1 ? rest.length : at + 1) : at === -1 ? 0 : at
    return [...rest.slice(0, index), step.id, ...rest.slice(index)]
  }

  it('list commands keep the list duplicate-free, equal to the model, and never mutate input', () => {
    fc.assert(
      fc.property(fc.array(listOp, { maxLength: 40 }), (steps) => {
        let record: RecordValue = deepFreeze({ content: [] as string[] })
        let expected: string[] = []
        for (const step of steps) {
          const args =
            step.command === 'listRemove'
              ? { id: step.id }
              : { id: step.id, ...(step.anchor === undefined ? {} : { [step.command === 'listAfter' ? 'after' : 'before']: step.anchor }) }
          record = deepFreeze(applyOperation(record, op(step.command, ['content'], args)))
          expected = model(expected, step)
          const content = record['content'] as string[]
          expect(new Set(content).size).toBe(content.length)
          expect(content).toEqual(expected)
        }
      }),
    )
  })

  it('keyed lists stay unique by id under random After/Before/Remove/Update', () => {
    const keyedOp = fc.record({
      command: fc.constantFrom('keyedObjectListAfter', 'keyedObjectListBefore', 'keyedObjectListRemove', 'keyedObjectListUpdate'),
      id: ids,
      anchor: fc.option(ids, { nil: undefined }),
      n: fc.integer(),
    })
    fc.assert(
      fc.property(fc.array(keyedOp, { maxLength: 30 }), (steps) => {
        let record: RecordValue = {}
        for (const step of steps) {
          const args = { value: { id: step.id, n: step.n }, ...(step.anchor ? { after: step.anchor, before: step.anchor } : {}) }
          record = deepFreeze(applyOperation(record, op(step.command, ['options'], args)))
        }
        const options = (record['options'] ?? []) as { id: string }[]
        expect(new Set(options.map((o) => o.id)).size).toBe(options.length)
      }),
    )
  })
})
