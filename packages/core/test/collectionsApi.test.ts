import { describe, expect, expectTypeOf, it } from 'vitest'
import * as core from './support/allEntries.js'
import { QueryBuilder, decodeProperty, encodeProperty, where, type PropertyDate, type SchemaProperty } from '../src/index.js'

describe('collections public API', () => {
  it('exports the collection foundations from the package index', () => {
    for (const name of [
      'decodeProperty', 'decodeRow', 'encodeProperty', 'toNotionDate', 'fromNotionDate', 'propertyDateInstants',
      'PropertyValueError', 'PROPERTY_VALUE_ERROR_CODES', 'propertySlug', 'resolveProperty', 'UnknownPropertyError',
      'evaluateFormula', 'formulaDate', 'formulaDateEnd', 'formulaDateHasTime', 'formatMomentDate',
      'FILTER_OPERATORS', 'AGGREGATORS', 'RELATIVE_DATES', 'RELATIVE_DATE_RANGES', 'filterOperatorsFor', 'aggregatorsFor',
      'where', 'and', 'or', 'QueryBuilder', 'RESULTS_REDUCER', 'GROUPS_REDUCER', 'InvalidQueryError', 'INVALID_QUERY_CODES', 'fromViewQuery2',
    ]) {
      expect((core as Record<string, unknown>)[name], name).toBeDefined()
    }
  })

  it('types values by operator and by property type', () => {
    expectTypeOf(where('n', 'number_equals', 3)).toMatchTypeOf<{ operator: 'number_equals'; value?: number }>()
    // @ts-expect-error number_equals takes a number
    where('n', 'number_equals', '3')
    // @ts-expect-error is_empty takes no value
    where('n', 'is_empty', 1)
    // @ts-expect-error checkbox_is needs its value
    expect(() => new QueryBuilder({}).where('n', 'checkbox_is')).toThrow()
    const date = { id: 'd', name: 'Due', type: 'date' } as SchemaProperty & { type: 'date' }
    expectTypeOf(decodeProperty(date, {})).toEqualTypeOf<PropertyDate | null>()
    const tags = { id: 't', name: 'Tags', type: 'multi_select' } as SchemaProperty & { type: 'multi_select' }
    expectTypeOf(decodeProperty(tags, {})).toEqualTypeOf<string[]>()
    expectTypeOf(encodeProperty(tags, ['a']).richText).toMatchTypeOf<unknown[]>()
  })
})
