import { describe, expect, it } from 'vitest'
import { TableMap } from '../src/store/tableMap.js'

describe('TableMap', () => {
  it('counts values over every table, whether set anew, replaced or deleted', () => {
    const map = new TableMap<number>()
    map.set('block', 'a', 1)
    map.set('block', 'b', 2)
    map.set('space', 'a', 3)
    map.set('block', 'a', 4)
    expect(map.size).toBe(3)
    expect(map.get('block', 'a')).toBe(4)
    expect(map.get('space', 'a')).toBe(3)
    expect(map.delete('block', 'missing')).toBe(false)
    expect(map.delete('collection', 'a')).toBe(false)
    expect(map.size).toBe(3)
    expect(map.delete('space', 'a')).toBe(true)
    expect(map.size).toBe(2)
    expect(map.has('space', 'a')).toBe(false)
    expect(map.tables()).toEqual(['block'])
    expect([...map.keys()]).toEqual(['block:a', 'block:b'])
  })

  it('keeps ids and table names as plain keys, `__proto__` and `constructor` included', () => {
    const map = new TableMap<string>()
    map.set('block', '__proto__', 'p')
    map.set('block', 'constructor', 'c')
    expect(map.get('block', '__proto__')).toBe('p')
    expect(map.get('block', 'toString')).toBeUndefined()
    expect(map.get('__proto__', 'x')).toBeUndefined()
    expect([...(map.table('block')?.keys() ?? [])]).toEqual(['__proto__', 'constructor'])
  })
})
