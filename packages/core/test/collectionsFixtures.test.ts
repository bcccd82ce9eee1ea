import { readFileSync } from 'node:fs'
import { blockValueSchema, collectionValueSchema, type BlockValue, type CollectionValue } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import type { CollectionSchema } from '../src/databases/properties/collectionSchema.js'
import { decodeProperty, decodeRow } from '../src/databases/properties/decodeProperty.js'
import { encodeProperty } from '../src/databases/properties/encodeProperty.js'
import type { PropertyValue } from '../src/databases/properties/propertyValueMap.js'
import { resolveProperty } from '../src/databases/properties/resolveProperty.js'
import { recordedFixtures } from '../../../test/support/recordedFixtures.js'

// Real Notion record maps recorded by react-notion-x (flat {role, value} envelopes).
const fixtures = recordedFixtures
const json = (path: string) => JSON.parse(readFileSync(new URL(path, fixtures), 'utf8'))

interface Loaded {
  schema: CollectionSchema
  rows: Map<string, BlockValue>
}

function load(path: string): Loaded {
  const { recordMap } = json(path)
  const collection = collectionValueSchema.parse(Object.values<{ value: unknown }>(recordMap.collection)[0]!.value)
  const rows = new Map<string, BlockValue>()
  for (const [id, entry] of Object.entries<{ value: unknown }>(recordMap.block)) {
    const block = blockValueSchema.parse(entry.value)
    if (block.parent_table === 'collection') rows.set(id, block)
  }
  return { schema: collection.schema!, rows }
}

/** Row values by property name (what a user reads), for the recorded kitchen-sink table. */
function byName(loaded: Loaded, rowId: string): Record<string, PropertyValue> {
  const row = loaded.rows.get(rowId)!
  const decoded = decodeRow(loaded.schema, row)
  return Object.fromEntries(Object.entries(decoded).map(([id, value]) => [loaded.schema[id]!.name, value]))
}

const NEW_YORK = '43fb2254-b7e3-412c-a461-566f7a83918e'
const LONDON = '3b506960-ea91-4b59-8e7c-f3c51e40529a'
const SHANGHAI = '3fce55d4-2528-4d05-8af5-6f2bbc4af418'
const EMPTY = 'c755e6c7-dcdd-433b-9c4c-ac9b3119ae92'

describe.each(['table.json', 'list.json'])('%s (Table Kitchen Sink)', (file) => {
  const loaded = load(file)

  it('has the four rows', () => {
    expect([...loaded.rows.keys()].sort()).toEqual([NEW_YORK, LONDON, SHANGHAI, EMPTY].sort())
  })

  it('New York: every type decoded', () => {
    expect(byName(loaded, NEW_YORK)).toEqual({
      Name: 'New York',
      Text: 'test',
      Number: 42,
      Select: 'foo',
      'Multi-select': ['foo', 'bar', 'nala'],
      Date: { start: '2020-07-23', includeTime: false },
      Person: ['db401f86-4012-4d18-9445-236978ef32df'],
      Files: [{ name: '00.jpg', url: 'https://s3-us-west-2.amazonaws.com/secure.notion-static.com/c5bf91fc-8f70-4b32-8c57-458bde39ea2c/00.jpg' }],
      Checkbox: false,
      URL: 'https://notion2site.com',
      Email: 't@t.com',
      Phone: '5555555555',
    })
  })

  it('London: negative number, date range, two files, checked', () => {
    const values = byName(loaded, LONDON)
    expect(values['Number']).toBe(-32.48)
    expect(values['Date']).toEqual({ start: '2010-07-31', end: '2020-07-31', includeTime: false })
    expect(values['Files']).toEqual([
      { name: '0.jpg', url: 'https://s3-us-west-2.amazonaws.com/secure.notion-static.com/be2a13f6-5aab-45ac-9b9b-c371995b2094/0.jpg' },
      { name: '21.jpg', url: 'https://s3-us-west-2.amazonaws.com/secure.notion-static.com/bcd41339-6c9c-4ff4-9877-f4aab44afe81/21.jpg' },
    ])
    expect(values['Checkbox']).toBe(true)
    expect(values['Multi-select']).toEqual(['nala', 'git'])
    expect(values['Person']).toEqual(['3a828f9b-5a82-4ecc-9fa9-a2c27700797c'])
    expect(values['Phone']).toBe('+665555555555')
    expect(values['Text']).toBe('')
  })

  it('Shanghai: eight tags, a far-future date, a file named by its URL, no person', () => {
    const values = byName(loaded, SHANGHAI)
    expect(values['Number']).toBe(1000099)
    expect(values['Multi-select']).toEqual(['foo', 'git', 'baz', 'abc', 'ghi', 'jkl', 'mno', 'stu'])
    expect(values['Date']).toEqual({ start: '3000-07-22', includeTime: false })
    expect((values['Files'] as Array<{ name: string; url: string }>)[0]?.name).toMatch(/^https:\/\/images\.unsplash\.com\//)
    expect(values['Email']).toBe('foo')
    expect(values['Person']).toEqual([])
    expect(values['Phone']).toBe('')
  })

  it('the empty row reads empty for every type', () => {
    expect(byName(loaded, EMPTY)).toEqual({
      Name: 'empty',
      Text: '',
      Number: null,
      Select: null,
      'Multi-select': [],
      Date: null,
      Person: [],
      Files: [],
      Checkbox: false,
      URL: '',
      Email: '',
      Phone: '',
    })
  })

  it('re-encodes every recorded value to the recorded cell', () => {
    for (const row of loaded.rows.values()) {
      for (const [id, property] of Object.entries(loaded.schema)) {
        const schemaProperty = { ...property, id }
        const stored = row.properties?.[id]
        const encoded = encodeProperty(schemaProperty, decodeProperty(schemaProperty, row))
        expect(encoded.newOptions).toBeUndefined()
        if (stored === undefined) {
          expect(encoded.richText, `${row.id} ${property.name}`).toEqual(property.type === 'checkbox' ? [['No']] : [])
        } else if (property.type === 'file' && row.id === SHANGHAI) {
          // Named by its URL when recorded; re-encoding names it by the URL's last path segment.
          expect(encoded.richText[0]?.[1]).toEqual(stored[0]?.[1])
        } else {
          expect(encoded.richText, `${row.id} ${property.name}`).toEqual(stored)
        }
      }
    }
  })
})

describe('list.json authorship fields', () => {
  it('created_time, last_edited_time and created_by come from the row record', () => {
    const loaded = load('list.json')
    const row = loaded.rows.get(SHANGHAI)!
    const schema: CollectionSchema = {
      ct: { name: 'Created', type: 'created_time' },
      et: { name: 'Edited', type: 'last_edited_time' },
      cb: { name: 'By', type: 'created_by' },
    }
    expect(decodeRow(schema, row)).toEqual({
      ct: new Date(1595420008681),
      et: new Date(1596656460000),
      cb: 'db401f86-4012-4d18-9445-236978ef32df',
    })
  })
})

describe('nba/ (2020 NBA Players and NBA Teams)', () => {
  const players = collectionValueSchema.parse(json('nba/1a425309-21c0-4ca1-8548-c5915137b566.json')) as CollectionValue
  const teams = collectionValueSchema.parse(json('nba/e777a528-9404-4e96-9f26-0014be705592.json')) as CollectionValue
  const row = blockValueSchema.parse(json('collection-row-page.json').recordMap.block['139ac7d7-30d5-4b5e-9393-7a282d8ff635'].value)

  it('a player row decodes by type (text, select, number, date, file, relation, formulas)', () => {
    const schema = players.schema!
    const read = (key: string) => decodeProperty(resolveProperty(schema, key), row, { schema })
    expect(read('name')).toBe('Damian Jones')
    expect(read('Draft')).toBe('2016: Rnd 1 Pick 30')
    expect(read('nationality')).toBe('United States')
    // A text column that still carries select options from a type change.
    expect(read('Height')).toBe('6\' 11"')
    expect(read('Position')).toBe('Center')
    expect(read('age')).toBe(24)
    expect(read('Birthday')).toEqual({ start: '1995-06-30', includeTime: false })
    expect(read('Photo')).toEqual([
      { name: 'https://ak-static.cms.nba.com/wp-content/uploads/headshots/nba/latest/260x190/1627745.png', url: 'https://ak-static.cms.nba.com/wp-content/uploads/headshots/nba/latest/260x190/1627745.png' },
    ])
    expect(read('Team')).toEqual(['841918aa-f2a3-4d4c-b5ad-64b0f57c47b8'])
    expect(read('number')).toBe('#30')
    expect(read('lastName')).toBe('Jones')
    // The row keeps a cell of a deleted column (ChHi); decodeRow reads the schema's columns only.
    expect(Object.keys(decodeRow(schema, row))).toEqual(Object.keys(schema))
  })

  it('the teams schema resolves despite the BOM in its title name', () => {
    const schema = teams.schema!
    expect(resolveProperty(schema, 'team').id).toBe('title')
    expect(resolveProperty(schema, 'players')).toMatchObject({ id: '3-5L', type: 'relation', collection_id: players.id })
    expect(resolveProperty(schema, 'conference').options?.map((option) => option.value)).toEqual(['Eastern Conference', 'Western Conference'])
  })
})
