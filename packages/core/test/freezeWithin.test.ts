import { findTooDeep } from '@notion-rx/protocol'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { freezeWithin } from '../src/store/freezeWithin.js'

const objectsWithin = (value: unknown, depth: number, maxDepth: number): object[] =>
  typeof value === 'object' && value !== null && depth <= maxDepth
    ? [value, ...Object.values(value).flatMap((child) => objectsWithin(child, depth + 1, maxDepth))]
    : []

function nested(depth: number): unknown {
  let value: unknown = {}
  for (let i = 1; i < depth; i++) value = { a: value }
  return value
}

describe('freezeWithin', () => {
  it('agrees with findTooDeep on where the limit is, and freezes everything when within it', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 8 }), (value, maxDepth) => {
        const within = findTooDeep(value, maxDepth) === undefined
        expect(freezeWithin(value, maxDepth)).toBe(within)
        if (within) expect(objectsWithin(value, 1, maxDepth).every((object) => Object.isFrozen(object))).toBe(true)
      }),
    )
  })

  it('stops at the first level past the limit without walking further (no stack overflow on hostile values)', () => {
    expect(freezeWithin(nested(100), 100)).toBe(true)
    expect(freezeWithin(nested(101), 100)).toBe(false)
    expect(freezeWithin(nested(200_000), 100)).toBe(false)
  })

  it('freezes own keys only, `__proto__` included as a plain key, and leaves class instances alone', () => {
    const value = JSON.parse('{"__proto__": {"x": [1]}, "list": [{"y": 1}]}') as Record<string, unknown>
    const date = new Date(0)
    value['when'] = date
    expect(freezeWithin(value, 10)).toBe(true)
    expect(Object.isFrozen(Object.getOwnPropertyDescriptor(value, '__proto__')?.value)).toBe(true)
    expect(Object.isFrozen((value['list'] as object[])[0])).toBe(true)
    expect(Object.isFrozen(date)).toBe(false)
    expect(Object.isFrozen(Object.prototype)).toBe(false)
  })
})

describe('freezeWithin and values frozen already', () => {
  it('still finds a frozen value too deep (a damaged cache file), and one nested in a fresh value', () => {
    const deep = nested(150) as object
    const frozenDeep = Object.freeze(deep)
    let at: unknown = frozenDeep
    while (typeof at === 'object' && at !== null && 'a' in at) at = Object.freeze((at as { a: unknown }).a)
    expect(freezeWithin(frozenDeep, 100)).toBe(false)
    expect(freezeWithin({ fresh: [frozenDeep] }, 100)).toBe(false)
    expect(freezeWithin(Object.freeze({ ok: Object.freeze([1]) }), 100)).toBe(true)
  })
})
