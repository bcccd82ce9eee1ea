import { describe, expect, it } from 'vitest'
import { CellReader, decodeCell } from '../src/query/cellValue.js'
import { readQuerySchema } from '../src/query/querySchema.js'
import type { QueryRow } from '../src/query/queryRow.js'
import type { RelatedRow } from '../src/query/relatedRow.js'

const num = (value: number) => ({ type: 'constant', value: String(value), value_type: 'number', result_type: 'number' })
const str = (value: string) => ({ type: 'constant', value, value_type: 'string', result_type: 'text' })
const prop = (id: string, result_type = 'text') => ({ type: 'property', id, name: id, result_type })
const fn = (name: string, result_type: string, ...args: unknown[]) => ({ type: 'function', name, args, result_type })
const formula = (ast: unknown) => ({ name: 'F', type: 'formula', formula: ast })
const dateCell = (date: Record<string, unknown>) => [['‣', [['d', date]]]]

const schema = readQuerySchema({
  schema: {
    title: { name: 'Name', type: 'title' },
    tags: { name: 'Tags', type: 'multi_select' },
    who: { name: 'Owner', type: 'person' },
    sel: { name: 'Stage', type: 'select' },
    meet: { name: 'Meeting', type: 'date' },
    rel: { name: 'Related', type: 'relation' },
    last: { name: 'Last', type: 'rollup', relation_property: 'rel', target_property: 'meet', aggregation: 'latest_date' },
    tagText: formula(fn('concat', 'text', prop('tags'), str('|'), prop('who'), str('|'), fn('empty', 'checkbox', prop('sel')))),
    // The wall clock of a zoned date-time, read in UTC (09:30 in New York is 14:30 UTC).
    hour: formula(fn('hour', 'number', prop('meet', 'date'))),
    lastHour: formula(fn('hour', 'number', prop('last', 'date'))),
    range: formula(fn('end', 'date', prop('meet', 'date'))),
    unknown: formula(fn('frobnicate', 'number', num(1))),
    unknownDate: formula(fn('frobnicate', 'date')),
    nested: formula(fn('add', 'number', prop('hour', 'number'), num(1))),
  },
})

const meeting = { type: 'datetimerange', start_date: '2024-03-01', start_time: '09:30', end_date: '2024-03-02', end_time: '10:00', time_zone: 'America/New_York' }
const other: QueryRow = { id: 'o', value: { properties: { meet: dateCell(meeting) } } }
const row: QueryRow = {
  id: 'r',
  value: { properties: { tags: [['a,b']], who: [['‣', [['u', 'u1']]], [','], ['‣', [['u', 'u2']]]], meet: dateCell(meeting), rel: [['‣', [['p', 'o']]]] } },
}
const related = (id: string): RelatedRow | undefined => (id === 'o' ? { row: other, schema } : undefined)
const read = (id: string, timeZone = 'UTC') => decodeCell(row, id, schema.get(id)!, schema, timeZone, { related })

describe('decodeCell of a formula', () => {
  it('reads tags and people as comma-joined text, an empty select as empty', () => {
    expect(read('tagText')).toEqual({ kind: 'text', text: 'a, b|u1, u2|true' })
  })

  it('reads dates with their own zone, time and end; a rollup date is its related row\'s date', () => {
    expect(read('hour')).toEqual({ kind: 'number', number: 14 })
    expect(read('nested')).toEqual({ kind: 'number', number: 15 })
    expect(read('lastHour')).toEqual({ kind: 'number', number: 14 })
    // Without a related-row lookup the rollup, and the formula over it, cannot be computed.
    expect(decodeCell(row, 'lastHour', schema.get('lastHour')!, schema, 'UTC')).toEqual({ kind: 'number', number: undefined })
    expect(read('range')).toEqual({
      kind: 'date',
      date: { startDay: '2024-03-02', endDay: undefined, start: Date.parse('2024-03-02T15:00:00Z') },
    })
    // A date result's days are the reader's: 15:00 UTC is 07:00 in Los Angeles, ordered by that wall clock.
    expect(read('range', 'America/Los_Angeles')).toEqual({
      kind: 'date',
      date: { startDay: '2024-03-02', endDay: undefined, start: Date.parse('2024-03-02T07:00:00Z') },
    })
  })

  it('a formula it cannot compute is the empty cell of its result type; an unknown zone reads as UTC', () => {
    expect(read('unknown')).toEqual({ kind: 'number', number: undefined })
    expect(read('unknownDate')).toEqual({ kind: 'date', date: undefined })
    expect(read('hour', 'Not/AZone')).toEqual({ kind: 'number', number: 14 })
  })

  it('now() is the reader\'s `now`', () => {
    const clock = readQuerySchema({ schema: { title: { name: 'N', type: 'title' }, y: formula(fn('year', 'number', fn('now', 'date'))) } })
    const reader = new CellReader(clock, 'UTC', { now: new Date('1999-12-31T23:00:00Z') })
    expect(reader.read(row, 'y')).toEqual({ kind: 'number', number: 1999 })
    expect(new CellReader(clock, 'Asia/Tokyo', { now: new Date('1999-12-31T23:00:00Z') }).read(row, 'y')).toEqual({ kind: 'number', number: 2000 })
  })
})
