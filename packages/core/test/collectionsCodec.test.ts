import type { CollectionProperty, RichText } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import type { CollectionSchema, SchemaProperty } from '../src/databases/properties/collectionSchema.js'
import { decodeProperty, decodeRow } from '../src/databases/properties/decodeProperty.js'
import { encodeProperty } from '../src/databases/properties/encodeProperty.js'
import { fromNotionDate, propertyDateInstants, toNotionDate } from '../src/databases/properties/propertyDate.js'
import { propertySlug } from '../src/databases/properties/propertySlug.js'
import { PropertyValueError } from '../src/databases/properties/propertyValueError.js'
import { resolveProperty } from '../src/databases/properties/resolveProperty.js'
import { UnknownPropertyError } from '../src/databases/properties/unknownPropertyError.js'

// The schema of notion-py's smoke test (`notion/smoke_test.py`), plus every other type.
const schema = {
  title: { name: 'Name', type: 'title' },
  '%9:q': { name: "Check Yo'self", type: 'checkbox' },
  '=d{|': {
    name: 'Tags',
    type: 'multi_select',
    options: [
      { color: 'orange', id: '79560dab-c776-43d1-9420-27f4011fcaec', value: 'A' },
      { color: 'default', id: '002c7016-ac57-413a-90a6-64afadfb0c44', value: 'B' },
    ],
  },
  '=d{q': { name: 'Category', type: 'select', options: [{ color: 'red', id: 'c-a', value: 'A' }, { id: 'c-b', value: 'B' }] },
  'LL[(': { name: 'Person', type: 'person' },
  '4Jv$': { name: 'Estimated value', type: 'number' },
  OBcJ: { name: 'Where to?', type: 'url' },
  'TwR:': { name: 'Some Date', type: 'date' },
  dVq: { name: 'Files', type: 'file' },
  txt: { name: 'Notes', type: 'text' },
  st: { name: 'Status', type: 'status', options: [{ id: 's1', value: 'Not started' }, { id: 's2', value: 'Done' }] },
  mail: { name: 'E-mail', type: 'email' },
  tel: { name: 'Phone', type: 'phone_number' },
  rel: { name: 'Related', type: 'relation', collection_id: 'c2' },
  fx: { name: 'Double', type: 'formula', formula: { type: 'operator', operator: '*', name: 'multiply', args: [{ type: 'property', id: '4Jv$', name: 'Estimated value' }, { type: 'constant', value: '2', value_type: 'number' }] } },
  roll: { name: 'Rollup', type: 'rollup' },
  ct: { name: 'Created', type: 'created_time' },
  et: { name: 'Edited', type: 'last_edited_time' },
  cb: { name: 'Created by', type: 'created_by' },
  eb: { name: 'Edited by', type: 'last_edited_by' },
  uid: { name: 'ID', type: 'unique_id' },
  aid: { name: 'Auto', type: 'auto_increment_id' },
  btn: { name: 'Go', type: 'button' },
  loc: { name: 'Place', type: 'location' },
} as const satisfies Record<string, CollectionProperty>

const prop = (key: string): SchemaProperty => resolveProperty(schema as CollectionSchema, key)
const decodeCell = (key: string, raw: unknown) => decodeProperty(prop(key), { properties: { [prop(key).id]: raw } }, { schema })
const encode = (key: string, value: unknown) => encodeProperty(prop(key), value, { newOptionId: () => 'new-id' })
/** encode then decode: what a row reads after the write. */
const roundTrip = (key: string, value: unknown) => decodeCell(key, encode(key, value).richText)

describe('encodeProperty / decodeProperty per type', () => {
  it('title and text: plain strings, rich text kept as is, markdown hooks', () => {
    expect(encode('title', 'Row1').richText).toEqual([['Row1']])
    expect(roundTrip('name', 'Just some data')).toBe('Just some data')
    const rich: RichText = [['bold', [['b']]], [' and '], ['link', [['a', 'https://x.y']]]]
    expect(encode('notes', rich).richText).toEqual(rich)
    expect(decodeCell('notes', rich)).toBe('bold and link')
    const md = { richTextToString: (rt: RichText) => rt.map(([t, d]) => (d?.[0]?.[0] === 'b' ? `**${t}**` : t)).join(''), stringToRichText: (s: string): RichText => [[s.replaceAll('*', ''), [['b']]]] }
    expect(encodeProperty(prop('notes'), '**x**', md).richText).toEqual([['x', [['b']]]])
    expect(decodeProperty(prop('notes'), { properties: { txt: [['x', [['b']]]] } }, md)).toBe('**x**')
  })

  it('number: finite numbers as text, read back as numbers', () => {
    expect(encode('estimatedValue', 3.5).richText).toEqual([['3.5']])
    for (const n of [42, -32.48, 0, 1e21, 1000099]) expect(roundTrip('estimatedValue', n)).toBe(n)
    // notion-py raised on "1e5"; Number() reads it.
    expect(decodeCell('estimatedValue', [['1e5']])).toBe(100000)
    expect(decodeCell('estimatedValue', [['abc']])).toBeNull()
    expect(decodeCell('estimatedValue', undefined)).toBeNull()
  })

  it('select and status: option spelling wins, unknown options reported', () => {
    expect(encode('category', 'b')).toEqual({ richText: [['B']] })
    expect(encode('category', 'C')).toEqual({ richText: [['C']], newOptions: [{ id: 'new-id', value: 'C', color: 'default' }] })
    expect(roundTrip('category', 'A')).toBe('A')
    expect(encode('status', 'done')).toEqual({ richText: [['Done']] })
    expect(roundTrip('status', 'Not started')).toBe('Not started')
    expect(decodeCell('category', [['']])).toBeNull()
  })

  it('multi_select: lists joined by commas, new options listed once, [[""]] reads as []', () => {
    expect(encode('tags', ['A', 'Z'])).toEqual({ richText: [['A,Z']], newOptions: [{ id: 'new-id', value: 'Z', color: 'default' }] })
    expect(encode('tags', 'b')).toEqual({ richText: [['B']] })
    expect(encode('tags', ['z', 'Z']).newOptions).toHaveLength(1)
    expect(roundTrip('tags', ['A', 'C'])).toEqual(['A', 'C'])
    expect(decodeCell('tags', [['']])).toEqual([])
    expect(decodeCell('tags', [['foo, bar ,nala']])).toEqual(['foo', 'bar', 'nala'])
  })

  it('checkbox: Yes / No', () => {
    expect(encode('checkYoSelf', true).richText).toEqual([['Yes']])
    expect(encode('check_yo_self', false).richText).toEqual([['No']])
    expect(roundTrip("Check Yo'self", true)).toBe(true)
    expect(roundTrip("Check Yo'self", false)).toBe(false)
    expect(decodeCell("Check Yo'self", undefined)).toBe(false)
  })

  it('url, email, phone_number: linked text', () => {
    expect(encode('whereTo', 'https://x.y').richText).toEqual([['https://x.y', [['a', 'https://x.y']]]])
    expect(roundTrip('E-mail', 't@t.com')).toBe('t@t.com')
    expect(roundTrip('phone', '+665555555555')).toBe('+665555555555')
    expect(decodeCell('whereTo', undefined)).toBe('')
  })

  it('person and relation: ids or records, comma-separated mentions', () => {
    const user = { id: 'u-1' }
    expect(encode('person', [user, 'u-2']).richText).toEqual([['‣', [['u', 'u-1']]], [','], ['‣', [['u', 'u-2']]]])
    expect(roundTrip('person', 'u-1')).toEqual(['u-1'])
    expect(roundTrip('related', ['p-1', { id: 'p-2' }, 'p-1'])).toEqual(['p-1', 'p-2'])
    expect(encode('related', 'p-9').richText).toEqual([['‣', [['p', 'p-9']]]])
    // The external-mention form of a user.
    expect(decodeCell('person', [['‣', [['‣', ['u', 'u-3']]]]])).toEqual(['u-3'])
  })

  it('file: names from URLs, {url, name}', () => {
    expect(encode('files', ['https://example.com/a/b.png', { url: 'https://example.com/a/c.jpg?x=1', name: 'Cover' }]).richText).toEqual([
      ['b.png', [['a', 'https://example.com/a/b.png']]],
      [','],
      ['Cover', [['a', 'https://example.com/a/c.jpg?x=1']]],
    ])
    expect(roundTrip('files', 'https://example.com/x/My%20File.pdf')).toEqual([{ name: 'My File.pdf', url: 'https://example.com/x/My%20File.pdf' }])
  })

  it('date: the smoke test range with zone and reminder round-trips exactly', () => {
    const value = { start: '2020-01-01T09:30', end: '2020-01-05T20:45', timeZone: 'America/Los_Angeles', reminder: { unit: 'minute', value: 30 } }
    const encoded = encode('someDate', value).richText
    expect(encoded).toEqual([
      ['‣', [['d', { type: 'datetimerange', start_date: '2020-01-01', end_date: '2020-01-05', start_time: '09:30', end_time: '20:45', time_zone: 'America/Los_Angeles', reminder: { unit: 'minute', value: 30 } }]]],
    ])
    expect(decodeCell('someDate', encoded)).toEqual({ ...value, includeTime: true })
    expect(encode('someDate', '2020-01-02').richText).toEqual([['‣', [['d', { type: 'date', start_date: '2020-01-02' }]]]])
    expect(roundTrip('someDate', '2020-01-02')).toEqual({ start: '2020-01-02', includeTime: false })
  })

  it('date: Date instants are written as their wall clock in a zone (UTC by default)', () => {
    const instant = new Date('2024-03-10T17:30:00Z')
    expect(toNotionDate(instant)).toEqual({ type: 'datetime', start_date: '2024-03-10', start_time: '17:30', time_zone: 'UTC' })
    expect(toNotionDate({ start: instant, timeZone: 'Asia/Tokyo' })).toEqual({ type: 'datetime', start_date: '2024-03-11', start_time: '02:30', time_zone: 'Asia/Tokyo' })
    expect(encodeProperty(prop('someDate'), instant, { timeZone: 'America/New_York' }).richText[0]?.[1]?.[0]?.[1]).toMatchObject({ start_time: '13:30', time_zone: 'America/New_York' })
    expect(toNotionDate({ start: instant, includeTime: false })).toEqual({ type: 'date', start_date: '2024-03-10' })
    // Reversed ranges are put in order, as notion-py does.
    expect(toNotionDate({ start: '2020-02-01', end: '2020-01-01' })).toEqual({ type: 'daterange', start_date: '2020-01-01', end_date: '2020-02-01' })
    const read = fromNotionDate({ type: 'datetime', start_date: '2020-01-01', start_time: '09:30', time_zone: 'America/Los_Angeles' })!
    expect(propertyDateInstants(read).start.toISOString()).toBe('2020-01-01T17:30:00.000Z')
    // Round trip of an instant through its zone.
    expect(propertyDateInstants(fromNotionDate(toNotionDate({ start: instant, timeZone: 'Europe/Paris' }))!).start.getTime()).toBe(instant.getTime())
  })

  it('read-only types come from the row record and refuse writes', () => {
    const row = { properties: { '4Jv$': [['21']], uid: [['TASK-12']], aid: [['7']], roll: [['3']] }, created_time: 1595420008681, last_edited_time: 1596656460000, created_by_id: 'u-1', last_edited_by: 'u-legacy' }
    const values = decodeRow(schema, row)
    expect(values['ct']).toEqual(new Date(1595420008681))
    expect(values['et']).toEqual(new Date(1596656460000))
    expect(values['cb']).toBe('u-1')
    // notion-py wrote the legacy field; it is still read when `_id` is absent.
    expect(values['eb']).toBe('u-legacy')
    expect(values['uid']).toBe(12)
    expect(values['aid']).toBe(7)
    // Rollups are computed from related rows, never read from the stored text: none to read here.
    expect(values['roll']).toBeUndefined()
    expect(values['btn']).toBeNull()
    expect(values['fx']).toBe(42)
    for (const key of ['Double', 'Rollup', 'Created', 'Edited', 'Created by', 'Edited by', 'ID', 'Auto', 'Go']) {
      const error = catchError(() => encode(key, 'x'))
      expect(PropertyValueError.isPropertyValueError(error) && error.code).toBe('read_only')
      expect(catchError(() => encode(key, null))).toBeInstanceOf(PropertyValueError)
    }
  })

  it('types notion-rx does not interpret keep their rich text', () => {
    expect(decodeCell('place', [['Paris']])).toEqual([['Paris']])
    expect(roundTrip('place', 'Paris')).toEqual([['Paris']])
  })
})

describe('clearing', () => {
  const writable = ['title', 'Notes', 'Estimated value', 'Category', 'Status', 'Tags', 'Some Date', 'Person', 'Files', 'Where to?', 'E-mail', 'Phone', 'Related', 'Place']
  it.each(writable)('%s: null, undefined, "" and [] store [] and read back empty', (key) => {
    for (const empty of [null, undefined, '', []]) expect(encode(key, empty)).toEqual({ richText: [] })
    const read = decodeCell(key, [])
    expect(read === '' || read === null || (Array.isArray(read) && read.length === 0)).toBe(true)
  })
  it('checkbox clears to No', () => {
    expect(encode("Check Yo'self", null).richText).toEqual([['No']])
  })
})

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('PropertyValueError', () => {
  const cases: Array<[string, unknown]> = [
    ["Check Yo'self", 'yes'],
    ['Estimated value', '42'],
    ['Estimated value', Number.NaN],
    ['Estimated value', Number.POSITIVE_INFINITY],
    ['Category', 3],
    ['Category', ['A']],
    ['Category', 'A,B'],
    ['Tags', ['A', 5]],
    ['Tags', ['a,b']],
    ['Some Date', 'next tuesday'],
    ['Some Date', '2020-02-30'],
    ['Some Date', new Date(Number.NaN)],
    ['Some Date', { start: '2020-01-01', timeZone: 'Mars/Olympus' }],
    ['Person', 42],
    ['Person', [{}]],
    ['Related', [' ']],
    ['Files', [{ name: 'x' }]],
    ['Where to?', 5],
    ['title', 5],
    ['title', [['ok'], 'not a segment']],
  ]
  it.each(cases)('%s refuses %j', (key, value) => {
    const error = catchError(() => encode(key, value))
    expect(PropertyValueError.isPropertyValueError(error)).toBe(true)
    const e = error as PropertyValueError
    expect(e.name).toBe('PropertyValueError')
    expect(e.code).toBe('invalid_value')
    expect(e.propertyName).toBe(prop(key).name)
    expect(e.message).toContain(JSON.stringify(prop(key).name))
    expect(e.message).toContain(`(${prop(key).type})`)
    expect(e.message).toContain(e.accepts)
  })
  it('is recognized across package copies by name and code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'PropertyValueError', code: 'read_only' })
    expect(PropertyValueError.isPropertyValueError(foreign)).toBe(true)
    expect(PropertyValueError.isPropertyValueError(Object.assign(new Error('x'), { name: 'PropertyValueError', code: 'nope' }))).toBe(false)
  })
})

describe('slugs and resolveProperty', () => {
  it.each([
    ['Estimated value', 'estimatedValue'],
    ["Check Yo'self", 'checkYoSelf'],
    ['Where to?', 'whereTo'],
    ['Number | Position | Height', 'numberPositionHeight'],
    ['Multi-select', 'multiSelect'],
    ['\uFEFFTeam', 'team'],
    ['URL', 'url'],
    ['Café crème', 'cafeCreme'],
    ['2020 NBA Players', '2020NbaPlayers'],
    ['心情 随笔', '心情随笔'],
    ['estimated_value', 'estimatedValue'],
    ['  ', ''],
  ])('propertySlug(%j) is %j', (name, slug) => {
    expect(propertySlug(name)).toBe(slug)
  })

  it('finds by id, exact name, slug, snake_case slug, and title', () => {
    expect(resolveProperty(schema, '4Jv$').name).toBe('Estimated value')
    expect(resolveProperty(schema, 'Estimated value').id).toBe('4Jv$')
    expect(resolveProperty(schema, 'estimatedValue').id).toBe('4Jv$')
    expect(resolveProperty(schema, 'estimated_value').id).toBe('4Jv$')
    expect(resolveProperty(schema, 'name').id).toBe('title')
    expect(resolveProperty({ x: { name: 'Task', type: 'title' } }, 'title').id).toBe('x')
    // Duplicate names: the first in schema order.
    expect(resolveProperty({ a: { name: 'Dup', type: 'text' }, b: { name: 'Dup', type: 'number' } }, 'dup').id).toBe('a')
  })

  it('throws UnknownPropertyError listing the available names', () => {
    const error = catchError(() => resolveProperty(schema, 'estimatedValu'))
    expect(UnknownPropertyError.isUnknownPropertyError(error)).toBe(true)
    const e = error as UnknownPropertyError
    expect(e.code).toBe('unknown_property')
    expect(e.key).toBe('estimatedValu')
    expect(e.available).toContain('Estimated value')
    expect(e.available).toHaveLength(Object.keys(schema).length)
    expect(e.message).toContain('"Estimated value"')
  })
})
