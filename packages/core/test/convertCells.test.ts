import type { SelectOption } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import type { RowValue, SchemaProperty } from '../src/databases/properties/collectionSchema.js'
import { cellOptionValues, convertCell, convertsCells, dateText, mergeOptions, type CellConversionContext } from '../src/databases/properties/convertCells.js'
import { decodeProperty } from '../src/databases/properties/decodeProperty.js'

// Pure conversions: a cell in, the cell Notion's UI would leave out (or undefined: stays as stored).
const ID = 'p'
const prop = (type: string, extra: Partial<SchemaProperty> = {}): SchemaProperty => ({ id: ID, name: 'P', type, ...extra })
const row = (cell: unknown, fields: Partial<RowValue> = {}): RowValue => ({ properties: cell === undefined ? {} : { [ID]: cell }, ...fields })
const convert = (cell: unknown, from: string, to: string | SchemaProperty, context?: CellConversionContext) =>
  convertCell(row(cell), prop(from), typeof to === 'string' ? prop(to) : to, context)

const USER = 'a1b2c3d4-0000-4000-8000-000000000001'
const PAGE = 'a1b2c3d4-0000-4000-8000-000000000002'
const names: CellConversionContext = {
  userName: (id) => (id === USER ? 'Ada Lovelace' : undefined),
  pageTitle: (id) => (id === PAGE ? 'Fix login, again' : undefined),
}

describe('convertsCells: which retypes touch cells', () => {
  it('not for the same type, text-like to text-like, computed targets or uninterpreted types', () => {
    expect(convertsCells('text', 'text')).toBe(false)
    expect(convertsCells('text', 'url')).toBe(false)
    expect(convertsCells('email', 'phone_number')).toBe(false)
    for (const computed of ['formula', 'rollup', 'created_time', 'last_edited_time', 'created_by', 'last_edited_by', 'auto_increment_id', 'button']) {
      expect(convertsCells('text', computed)).toBe(false)
    }
    expect(convertsCells('verification', 'text')).toBe(false)
    expect(convertsCells('text', 'location')).toBe(false)
    expect(convertsCells('text', 'number')).toBe(true)
    expect(convertsCells('select', 'multi_select')).toBe(true)
    expect(convertsCells('created_time', 'date')).toBe(true)
    // Computed targets leave the cell as stored, whatever it holds.
    expect(convert([['3']], 'text', 'formula')).toBeUndefined()
    expect(convert([['x']], 'select', 'created_by')).toBeUndefined()
  })
})

describe('to select, multi_select and status', () => {
  const options: SelectOption[] = [{ id: 'o-high', value: 'High', color: 'red' }]

  it('values become options: existing ones keep id and colour, new ones are default, in first-seen order', () => {
    let next = 0
    const merged = mergeOptions(options, ['high', 'Low', 'Mid', 'low'], () => `new-${++next}`)
    expect(merged).toEqual([
      { id: 'o-high', value: 'High', color: 'red' },
      { id: 'new-1', value: 'Low', color: 'default' },
      { id: 'new-2', value: 'Mid', color: 'default' },
    ])
  })

  it('text splits on commas: multi_select keeps each value, select and status keep the first', () => {
    expect(cellOptionValues(row([['a, b ,,c']]), prop('text'), 'multi_select')).toEqual(['a', 'b', 'c'])
    expect(cellOptionValues(row([['a, b']]), prop('text'), 'select')).toEqual(['a'])
    expect(cellOptionValues(row([['a, b']]), prop('text'), 'status')).toEqual(['a'])
    expect(cellOptionValues(row([['x']]), prop('text'), 'number')).toEqual([])
    expect(convert([['a, b ,,c']], 'text', 'multi_select')).toEqual([['a,b,c']])
    expect(convert([['a, b']], 'text', prop('select', { options: [{ id: '1', value: 'A' }] }))).toEqual([['A']])
    // Already an option value: nothing to write.
    expect(convert([['High']], 'text', prop('select', { options }))).toBeUndefined()
    // Blank text reads as no option already.
    expect(convert([['  ']], 'text', 'select')).toBeUndefined()
  })

  it('between select-like types values carry over; multi_select to select keeps the first', () => {
    expect(convert([['High']], 'select', 'multi_select')).toBeUndefined()
    expect(convert([['A,B']], 'multi_select', 'select')).toEqual([['A']])
    expect(convert([['Done']], 'status', 'select')).toBeUndefined()
  })

  it('people and pages become their names (commas inside a name become spaces), checkboxes Yes, numbers their digits', () => {
    const people = [['‣', [['u', USER]]], [','], ['‣', [['u', 'unknown-user']]]]
    expect(cellOptionValues(row(people), prop('person'), 'multi_select', names)).toEqual(['Ada Lovelace', 'unknown-user'])
    expect(cellOptionValues(row([['‣', [['p', PAGE]]]]), prop('relation'), 'select', names)).toEqual(['Fix login again'])
    // A checked box is stored as `Yes`, which is already the option's value.
    expect(convert([['Yes']], 'checkbox', 'select')).toBeUndefined()
    expect(convert([['No']], 'checkbox', 'select')).toEqual([])
    expect(convert([['3.50']], 'number', 'select')).toEqual([['3.5']])
  })
})

describe('to number', () => {
  it('numbers stay, normalized; anything else is cleared', () => {
    expect(convert([['3']], 'text', 'number')).toBeUndefined()
    expect(convert([[' 3.50 ']], 'text', 'number')).toEqual([['3.5']])
    expect(convert([['-1e3']], 'text', 'number')).toEqual([['-1000']])
    expect(convert([['three']], 'text', 'number')).toEqual([])
    expect(convert([['1,000']], 'text', 'number')).toEqual([])
    expect(convert([['42']], 'select', 'number')).toBeUndefined()
    expect(convert([['Yes']], 'checkbox', 'number')).toEqual([])
    expect(convert(undefined, 'text', 'number')).toBeUndefined()
  })
})

describe('to checkbox', () => {
  it('yes, true, 1, x, checked and ticks (any case) check it; anything else is unchecked (No)', () => {
    for (const text of ['Yes', 'TRUE', '1', 'x', 'Checked', '✓']) expect(convert([[` ${text} `]], 'text', 'checkbox')).toEqual([['Yes']])
    for (const text of ['no', 'false', '0', 'maybe', '2']) expect(convert([[text]], 'text', 'checkbox')).toEqual([['No']])
    expect(convert([['Yes']], 'select', 'checkbox')).toBeUndefined()
    // An empty cell reads unchecked already: nothing to write.
    expect(convert([], 'text', 'checkbox')).toBeUndefined()
    expect(convert(undefined, 'select', 'checkbox')).toBeUndefined()
  })
})

describe('to date', () => {
  it('ISO dates become date mentions; anything else is cleared', () => {
    expect(convert([['2024-01-05']], 'text', 'date')).toEqual([['‣', [['d', { type: 'date', start_date: '2024-01-05' }]]]])
    expect(convert([['2024-01-05T09:30']], 'text', 'date')).toEqual([['‣', [['d', { type: 'datetime', start_date: '2024-01-05', start_time: '09:30' }]]]])
    expect(convert([['2024-01-05T09:30:00Z']], 'text', 'date')).toEqual([
      ['‣', [['d', { type: 'datetime', start_date: '2024-01-05', start_time: '09:30', time_zone: 'UTC' }]]],
    ])
    expect(convert([['2024-01-05 → 2024-01-09']], 'text', 'date')).toEqual([
      ['‣', [['d', { type: 'daterange', start_date: '2024-01-05', end_date: '2024-01-09' }]]],
    ])
    expect(convert([['next Tuesday']], 'text', 'date')).toEqual([])
    expect(convert([['2024-02-30']], 'text', 'date')).toEqual([])
    expect(convert([['2024-01-05 09:30 (Mars/Base)']], 'text', 'date')).toEqual([])
  })

  it('created time becomes the date it shows, in the given zone', () => {
    const created = Date.UTC(2024, 0, 5, 9, 30)
    const cell = convertCell(row(undefined, { created_time: created }), prop('created_time'), prop('date'), { timeZone: 'Europe/Paris' })
    expect(cell).toEqual([['‣', [['d', { type: 'datetime', start_date: '2024-01-05', start_time: '10:30', time_zone: 'Europe/Paris' }]]]])
  })
})

describe('to text-like types', () => {
  it('people, pages, dates, files, options and checkboxes become the plain text they show', () => {
    const people = [['‣', [['u', USER]]], [','], ['‣', [['u', 'unknown-user']]]]
    expect(convert(people, 'person', 'text', names)).toEqual([['Ada Lovelace, unknown-user']])
    expect(convert([['‣', [['p', PAGE]]]], 'relation', 'text', names)).toEqual([['Fix login, again']])
    const date = [['‣', [['d', { type: 'datetimerange', start_date: '2024-01-05', start_time: '09:30', end_date: '2024-01-06', end_time: '10:00', time_zone: 'Europe/Paris' }]]]]
    expect(convert(date, 'date', 'text')).toEqual([['2024-01-05 09:30 → 2024-01-06 10:00 (Europe/Paris)']])
    const files = [['report.pdf', [['a', 'https://example.com/report.pdf']]], [','], ['b.png', [['a', 'https://example.com/b.png']]]]
    expect(convert(files, 'file', 'text')).toEqual([['report.pdf, b.png']])
    expect(convert(files, 'file', 'url')).toEqual([['https://example.com/report.pdf, https://example.com/b.png', [['a', 'https://example.com/report.pdf, https://example.com/b.png']]]])
    expect(convert([['A,B']], 'multi_select', 'text')).toEqual([['A, B']])
    expect(convert([['High']], 'select', 'text')).toBeUndefined()
    expect(convert([['Yes']], 'checkbox', 'text')).toBeUndefined()
    expect(convert([['No']], 'checkbox', 'text')).toEqual([])
    expect(convert([['a@b.c']], 'select', 'email')).toEqual([['a@b.c', [['a', 'a@b.c']]]])
  })

  it('formulas become the value they compute; ones notion-rx cannot compute stay as stored', () => {
    const schema = { n: { name: 'N', type: 'number' }, [ID]: { name: 'P', type: 'formula' } }
    const double = prop('formula', { formula: { type: 'operator', operator: '*', name: 'multiply', args: [{ type: 'property', id: 'n', name: 'N' }, { type: 'constant', value: '2', value_type: 'number' }] } })
    expect(convertCell({ properties: { n: [['21']] } }, double, prop('text'), { schema })).toEqual([['42']])
    expect(convertCell({ properties: { n: [['21']] } }, double, prop('number'), { schema })).toEqual([['42']])
    const unknown = prop('formula', { formula: { type: 'function', name: 'nonsenseFunction', args: [] } })
    expect(convertCell({ properties: { [ID]: [['kept']] } }, unknown, prop('text'), { schema })).toBeUndefined()
  })
})

describe('to person, relation and file', () => {
  it('mentions and links of the new kind stay; plain text is cleared', () => {
    const mixed = [['see '], ['‣', [['u', USER]]], [' and '], ['‣', [['p', PAGE]]]]
    expect(convert(mixed, 'text', 'person')).toEqual([['‣', [['u', USER]]]])
    expect(convert(mixed, 'text', 'relation')).toEqual([['‣', [['p', PAGE]]]])
    expect(convert([['‣', [['u', USER]]]], 'person', 'relation')).toEqual([])
    expect(convertCell(row(undefined, { created_by_id: USER }), prop('created_by'), prop('person'))).toEqual([['‣', [['u', USER]]]])
    expect(convert([['https://x.org/a.pdf', [['a', 'https://x.org/a.pdf']]]], 'url', 'file')).toBeUndefined()
    expect(convert([['plain words']], 'text', 'file')).toEqual([])
  })
})

describe('round trips lose nothing when the conversion is lossless', () => {
  const through = (cell: unknown, from: string, via: string) => {
    const middle = convert(cell, from, via) ?? cell
    return convert(middle, via, from) ?? middle
  }

  it('number, multi_select and date through text come back as stored', () => {
    expect(through([['3.5']], 'number', 'text')).toEqual([['3.5']])
    expect(through([['A,B']], 'multi_select', 'text')).toEqual([['A,B']])
    const date = [['‣', [['d', { type: 'datetime', start_date: '2024-01-05', start_time: '09:30', time_zone: 'America/Los_Angeles' }]]]]
    expect(through(date, 'date', 'text')).toEqual(date)
    expect(dateText(decodeProperty({ ...prop('date'), type: 'date' }, row(date))!)).toBe('2024-01-05 09:30 (America/Los_Angeles)')
  })
})
