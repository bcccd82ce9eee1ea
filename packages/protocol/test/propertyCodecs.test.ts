import { describe, expect, it } from 'vitest'
import {
  AGGREGATORS,
  FILTER_OPERATORS,
  PROPERTY_CODECS,
  PROPERTY_TYPES,
  aggregatorsFor,
  codecFor,
  convertCell,
  convertsCells,
  decodeCell,
  decodePropertyValue,
  filterOperatorsFor,
  readQuerySchema,
  unknownPropertyCodec,
  valueCell,
  type EncodeContext,
  type PropertyCodec,
  type RowValue,
  type SchemaProperty,
} from '../src/index.js'

const property = (type: string, extra: Partial<SchemaProperty> = {}): SchemaProperty => ({ id: 'p', name: 'P', type, ...extra })
const context = (target: SchemaProperty): EncodeContext => ({ property: target, stringToRichText: undefined, timeZone: undefined, newOptionId: () => 'new-option' })

/** Encodes with the codec (as core's encodeProperty does), then reads the stored cell back. */
function roundTrip(target: SchemaProperty, value: unknown): unknown {
  const outcome = codecFor(target.type).encode(value, context(target))
  if ('refused' in outcome) throw new Error(`refused ${JSON.stringify(outcome.refused)}`)
  return decodePropertyValue(target, { properties: { [target.id]: outcome.richText } })
}

describe('the registry of property codecs', () => {
  it('has a codec for every PROPERTY_TYPES entry, registered under its own type', () => {
    for (const type of PROPERTY_TYPES) {
      expect(PROPERTY_CODECS[type], type).toBeDefined()
      expect(codecFor(type).type).toBe(type)
    }
    expect(Object.keys(PROPERTY_CODECS).sort()).toEqual([...PROPERTY_TYPES].sort())
  })

  it('gives types it does not know (and prototype keys) the safe default codec', () => {
    for (const type of ['ai_summary', '__proto__', 'constructor', undefined]) expect(codecFor(type)).toBe(unknownPropertyCodec)
    expect(unknownPropertyCodec.readOnly).toBe(false)
    expect(filterOperatorsFor({ type: 'ai_summary' })).toEqual(FILTER_OPERATORS)
    const stored = [['anything', [['b']]]]
    expect(decodePropertyValue(property('ai_summary'), { properties: { p: stored } })).toEqual(stored)
    expect(unknownPropertyCodec.encode('plain', context(property('ai_summary')))).toEqual({ richText: [['plain']] })
  })

  it('marks exactly the computed types read-only', () => {
    const readOnly = PROPERTY_TYPES.filter((type) => codecFor(type).readOnly)
    expect(readOnly.sort()).toEqual(
      ['auto_increment_id', 'button', 'created_by', 'created_time', 'formula', 'last_edited_by', 'last_edited_time', 'rollup', 'unique_id'].sort(),
    )
  })

  it('gives every codec operators and aggregators from the shared vocabulary', () => {
    for (const codec of Object.values(PROPERTY_CODECS) as PropertyCodec[]) {
      expect(codec.filterOperators.length, codec.type).toBeGreaterThan(0)
      expect(codec.filterOperators.every((operator) => FILTER_OPERATORS.includes(operator))).toBe(true)
      expect(codec.aggregators.every((aggregator) => AGGREGATORS.includes(aggregator))).toBe(true)
    }
  })
})

describe('round trips: encode, then decode, gives the value back', () => {
  const cases: Array<[string, unknown, unknown?]> = [
    ['title', 'Hello'],
    ['text', 'Some *text*'],
    ['number', 3.25],
    ['number', -0.5],
    ['checkbox', true],
    ['checkbox', false],
    ['url', 'https://example.com/a'],
    ['email', 'a@example.com'],
    ['phone_number', '+33 1 23 45 67 89'],
    ['select', 'High'],
    ['status', 'Done'],
    ['multi_select', ['A', 'B']],
    ['person', ['u-1', { id: 'u-2' }], ['u-1', 'u-2']],
    ['relation', 'page-1', ['page-1']],
    ['file', [{ url: 'https://example.com/files/report.pdf' }], [{ name: 'report.pdf', url: 'https://example.com/files/report.pdf' }]],
    ['date', '2024-01-05', { start: '2024-01-05', includeTime: false }],
    ['date', { start: '2024-01-05T09:30', end: '2024-01-06T10:00', timeZone: 'Europe/Paris' }, { start: '2024-01-05T09:30', end: '2024-01-06T10:00', includeTime: true, timeZone: 'Europe/Paris' }],
    ['verification', 'checked by hand', [['checked by hand']]],
    ['location', [['Paris', [['b']]]], [['Paris', [['b']]]]],
  ]
  it.each(cases)('%s: %j', (type, value, expected = value) => {
    expect(roundTrip(property(type, { options: [{ id: 'o', value: 'High', color: 'red' }] }), value)).toEqual(expected)
  })

  it('refuses values of the wrong kind, naming the item refused', () => {
    expect(codecFor('checkbox').encode('yes', context(property('checkbox')))).toEqual({ refused: 'yes' })
    expect(codecFor('number').encode(Number.NaN, context(property('number')))).toEqual({ refused: Number.NaN })
    expect(codecFor('person').encode(['u-1', 42], context(property('person')))).toEqual({ refused: 42 })
    expect(codecFor('date').encode('2024-02-30', context(property('date')))).toEqual({ refused: '2024-02-30' })
    expect(codecFor('multi_select').encode(['a,b'], context(property('multi_select')))).toEqual({ refused: ['a,b'] })
  })

  it('matches options without regard to case and reports new ones', () => {
    const select = property('multi_select', { options: [{ id: 'o', value: 'High', color: 'red' }] })
    expect(codecFor('multi_select').encode(['high', 'Low'], context(select))).toEqual({
      richText: [['High,Low']],
      newOptions: [{ id: 'new-option', value: 'Low', color: 'default' }],
    })
  })

  it('stores a cleared checkbox unchecked and every other cleared cell empty', () => {
    expect(codecFor('checkbox').cleared).toEqual([['No']])
    for (const type of PROPERTY_TYPES.filter((type) => type !== 'checkbox')) expect(codecFor(type).cleared, type).toEqual([])
  })
})

describe('query cells: the evaluator reads what the codec wrote', () => {
  const row = (cells: Record<string, unknown>) => ({ id: 'r', value: { properties: cells, created_time: Date.UTC(2024, 0, 5, 12), created_by_id: 'u-9' } })
  const schema = readQuerySchema({
    schema: {
      n: { name: 'N', type: 'number' },
      c: { name: 'C', type: 'checkbox' },
      t: { name: 'T', type: 'multi_select' },
      u: { name: 'U', type: 'person' },
      d: { name: 'D', type: 'date' },
      ct: { name: 'Created', type: 'created_time' },
      cb: { name: 'By', type: 'created_by' },
      f: { name: 'F', type: 'formula', formula: { type: 'operator', operator: '+', name: 'add', result_type: 'number', args: [{ type: 'property', id: 'n', name: 'N', result_type: 'number' }, { type: 'constant', value: '1', value_type: 'number', result_type: 'number' }] } },
    },
  })
  const encoded = (type: string, value: unknown) => {
    const outcome = codecFor(type).encode(value, context(property(type)))
    return 'refused' in outcome ? [] : outcome.richText
  }
  const stored = row({ n: encoded('number', 41), c: encoded('checkbox', true), t: encoded('multi_select', ['a', 'b']), u: encoded('person', 'u-1'), d: encoded('date', '2024-03-01') })
  const cell = (id: string) => decodeCell(stored, id, schema.get(id)!, schema, 'UTC')

  it('gives each type its kind of cell', () => {
    expect(cell('n')).toEqual({ kind: 'number', number: 41 })
    expect(cell('c')).toEqual({ kind: 'checkbox', checked: true })
    expect(cell('t')).toEqual({ kind: 'list', values: ['a', 'b'] })
    expect(cell('u')).toEqual({ kind: 'ids', ids: ['u-1'] })
    expect(cell('d')).toMatchObject({ kind: 'date', date: { startDay: '2024-03-01' } })
    expect(cell('ct')).toMatchObject({ kind: 'date', date: { startDay: '2024-01-05' } })
    expect(cell('cb')).toEqual({ kind: 'ids', ids: ['u-9'] })
    expect(cell('f')).toEqual({ kind: 'number', number: 42 })
  })

  it('reads a decoded value as the same kind of cell for rollups (ids for mention types)', () => {
    expect(valueCell(['u-1'], 'person', 'UTC')).toEqual({ kind: 'ids', ids: ['u-1'] })
    expect(valueCell(['a'], 'multi_select', 'UTC')).toEqual({ kind: 'list', values: ['a'] })
    expect(valueCell(true, 'checkbox', 'UTC')).toEqual({ kind: 'checkbox', checked: true })
  })
})

describe('operators and aggregators', () => {
  it('follow the type', () => {
    expect(filterOperatorsFor({ type: 'checkbox' })).toEqual(['checkbox_is', 'checkbox_is_not'])
    expect(filterOperatorsFor({ type: 'select' })).toEqual(['enum_is', 'enum_is_not', 'is_empty', 'is_not_empty'])
    expect(filterOperatorsFor({ type: 'created_time' })).not.toContain('is_empty')
    expect(aggregatorsFor({ type: 'checkbox' })).toEqual(['count', 'checked', 'unchecked', 'percent_checked', 'percent_unchecked'])
    expect(aggregatorsFor({ type: 'unique_id' })).toContain('sum')
    expect(aggregatorsFor({ type: 'rollup' })).toEqual(AGGREGATORS)
  })

  it('follow a formula’s result type', () => {
    const formula = (result_type: unknown) => ({ type: 'formula', formula: { result_type } })
    expect(filterOperatorsFor(formula('boolean'))).toEqual(filterOperatorsFor({ type: 'checkbox' }))
    expect(filterOperatorsFor(formula('date'))).toEqual(filterOperatorsFor({ type: 'date' }))
    expect(filterOperatorsFor(formula('select'))).toEqual(FILTER_OPERATORS)
    expect(aggregatorsFor(formula('select'))).toEqual(aggregatorsFor({ type: 'select' }))
    expect(aggregatorsFor(formula('number'))).toEqual(aggregatorsFor({ type: 'number' }))
    expect(aggregatorsFor(formula(7))).toEqual(AGGREGATORS)
    expect(aggregatorsFor({ type: 'formula' })).toEqual(AGGREGATORS)
  })
})

describe('conversions: what a retype writes', () => {
  const row = (cell: unknown, extra: Partial<RowValue> = {}): RowValue => ({ properties: { p: cell }, ...extra })
  const retype = (from: string, to: string, cell: unknown, extra: Partial<RowValue> = {}) => convertCell(row(cell, extra), property(from), property(to))

  it('converts through what the old type shows', () => {
    expect(retype('text', 'number', [['3.50']])).toEqual([['3.5']])
    expect(retype('text', 'checkbox', [['x']])).toEqual([['Yes']])
    expect(retype('text', 'checkbox', [['maybe']])).toEqual([['No']])
    expect(retype('number', 'text', [['012']])).toEqual([['12']])
    expect(retype('multi_select', 'select', [['b,a']])).toEqual([['b']])
    // The same stored text: nothing to write; an unchecked box is no text.
    expect(retype('checkbox', 'text', [['Yes']])).toBeUndefined()
    expect(retype('checkbox', 'url', [['No']])).toEqual([])
    expect(retype('text', 'date', [['2024-01-05']])).toEqual([['‣', [['d', { type: 'date', start_date: '2024-01-05' }]]]])
  })

  it('keeps mentions of the new kind and the author of created_by', () => {
    expect(retype('created_by', 'person', undefined, { created_by_id: 'u-1' })).toEqual([['‣', [['u', 'u-1']]]])
    expect(retype('text', 'person', [['‣', [['u', 'u-2']]], [' and text']])).toEqual([['‣', [['u', 'u-2']]]])
  })

  it('leaves cells alone between text-like types, to computed types and for types it does not interpret', () => {
    expect(convertsCells('text', 'url')).toBe(false)
    expect(convertsCells('text', 'formula')).toBe(false)
    expect(convertsCells('verification', 'text')).toBe(false)
    expect(convertsCells('text', 'title')).toBe(false)
    expect(convertsCells('formula', 'text')).toBe(true)
    expect(retype('text', 'number', [['not a number']])).toEqual([])
  })
})
