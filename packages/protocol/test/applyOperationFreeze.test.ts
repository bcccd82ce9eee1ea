import { describe, expect, it } from 'vitest'
import { applyOperation, deepFreeze, type Operation, type RecordValue } from '../src/index.js'

/** Every object and array below `value` that is not frozen, by path. */
function unfrozen(value: unknown, path = '$'): string[] {
  if (typeof value !== 'object' || value === null) return []
  const own = Object.isFrozen(value) ? [] : [path]
  return [...own, ...Object.entries(value).flatMap(([key, child]) => unfrozen(child, `${path}.${key}`))]
}

const pointer = { table: 'block', id: 'b1', spaceId: 's1' }
const record = (): RecordValue =>
  deepFreeze({
    id: 'b1',
    content: ['c1', 'c2', 'c3'],
    properties: { title: [['Hello', [['b']]]] },
    permissions: [{ type: 'user_permission', user_id: 'u1', role: 'editor' }],
    format: { items: [{ id: 'k1', label: 'one' }] },
  })

const operations: Operation[] = [
  { pointer, path: [], command: 'set', args: { id: 'b1', type: 'text', properties: { title: [['New']] } } },
  { pointer, path: ['properties', 'title'], command: 'set', args: [['Set', [['i']]]] },
  { pointer, path: ['format'], command: 'update', args: { page_icon: '🚀', nested: { deep: [1, { x: 2 }] } } },
  { pointer, path: ['content'], command: 'listAfter', args: { id: 'c4', after: 'c1' } },
  { pointer, path: ['content'], command: 'listBefore', args: { id: 'c3' } },
  { pointer, path: ['content'], command: 'listRemove', args: { id: 'c2' } },
  { pointer, path: [], command: 'setParent', args: { parentId: 'p2', parentTable: 'block' } },
  { pointer, path: ['permissions'], command: 'setPermissionItem', args: { type: 'user_permission', user_id: 'u2', role: 'reader' } },
  { pointer, path: ['permissions'], command: 'setPermissionItem', args: { type: 'user_permission', user_id: 'u1', role: 'none' } },
  { pointer, path: ['format', 'items'], command: 'keyedObjectListAfter', args: { value: { id: 'k2', label: 'two', extra: { a: [1] } } } },
  { pointer, path: ['format', 'items'], command: 'keyedObjectListUpdate', args: { value: { id: 'k1', label: 'uno', more: { b: 1 } } } },
  { pointer, path: ['format', 'items'], command: 'keyedObjectListRemove', args: { value: { id: 'k1' } } },
]

describe('applyOperation with freeze: true', () => {
  for (const op of operations) {
    it(`${op.command} at ${JSON.stringify(op.path)}: the same value as without, deep-frozen, the input untouched`, () => {
      const input = record()
      const before = JSON.stringify(input)
      const plain = applyOperation(input, op)
      const frozen = applyOperation(input, op, { freeze: true })
      expect(frozen).toEqual(plain)
      expect(frozen).not.toBe(input)
      expect(unfrozen(frozen)).toEqual([])
      expect(JSON.stringify(input)).toBe(before)
    })
  }

  it('never aliases the operation: mutating the args afterwards cannot reach the result (it is frozen anyway)', () => {
    const args = { id: 'b1', properties: { title: [['Mine']] } }
    const result = applyOperation(record(), { pointer, path: [], command: 'set', args }, { freeze: true })
    args.properties.title[0]![0] = 'changed'
    expect(result['properties']).toEqual({ title: [['Mine']] })
  })

  it('a 10,000-id list stays shared by reference where untouched, and a new list is one frozen array', () => {
    const content = Array.from({ length: 10_000 }, (_, i) => `c${i}`)
    const input = deepFreeze({ id: 'b1', content, format: { a: 1 } })
    const renamed = applyOperation(input, { pointer, path: ['format'], command: 'update', args: { a: 2 } }, { freeze: true })
    expect(renamed['content']).toBe(content)
    const appended = applyOperation(input, { pointer, path: ['content'], command: 'listAfter', args: { id: 'new' } }, { freeze: true })
    expect(Object.isFrozen(appended['content'])).toBe(true)
    expect((appended['content'] as string[]).at(-1)).toBe('new')
    expect((appended['content'] as string[]).length).toBe(10_001)
  })
})

describe('deepFreeze', () => {
  it('freezes every level, iteratively (deeper than the stack), and stops at frozen branches', () => {
    let deep: Record<string, unknown> = {}
    const root = deep
    for (let i = 0; i < 100_000; i++) deep = (deep['next'] = {}) as Record<string, unknown>
    expect(() => deepFreeze(root)).not.toThrow()
    expect(Object.isFrozen(deep)).toBe(true)
    const shared = Object.freeze({ list: [1, 2] })
    const value = deepFreeze({ shared, own: { a: [1] } })
    expect(Object.isFrozen(value.own.a)).toBe(true)
    // A frozen branch is trusted as it is: its unfrozen inside is not walked into.
    expect(Object.isFrozen(shared.list)).toBe(false)
  })
})
