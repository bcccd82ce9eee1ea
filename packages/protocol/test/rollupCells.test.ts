import { describe, expect, it } from 'vitest'
import { aggregateCells } from '../src/query/aggregateCells.js'
import { CellReader, decodeCell, type CellValue } from '../src/query/cellValue.js'
import { readQuerySchema, type QuerySchema } from '../src/query/querySchema.js'
import type { RelatedRow } from '../src/query/relatedRow.js'
import { rollupCells } from '../src/query/rollupCells.js'
import { readRollupSettings, ROLLUP_AGGREGATIONS } from '../src/query/rollupSettings.js'

const num = (number: number | undefined): CellValue => ({ kind: 'number', number })
const day = (startDay: string): CellValue => ({ kind: 'date', date: { startDay, endDay: undefined, start: Date.parse(`${startDay}T00:00:00Z`) } })
const text = (value: string): CellValue => ({ kind: 'text', text: value })
const check = (checked: boolean): CellValue => ({ kind: 'checkbox', checked })

describe('readRollupSettings', () => {
  it('reads the schema entry; no aggregation is show_original; public API names are accepted', () => {
    expect(readRollupSettings({ type: 'rollup', relation_property: 'r', target_property: 't', target_property_type: 'number', aggregation: 'sum' })).toEqual({
      relationProperty: 'r', targetProperty: 't', targetPropertyType: 'number', aggregation: 'sum',
    })
    expect(readRollupSettings({ relation_property: 'r' }).aggregation).toBe('show_original')
    expect(readRollupSettings({ aggregation: 'count_all' }).aggregation).toBe('count')
    expect(readRollupSettings({ aggregation: 'count_unique_values' }).aggregation).toBe('unique')
    expect(readRollupSettings({ aggregation: 'made_up' }).aggregation).toBeUndefined()
    expect(readRollupSettings({ aggregation: 'sum', rollup_type: 'relation', version: 'v2' }).aggregation).toBe('sum')
    expect(readRollupSettings({ aggregation: 'sum', rollup_type: 'something_else' }).aggregation).toBeUndefined()
    expect(ROLLUP_AGGREGATIONS).toContain('show_unique')
  })
})

describe('rollupCells', () => {
  const numbers = [num(4), num(undefined), num(1), num(7)]
  it.each<[string, readonly CellValue[], number | undefined]>([
    ['count', numbers, 4],
    ['count_values', numbers, 3],
    ['unique', [text('a'), text('b'), text('a'), text('')], 2],
    ['empty', numbers, 1],
    ['not_empty', numbers, 3],
    ['percent_empty', numbers, 0.25],
    ['percent_not_empty', numbers, 0.75],
    ['sum', numbers, 12],
    ['average', numbers, 4],
    ['median', numbers, 4],
    ['min', numbers, 1],
    ['max', numbers, 7],
    ['range', numbers, 6],
    ['checked', [check(true), check(false), check(true)], 2],
    ['unchecked', [check(true), check(false), check(true)], 1],
    ['percent_checked', [check(true), check(false), check(true), check(true)], 0.75],
    ['percent_unchecked', [check(true), check(false), check(true), check(true)], 0.25],
    ['date_range', [day('2024-01-01'), day('2024-01-03')], 2 * 86_400_000],
    ['sum', [], 0],
    ['average', [], undefined],
  ])('%s', (aggregation, cells, expected) => {
    const { cell } = rollupCells(cells, aggregation as never)
    expect(cell).toEqual({ kind: 'number', number: expected })
    // The same arithmetic as a view's aggregation over a column.
    expect(aggregateCells(cells, aggregation as never).value).toBe(expected)
  })

  it('earliest_date / latest_date give the date itself and the related cell it comes from', () => {
    const cells = [day('2024-03-01'), day('2024-01-10'), text(''), day('2024-05-20')]
    expect(rollupCells(cells, 'earliest_date')).toEqual({ cell: cells[1], source: 1 })
    expect(rollupCells(cells, 'latest_date')).toEqual({ cell: cells[3], source: 3 })
    expect(rollupCells([], 'latest_date')).toEqual({ cell: { kind: 'date', date: undefined }, source: undefined })
  })

  it('show_original keeps every value in relation order; show_unique drops repeats; ids stay ids', () => {
    const cells: CellValue[] = [{ kind: 'list', values: ['a', 'b'] }, text('c'), { kind: 'list', values: ['a'] }, num(2)]
    expect(rollupCells(cells, 'show_original').cell).toEqual({ kind: 'list', values: ['a', 'b', 'c', 'a', '2'] })
    expect(rollupCells(cells, 'show_unique').cell).toEqual({ kind: 'list', values: ['a', 'b', 'c', '2'] })
    const people: CellValue[] = [{ kind: 'ids', ids: ['u1', 'u2'] }, { kind: 'ids', ids: ['u1'] }]
    expect(rollupCells(people, 'show_unique').cell).toEqual({ kind: 'ids', ids: ['u1', 'u2'] })
    expect(rollupCells([], 'show_original').cell).toEqual({ kind: 'list', values: [] })
  })
})

describe('decodeCell of a rollup', () => {
  const relation = (...pageIds: string[]) => pageIds.map((id) => ['‣', [['p', id]]])
  const tasks = readQuerySchema({
    schema: {
      title: { name: 'Task', type: 'title' },
      hours: { name: 'Hours', type: 'number' },
      proj: { name: 'Project', type: 'relation' },
      back: { name: 'Back', type: 'rollup', relation_property: 'proj', target_property: 'loop', aggregation: 'sum' },
    },
  })
  const projects = readQuerySchema({
    schema: {
      title: { name: 'Project', type: 'title' },
      tasks: { name: 'Tasks', type: 'relation' },
      total: { name: 'Total', type: 'rollup', relation_property: 'tasks', target_property: 'hours', aggregation: 'sum' },
      loop: { name: 'Loop', type: 'rollup', relation_property: 'tasks', target_property: 'back', aggregation: 'sum' },
      odd: { name: 'Odd', type: 'rollup', relation_property: 'tasks', target_property: 'hours', aggregation: 'made_up' },
    },
  })
  const taskIds = Array.from({ length: 6 }, (_, i) => `t${i}`)
  const rows = new Map<string, RelatedRow>()
  const project = { id: 'p', value: { properties: { title: [['P']], tasks: relation(...taskIds, 'missing') } } }
  rows.set('p', { row: project, schema: projects })
  taskIds.forEach((id, i) => rows.set(id, { row: { id, value: { properties: { title: [[id]], hours: [[String(i)]], proj: relation('p') } } }, schema: tasks }))
  const lookups: string[] = []
  const related = (id: string) => (lookups.push(id), rows.get(id))
  const decode = (propertyId: string, schema: QuerySchema = projects) => decodeCell(project, propertyId, schema.get(propertyId)!, schema, 'UTC', { related })

  it('sums the related rows it finds and leaves out the rest', () => {
    expect(decode('total')).toEqual({ kind: 'number', number: 0 + 1 + 2 + 3 + 4 + 5 })
    expect(lookups).toContain('missing')
  })

  it('reads as empty text without a lookup or with an unknown aggregation', () => {
    expect(decodeCell(project, 'total', projects.get('total')!, projects, 'UTC')).toEqual({ kind: 'text', text: '' })
    expect(decode('odd')).toEqual({ kind: 'text', text: '' })
    expect(new CellReader(projects, 'UTC').read(project, 'total')).toEqual({ kind: 'text', text: '' })
    expect(new CellReader(projects, 'UTC', { related }).read(project, 'total')).toEqual({ kind: 'number', number: 15 })
  })

  it('a rollup that reaches itself again stops there (one level of related rows, not 6^8 lookups)', () => {
    lookups.length = 0
    expect(decode('loop')).toEqual({ kind: 'number', number: 0 })
    // p -> 7 tasks (6 found) -> each task's back -> p again (1 lookup each) -> loop reached again: empty.
    expect(lookups.length).toBe(7 + 6)
  })
})
