import { describe, expect, it } from 'vitest'
import {
  InputError,
  InvalidQueryError,
  InvalidSchemaChangeError,
  InvalidValueError,
  PropertyValueError,
  RecordNotFoundError,
  UnknownPropertyError,
  ViewLayoutError,
} from '../src/index.js'
import { DateInputError } from '../src/databases/properties/propertyDate.js'

describe('InputError: one base for "the SDK refused your input"', () => {
  const errors = [
    new InvalidValueError('invalid_value', { recordId: 'b1', accessor: 'title', accepts: 'a string', value: 3 }),
    new PropertyValueError('invalid_value', { propertyId: 'a1', propertyName: 'Done', propertyType: 'checkbox', accepts: 'a boolean', value: 'yes' }),
    new UnknownPropertyError('estimatedValu', ['Estimated value']),
    new InvalidQueryError('invalid_sort', 'a sort direction is ascending or descending'),
    new InvalidSchemaChangeError('invalid_option', 'no such option'),
    new ViewLayoutError('no_date_property', 'the view has no date property', { viewId: 'v1', viewType: 'calendar', expected: 'calendar' }),
    new RecordNotFoundError('block', 'b1'),
    new DateInputError('not a Date or a string'),
  ]

  it('every client-side refusal is an InputError with its own name and a string code', () => {
    for (const error of errors) {
      expect(error).toBeInstanceOf(InputError)
      expect(error).toBeInstanceOf(Error)
      expect(InputError.isInputError(error)).toBe(true)
      expect(error.name).toBe(error.constructor.name)
      expect(typeof error.code).toBe('string')
    }
    expect(new Set(errors.map((error) => error.name)).size).toBe(8)
  })

  it('recognizes an error from a second copy of the package by name and code, and nothing else', () => {
    const copy = Object.assign(new Error('from another copy'), { name: 'InvalidQueryError', code: 'invalid_sort' })
    expect(InputError.isInputError(copy)).toBe(true)
    expect(InvalidQueryError.isInvalidQueryError(copy)).toBe(true)
    expect(InvalidQueryError.isInvalidQueryError(Object.assign(new Error('x'), { name: 'InvalidQueryError', code: 'nope' }))).toBe(false)
    expect(InputError.isInputError(Object.assign(new Error('x'), { name: 'TypeError', code: 'invalid_sort' }))).toBe(false)
    expect(InputError.isInputError(new Error('plain'))).toBe(false)
    expect(InputError.isInputError('InvalidQueryError')).toBe(false)
  })
})
