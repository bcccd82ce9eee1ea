import { describe, expect, it } from 'vitest'
import { evaluateFormula } from '../src/formula/evaluateFormula.js'
import { formatMomentDate } from '../src/formula/formatMomentDate.js'
import { formulaDate, type FormulaValue } from '../src/formula/formulaValue.js'

// AST builders in the shape Notion stores (notion-types' Formula).
const num = (value: number) => ({ type: 'constant', value: String(value), value_type: 'number', result_type: 'number' })
const str = (value: string) => ({ type: 'constant', value, value_type: 'string', result_type: 'text' })
const fn = (name: string, ...args: unknown[]) => ({ type: 'function', name, args })
const op = (operator: string, name: string, ...args: unknown[]) => ({ type: 'operator', operator, name, args })
const prop = (id: string) => ({ type: 'property', id, name: id })
const sym = (name: string) => ({ type: 'symbol', name })

const NOW = new Date('2024-01-15T12:00:00Z')
const values: Record<string, FormulaValue> = {
  n: 7,
  t: 'Hello World',
  b: true,
  empty: null,
  d: formulaDate(new Date('2020-01-31T00:00:00Z'), { hasTime: false }),
  dt: formulaDate(new Date('2020-03-01T09:30:00Z')),
}
const run = (formula: unknown, timeZone?: string) => evaluateFormula(formula, { property: (id) => values[id], now: NOW, timeZone })
const value = (formula: unknown, timeZone?: string) => run(formula, timeZone).value

describe('evaluateFormula', () => {
  it.each<[string, unknown, FormulaValue]>([
    ['add numbers', op('+', 'add', num(2), num(3)), 5],
    ['add joins text', op('+', 'add', str('a'), num(3)), 'a3'],
    ['subtract', fn('subtract', num(2), num(3)), -1],
    ['multiply', op('*', 'multiply', prop('n'), num(3)), 21],
    ['divide', fn('divide', num(7), num(2)), 3.5],
    ['mod', op('%', 'mod', num(7), num(3)), 1],
    ['pow', fn('pow', num(2), num(10)), 1024],
    ['operator without name', { type: 'operator', operator: '-', args: [num(5), num(2)] }, 3],
    ['unaryMinus', fn('unaryMinus', prop('n')), -7],
    ['concat', fn('concat', str('a'), str('b'), str('c')), 'abc'],
    ['length', fn('length', prop('t')), 11],
    ['contains', fn('contains', prop('t'), str('World')), true],
    ['replace (regex, first)', fn('replace', str('a-b-c'), str('-'), str('+')), 'a+b-c'],
    ['replaceAll (regex)', fn('replaceAll', str('Damian Jones'), str('.+ '), str('')), 'Jones'],
    ['replace with groups', fn('replace', str('2016: Rnd 1'), str('(\\d+):'), str('$1 Draft:')), '2016 Draft: Rnd 1'],
    ['lower', fn('lower', prop('t')), 'hello world'],
    ['upper', fn('upper', prop('t')), 'HELLO WORLD'],
    ['slice', fn('slice', prop('t'), num(0), num(5)), 'Hello'],
    ['test', fn('test', prop('t'), str('^H')), true],
    ['join', fn('join', str(', '), str('a'), str('b')), 'a, b'],
    ['if true', fn('if', prop('b'), str('yes'), str('no')), 'yes'],
    ['if (operator ?)', op('?', 'if', op('>', 'larger', prop('n'), num(10)), str('big'), str('small')), 'small'],
    ['and', fn('and', prop('b'), sym('false')), false],
    ['or', fn('or', prop('b'), sym('false')), true],
    ['not', fn('not', prop('b')), false],
    ['equal', op('==', 'equal', prop('n'), num(7)), true],
    ['unequal', op('!=', 'unequal', prop('t'), str('x')), true],
    ['larger', fn('larger', num(3), num(2)), true],
    ['largerEq', fn('largerEq', num(2), num(2)), true],
    ['smaller', fn('smaller', str('a'), str('b')), true],
    ['smallerEq', fn('smallerEq', num(3), num(2)), false],
    ['round', fn('round', num(2.5)), 3],
    ['round to places', fn('round', num(3.14159), num(2)), 3.14],
    ['floor', fn('floor', num(2.7)), 2],
    ['ceil', fn('ceil', num(2.1)), 3],
    ['abs', fn('abs', num(-4)), 4],
    ['min', fn('min', num(4), num(-1), num(9)), -1],
    ['max', fn('max', num(4), num(-1), num(9)), 9],
    ['sqrt', fn('sqrt', num(16)), 4],
    ['toNumber of text', fn('toNumber', str('42 apples')), 42],
    ['toNumber of boolean', fn('toNumber', sym('true')), 1],
    ['format number', fn('format', num(24)), '24'],
    ['format boolean', fn('format', prop('b')), 'true'],
    ['symbol pi', sym('pi'), Math.PI],
    ['empty of empty property', fn('empty', prop('empty')), true],
    ['empty of 0 and ""', fn('and', fn('empty', num(0)), fn('empty', str(''))), true],
    ['empty of text', fn('empty', prop('t')), false],
    ['empty property in arithmetic', op('+', 'add', prop('empty'), num(1)), 1],
    ['equal empty and ""', fn('equal', prop('empty'), str('')), true],
  ])('%s', (_name, formula, expected) => {
    expect(run(formula)).toEqual({ value: expected, unsupported: [] })
  })

  it('dates: now, dateAdd, dateSubtract, dateBetween, formatDate, parts', () => {
    expect(value(fn('now'))).toEqual(NOW)
    expect(value(fn('formatDate', fn('dateAdd', prop('d'), num(1), str('months')), str('YYYY-MM-DD')))).toBe('2020-02-29')
    expect(value(fn('formatDate', fn('dateSubtract', prop('d'), num(2), str('weeks')), str('MMM Do, YYYY')))).toBe('Jan 17th, 2020')
    expect(value(fn('formatDate', fn('dateAdd', prop('dt'), num(90), str('minutes')), str('h:mm A')))).toBe('11:00 AM')
    expect(value(fn('dateBetween', prop('dt'), prop('d'), str('days')))).toBe(30)
    expect(value(fn('dateBetween', prop('dt'), prop('d'), str('months')))).toBe(1)
    expect(value(fn('dateBetween', prop('d'), prop('dt'), str('months')))).toBe(-1)
    expect(value(fn('dateBetween', fn('now'), prop('d'), str('years')))).toBe(3)
    expect(value(fn('year', prop('dt')))).toBe(2020)
    // Formula language 1.0: month() from 0, day() the weekday, date() the day of the month.
    expect(value(fn('month', prop('dt')))).toBe(2)
    expect(value(fn('day', prop('dt')))).toBe(0)
    expect(value(fn('date', prop('dt')))).toBe(1)
    expect(value(fn('hour', prop('dt')))).toBe(9)
    expect(value(fn('hour', prop('dt')), 'Asia/Tokyo')).toBe(18)
    expect(value(fn('minute', prop('dt')))).toBe(30)
    expect(value(fn('timestamp', prop('dt')))).toBe(Date.parse('2020-03-01T09:30:00Z'))
    expect(value(fn('fromTimestamp', num(0)))).toEqual(new Date(0))
    expect(value(fn('format', prop('d')))).toBe('January 31, 2020')
    expect(value(fn('format', prop('dt')))).toBe('March 1, 2020 9:30 AM')
    expect(formatMomentDate(new Date('2020-03-01T09:05:07Z'), '[Week] dddd ddd d Q YY M/D HH:mm:ss a Z', 'Europe/Paris')).toBe('Week Sunday Sun 0 1 20 3/1 10:05:07 am +01:00')
  })

  it('date ranges: start() and end()', () => {
    const range = formulaDate(new Date('2020-01-01T00:00:00Z'), { end: new Date('2020-01-05T00:00:00Z'), hasTime: false })
    const scope = { property: () => range, now: NOW }
    expect(evaluateFormula(fn('formatDate', fn('end', prop('r')), str('YYYY-MM-DD')), scope).value).toBe('2020-01-05')
    expect(evaluateFormula(fn('formatDate', fn('start', prop('r')), str('YYYY-MM-DD')), scope).value).toBe('2020-01-01')
    expect(evaluateFormula(fn('format', prop('r')), scope).value).toBe('January 1, 2020 → January 5, 2020')
  })

  it('unknown functions, symbols and properties give undefined and are reported, never thrown', () => {
    expect(run(fn('frobnicate', num(1)))).toEqual({ value: undefined, unsupported: ['function frobnicate'] })
    expect(run(op('+', 'add', num(1), fn('mystery')))).toEqual({ value: undefined, unsupported: ['function mystery'] })
    expect(run(sym('tau'))).toEqual({ value: undefined, unsupported: ['symbol tau'] })
    expect(run(prop('nope')).unsupported).toEqual(['property "nope"'])
    expect(run(null).value).toBeUndefined()
    expect(run({ type: 'weird' }).unsupported).toEqual(['node type weird'])
    expect(run(fn('dateAdd', prop('d'), num(1), str('fortnights'))).unsupported).toEqual(['unit "fortnights"'])
    // The untaken branch of if() is not evaluated.
    expect(run(fn('if', sym('true'), num(1), fn('mystery')))).toEqual({ value: 1, unsupported: [] })
    // Invalid regular expressions match literally.
    expect(value(fn('replace', str('a(b'), str('('), str('-')))).toBe('a-b')
  })
})
