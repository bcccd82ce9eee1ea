import { describe, expect, it } from 'vitest'
import { findTooDeep } from '../src/index.js'

/** `{ a: { a: ... } }`, `depth` objects deep. */
function nested(depth: number): unknown {
  let value: Record<string, unknown> = {}
  for (let level = 1; level < depth; level++) value = { a: value }
  return value
}

describe('findTooDeep (the depth walk the SDK and the emulator share)', () => {
  it('finds nothing in values within the limit, scalars included', () => {
    expect(findTooDeep(nested(3), 3)).toBeUndefined()
    expect(findTooDeep({ title: [['x', [['b']]]] }, 5)).toBeUndefined()
    expect(findTooDeep('text', 1)).toBeUndefined()
    expect(findTooDeep(null, 1)).toBeUndefined()
  })

  it('names the path of the first object or array past the limit, array indexes as numbers', () => {
    expect(findTooDeep(nested(4), 3)).toEqual(['a', 'a', 'a'])
    expect(findTooDeep({ ok: 1, list: [{}, { deep: [[]] }] }, 3)).toEqual(['list', 1, 'deep'])
  })

  it('walks a hostile value 100,000 levels deep without overflowing the stack', () => {
    expect(findTooDeep(nested(100_000), 100)).toHaveLength(100)
  })

  it('reads `__proto__` as an ordinary key', () => {
    const value = JSON.parse('{"__proto__": {"x": {"y": {}}}}') as unknown
    expect(findTooDeep(value, 3)).toEqual(['__proto__', 'x', 'y'])
  })
})
