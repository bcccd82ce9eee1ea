import { readFileSync } from 'node:fs'
import type { CollectionValue } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import type { CollectionSchema } from '../src/databases/properties/collectionSchema.js'
import { decodeProperty, decodeRow } from '../src/databases/properties/decodeProperty.js'
import { resolveProperty } from '../src/databases/properties/resolveProperty.js'
import { recordedFixtures } from '../../../test/support/recordedFixtures.js'

const fixtures = recordedFixtures
const json = (path: string) => JSON.parse(readFileSync(new URL(path, fixtures), 'utf8'))

// AST builders in the shape Notion stores (notion-types' Formula).
const num = (value: number) => ({ type: 'constant', value: String(value), value_type: 'number', result_type: 'number' })
const str = (value: string) => ({ type: 'constant', value, value_type: 'string', result_type: 'text' })
const fn = (name: string, ...args: unknown[]) => ({ type: 'function', name, args })
const op = (operator: string, name: string, ...args: unknown[]) => ({ type: 'operator', operator, name, args })
const prop = (id: string) => ({ type: 'property', id, name: id })

describe('formula properties of a row', () => {
  it('reads other properties, formulas of formulas, and refuses cycles', () => {
    const schema: CollectionSchema = {
      title: { name: 'Name', type: 'title' },
      n: { name: 'N', type: 'number' },
      tags: { name: 'Tags', type: 'multi_select' },
      done: { name: 'Done', type: 'checkbox' },
      due: { name: 'Due', type: 'date' },
      f1: { name: 'F1', type: 'formula', formula: op('*', 'multiply', prop('n'), num(2)) },
      f2: { name: 'F2', type: 'formula', formula: op('+', 'add', prop('f1'), num(1)) },
      tagText: { name: 'Tag text', type: 'formula', formula: fn('concat', prop('tags'), str('!')) },
      label: { name: 'Label', type: 'formula', formula: fn('if', prop('done'), fn('formatDate', prop('due'), str('YYYY/MM/DD')), str('todo')) },
      loopA: { name: 'A', type: 'formula', formula: prop('loopB') },
      loopB: { name: 'B', type: 'formula', formula: prop('loopA') },
      bad: { name: 'Bad', type: 'formula', formula: fn('nope') },
    }
    const row = { properties: { n: [['20']], tags: [['x,y']], done: [['Yes']], due: [['‣', [['d', { type: 'date', start_date: '2024-02-03' }]]]] } }
    const issues: unknown[] = []
    const decoded = decodeRow(schema, row, { onFormulaIssue: (issue) => issues.push(issue) })
    expect(decoded['f1']).toBe(40)
    expect(decoded['f2']).toBe(41)
    expect(decoded['tagText']).toBe('x, y!')
    expect(decoded['label']).toBe('2024/02/03')
    expect(decoded['loopA']).toBeUndefined()
    expect(decoded['bad']).toBeUndefined()
    expect(issues).toContainEqual({ propertyId: 'bad', propertyName: 'Bad', unsupported: ['function nope'] })
    expect(decodeProperty(resolveProperty(schema, 'f1'), row)).toBeUndefined()
  })

  it('computes the recorded NBA formulas for Damian Jones', () => {
    const collection = json('nba/1a425309-21c0-4ca1-8548-c5915137b566.json') as CollectionValue
    const page = json('collection-row-page.json')
    const row = page.recordMap.block['139ac7d7-30d5-4b5e-9393-7a282d8ff635'].value
    const schema = collection.schema!
    const read = (key: string) => decodeProperty(resolveProperty(schema, key), row, { schema })
    expect(read('Last Name')).toBe('Jones')
    expect(read('Number | Position | Height')).toBe('#30 | Center | 6\' 11"')
    expect(read('Labeled Draft')).toBe('2016 Draft: Round 1 Pick 30')
    expect(read('Labeled School')).toBe('School: Vanderbilt')
    expect(read('Birthday | Age')).toBe('Born: June 30, 1995 | Age: 24')
  })
})
