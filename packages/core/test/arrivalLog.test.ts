import { describe, expect, it } from 'vitest'
import { ArrivalLog } from '../src/store/arrivalLog.js'

describe('ArrivalLog', () => {
  it('lists the ids of a table that arrived after a mark, and nothing when none did', () => {
    const log = new ArrivalLog()
    log.begin()('block', 'old')
    const mark = log.count
    expect(log.since(mark, 'block')).toEqual(new Set())
    const note = log.begin()
    note('block', 'a')
    note('space', 's')
    log.begin()('block', 'b')
    expect(log.since(mark, 'block')).toEqual(new Set(['a', 'b']))
    expect(log.since(mark, 'space')).toEqual(new Set(['s']))
    expect(log.since(mark, 'collection')).toEqual(new Set())
  })

  it('cannot tell (undefined) after an arrival too large to list, or once the arrivals after the mark are forgotten', () => {
    const big = new ArrivalLog()
    const mark = big.count
    const note = big.begin()
    for (let i = 0; i <= 1_000; i++) note('block', `b${i}`)
    expect(big.since(mark, 'block')).toBeUndefined()

    const long = new ArrivalLog()
    const early = long.count
    for (let i = 0; i < 9; i++) long.begin()('block', `b${i}`)
    expect(long.since(early, 'block')).toBeUndefined()
    expect(long.since(early + 1, 'block')).toEqual(new Set(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8']))
  })
})
