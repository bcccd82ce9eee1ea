import { readFileSync } from 'node:fs'
import { normalizeRecordMap } from '@notion-rx/protocol'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'
import { recordedFixtures } from '../../../test/support/recordedFixtures.js'

// "Now" for every emulator here: relative date filters resolve against 2024-01-15 (UTC).
const NOW = Date.parse('2024-01-15T12:00:00Z')
const ids = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`
const PAGE = ids('00000000', 1)
const BLOCK = ids('00000000', 2)
const COLLECTION = ids('00000000', 3)
const VIEW = ids('00000000', 4)
const BOARD = ids('00000000', 5)
const SELECTS = ['Red', 'Green', 'Blue'] as const

const schema = {
  title: { name: 'Name', type: 'title' },
  txt: { name: 'Notes', type: 'text' },
  num: { name: 'Amount', type: 'number' },
  sel: { name: 'Color', type: 'select', options: SELECTS.map((value, i) => ({ id: `o${i}`, value, color: 'red' })) },
  tags: { name: 'Tags', type: 'multi_select', options: [{ id: 't1', value: 'a' }, { id: 't2', value: 'b' }] },
  done: { name: 'Done', type: 'checkbox' },
  when: { name: 'When', type: 'date' },
  who: { name: 'Owner', type: 'person' },
  rel: { name: 'Related', type: 'relation' },
  made: { name: 'Created', type: 'created_time' },
  by: { name: 'Created by', type: 'created_by' },
  fx: { name: 'Echo', type: 'formula', formula: { type: 'property', id: 'num' } },
  roll: { name: 'Rollup', type: 'rollup' },
}

/** The model of the 30 rows: what each row holds, from which every expectation below is computed. */
interface RowModel {
  id: string
  i: number
  title: string
  txt: string
  num: number | undefined
  sel: string | undefined
  tags: string[]
  done: boolean
  day: string | undefined
  who: 'ada' | 'cy' | undefined
  rel: boolean
  created: number
}

function model(i: number): RowModel {
  return {
    id: ids('10000000', i),
    i,
    title: i === 7 ? 'Apple Pie' : i === 8 ? 'banana bread' : `Row ${i}`,
    txt: i % 3 === 0 ? `note ${i}` : '',
    num: i % 5 === 4 ? undefined : i * 1.5 - 10,
    sel: [...SELECTS, undefined][i % 4],
    tags: i % 2 === 1 ? ['a', 'b'] : i % 3 === 0 ? ['b'] : [],
    done: i % 2 === 0,
    day: i < 28 ? `2024-01-${String(i + 1).padStart(2, '0')}` : undefined,
    who: i % 3 === 0 ? 'ada' : i % 3 === 1 ? 'cy' : undefined,
    rel: i % 4 === 0,
    created: Date.parse('2024-01-10T00:00:00Z') + i * 3_600_000,
  }
}
const ROWS = Array.from({ length: 30 }, (_, i) => model(i))
// page_sort lists rows newest first, so the default order is visibly not insertion order.
const PAGE_SORT = ROWS.map((row) => row.id).reverse()
const idsWhere = (test: (row: RowModel) => boolean) => ROWS.filter(test).map((row) => row.id).sort()

interface Fixture {
  emu: Emulator
  ada: { id: string; tokenV2: string; spaceId: string }
  cy: { id: string; tokenV2: string }
  bob: { id: string; tokenV2: string }
}

async function fixture(options: { envelope?: 'flat' | 'nested' } = {}): Promise<Fixture> {
  const emu = await testEmulator({ now: () => NOW, ...options })
  const ada = emu.createUser({ email: 'ada@example.com' })
  const cy = emu.createUser({ email: 'cy@example.com', spaceId: ada.spaceId })
  const bob = emu.createUser({ email: 'bob@example.com' })
  const put = emu.context.records.put.bind(emu.context.records)
  const space_id = ada.spaceId
  put('block', PAGE, { id: PAGE, type: 'page', alive: true, parent_id: space_id, parent_table: 'space', space_id, content: [BLOCK], version: 1 })
  put('block', BLOCK, {
    id: BLOCK, type: 'collection_view', alive: true, parent_id: PAGE, parent_table: 'block', space_id,
    collection_id: COLLECTION, view_ids: [VIEW, BOARD], version: 1,
  })
  put('collection', COLLECTION, { id: COLLECTION, alive: true, parent_id: BLOCK, parent_table: 'block', space_id, schema, version: 1 })
  put('collection_view', VIEW, {
    id: VIEW, type: 'table', alive: true, parent_id: BLOCK, parent_table: 'block', space_id, page_sort: PAGE_SORT, version: 1,
    query2: { filter: { operator: 'and', filters: [{ property: 'done', filter: { operator: 'checkbox_is', value: { type: 'exact', value: true } } }] },
      sort: [{ property: 'num', direction: 'descending' }], aggregations: [{ property: 'title', aggregator: 'count' }] },
  })
  put('collection_view', BOARD, {
    id: BOARD, type: 'board', alive: true, parent_id: BLOCK, parent_table: 'block', space_id, version: 1,
    format: { board_columns_by: { type: 'select', property: 'sel', sort: { type: 'manual' } } },
  })
  for (const row of ROWS) {
    const properties: Record<string, unknown> = { title: [[row.title]] }
    if (row.txt) properties['txt'] = [[row.txt]]
    if (row.num !== undefined) properties['num'] = [[String(row.num)]]
    if (row.sel) properties['sel'] = [[row.sel]]
    if (row.tags.length) properties['tags'] = [[row.tags.join(',')]]
    properties['done'] = [[row.done ? 'Yes' : 'No']]
    if (row.day) properties['when'] = [['‣', [['d', { type: 'date', start_date: row.day }]]]]
    if (row.who) properties['who'] = [['‣', [['u', row.who === 'ada' ? ada.id : cy.id]]]]
    if (row.rel) properties['rel'] = [['‣', [['p', PAGE]]]]
    put('block', row.id, {
      id: row.id, type: 'page', alive: true, parent_id: COLLECTION, parent_table: 'collection', space_id, properties,
      created_time: row.created, last_edited_time: row.created, created_by_table: 'notion_user', created_by_id: ada.id, version: 3,
    })
  }
  // Not rows: a deleted row, a template, and a child block of a row.
  put('block', ids('20000000', 1), { id: ids('20000000', 1), type: 'page', alive: false, parent_id: COLLECTION, parent_table: 'collection', space_id, properties: { title: [['gone']] } })
  put('block', ids('20000000', 2), { id: ids('20000000', 2), type: 'page', alive: true, is_template: true, parent_id: COLLECTION, parent_table: 'collection', space_id, properties: { title: [['template']] } })
  put('block', ids('20000000', 3), { id: ids('20000000', 3), type: 'text', alive: true, parent_id: ROWS[0]!.id, parent_table: 'block', space_id })
  return { emu, ada, cy, bob }
}

type Loader = Record<string, unknown>

function body(loader: Loader = {}, reducers: Record<string, unknown> = { collection_group_results: { type: 'results', limit: 999 } }) {
  return {
    collection: { id: COLLECTION, spaceId: 'ignored' },
    collectionView: { id: VIEW },
    loader: { type: 'reducer', reducers, searchQuery: '', userTimeZone: 'UTC', ...loader },
  }
}

async function query(f: Fixture, loader: Loader = {}, reducers?: Record<string, unknown>, tokenV2 = f.ada.tokenV2) {
  const response = await post(f.emu, 'queryCollection', body(loader, reducers), { tokenV2 })
  return response
}

async function rowIds(f: Fixture, loader: Loader): Promise<string[]> {
  const response = await query(f, loader)
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body.result.reducerResults.collection_group_results.blockIds as string[]
}

const leaf = (property: string, operator: string, value?: unknown) => ({
  property,
  filter: value === undefined ? { operator } : { operator, value: { type: 'exact', value } },
})
const where = (...filters: unknown[]) => ({ filter: { operator: 'and', filters } })
const sorted = (list: string[]) => [...list].sort()

describe('queryCollection (reducer body)', () => {
  it('returns the live, non-template rows in page_sort order with the records they need', async () => {
    const f = await fixture()
    const response = await query(f)
    expect(response.status).toBe(200)
    const { result, recordMap } = response.body
    expect(result.type).toBe('reducer')
    expect(result.sizeHint).toBe(30)
    expect(result.reducerResults.collection_group_results).toEqual({ type: 'results', blockIds: PAGE_SORT, hasMore: false })
    const map = normalizeRecordMap(recordMap)
    // The database block comes with its page (its ancestors), as recorded Notion answers do.
    expect(Object.keys(map.block ?? {}).sort()).toEqual(sorted([...PAGE_SORT, BLOCK, PAGE]))
    expect(map.collection?.[COLLECTION]?.role).toBe('editor')
    expect(map.collection_view).toBeUndefined()
    expect(map.space?.[f.ada.spaceId]?.role).toBe('editor')
    expect(Object.keys(map.notion_user ?? {}).sort()).toEqual(sorted([f.ada.id, f.cy.id]))
  })

  it('without page_sort falls back to created_time order', async () => {
    const f = await fixture()
    const response = await post(f.emu, 'queryCollection', { ...body(), collectionView: { id: BOARD } }, { tokenV2: f.ada.tokenV2 })
    expect(response.body.result.reducerResults.collection_group_results.blockIds).toEqual(ROWS.map((row) => row.id))
  })

  it('string operators match case-insensitively on title and text', async () => {
    const f = await fixture()
    const cases: Array<[unknown, (row: RowModel) => boolean]> = [
      [leaf('title', 'string_is', 'apple pie'), (r) => r.title === 'Apple Pie'],
      [leaf('title', 'string_is_not', 'APPLE PIE'), (r) => r.title !== 'Apple Pie'],
      [leaf('title', 'string_contains', 'ROW 1'), (r) => r.title.startsWith('Row 1')],
      [leaf('title', 'string_does_not_contain', 'row'), (r) => !r.title.startsWith('Row')],
      [leaf('title', 'string_starts_with', 'ban'), (r) => r.title === 'banana bread'],
      [leaf('title', 'string_ends_with', '2'), (r) => r.title.endsWith('2')],
      [leaf('title', 'string_ends_with', 'BREAD'), (r) => r.title === 'banana bread'],
      [leaf('txt', 'string_contains', 'note 1'), (r) => r.txt.startsWith('note 1')],
      [leaf('txt', 'string_does_not_contain', 'note'), (r) => r.txt === ''],
    ]
    for (const [filter, test] of cases) {
      expect(sorted(await rowIds(f, where(filter))), JSON.stringify(filter)).toEqual(idsWhere(test))
    }
  })

  it('number operators compare numerically and leave empty cells out (except "does not equal")', async () => {
    const f = await fixture()
    const has = (r: RowModel) => r.num !== undefined
    const cases: Array<[unknown, (row: RowModel) => boolean]> = [
      [leaf('num', 'number_equals', 5), (r) => r.num === 5],
      [leaf('num', 'number_equals', '-8.5'), (r) => r.num === -8.5],
      [leaf('num', 'number_does_not_equal', 5), (r) => r.num !== 5],
      [leaf('num', 'number_greater_than', 20), (r) => has(r) && r.num! > 20],
      [leaf('num', 'number_less_than', 0), (r) => has(r) && r.num! < 0],
      [leaf('num', 'number_greater_than_or_equal_to', 20), (r) => has(r) && r.num! >= 20],
      [leaf('num', 'number_less_than_or_equal_to', -7), (r) => has(r) && r.num! <= -7],
      // A formula that only references `num` evaluates to it.
      [leaf('fx', 'number_greater_than', 20), (r) => has(r) && r.num! > 20],
    ]
    for (const [filter, test] of cases) {
      const expected = idsWhere(test)
      expect(expected.length).toBeGreaterThan(0)
      expect(sorted(await rowIds(f, where(filter))), JSON.stringify(filter)).toEqual(expected)
    }
  })

  it('enum operators work on select and multi-select, with one value or a list', async () => {
    const f = await fixture()
    const cases: Array<[unknown, (row: RowModel) => boolean]> = [
      [leaf('sel', 'enum_is', 'Red'), (r) => r.sel === 'Red'],
      [leaf('sel', 'enum_is_not', 'Red'), (r) => r.sel !== 'Red'],
      [leaf('sel', 'enum_is', ['Red', 'Blue']), (r) => r.sel === 'Red' || r.sel === 'Blue'],
      [leaf('tags', 'enum_contains', 'a'), (r) => r.tags.includes('a')],
      [leaf('tags', 'enum_contains', 'b'), (r) => r.tags.includes('b')],
      [leaf('tags', 'enum_does_not_contain', 'a'), (r) => !r.tags.includes('a')],
    ]
    for (const [filter, test] of cases) {
      expect(sorted(await rowIds(f, where(filter))), JSON.stringify(filter)).toEqual(idsWhere(test))
    }
  })

  it('date operators take exact dates, relative days and ranges, on date and created_time columns', async () => {
    const f = await fixture()
    const exact = (start_date: string) => ({ type: 'date', start_date })
    const relative = (property: string, operator: string, value: string) => ({ property, filter: { operator, value: { type: 'relative', value } } })
    const cases: Array<[unknown, (row: RowModel) => boolean]> = [
      [leaf('when', 'date_is', exact('2024-01-05')), (r) => r.day === '2024-01-05'],
      [leaf('when', 'date_is_before', exact('2024-01-05')), (r) => !!r.day && r.day < '2024-01-05'],
      [leaf('when', 'date_is_after', exact('2024-01-25')), (r) => !!r.day && r.day > '2024-01-25'],
      [leaf('when', 'date_is_on_or_before', exact('2024-01-03')), (r) => !!r.day && r.day <= '2024-01-03'],
      [leaf('when', 'date_is_on_or_after', exact('2024-01-27')), (r) => !!r.day && r.day >= '2024-01-27'],
      [relative('when', 'date_is', 'today'), (r) => r.day === '2024-01-15'],
      [relative('when', 'date_is', 'tomorrow'), (r) => r.day === '2024-01-16'],
      [relative('when', 'date_is', 'yesterday'), (r) => r.day === '2024-01-14'],
      [relative('when', 'date_is_on_or_before', 'one_week_ago'), (r) => !!r.day && r.day <= '2024-01-08'],
      [relative('when', 'date_is_within', 'the_past_week'), (r) => !!r.day && r.day >= '2024-01-08' && r.day <= '2024-01-15'],
      [relative('when', 'date_is_within', 'the_next_week'), (r) => !!r.day && r.day >= '2024-01-15' && r.day <= '2024-01-22'],
      [leaf('when', 'date_is_within', { type: 'daterange', start_date: '2024-01-10', end_date: '2024-01-12' }), (r) => !!r.day && r.day >= '2024-01-10' && r.day <= '2024-01-12'],
      // created_time: row i was created i hours after 2024-01-10T00:00Z.
      [leaf('made', 'date_is', exact('2024-01-11')), (r) => r.i >= 24],
      [leaf('made', 'date_is_before', exact('2024-01-11')), (r) => r.i < 24],
    ]
    for (const [filter, test] of cases) {
      const expected = idsWhere(test)
      expect(expected.length).toBeGreaterThan(0)
      expect(sorted(await rowIds(f, where(filter))), JSON.stringify(filter)).toEqual(expected)
    }
  })

  it('created_time days follow userTimeZone', async () => {
    const f = await fixture()
    // In Tokyo (UTC+9) rows 15..23 (15:00Z..23:00Z on Jan 10) are already on Jan 11.
    const tokyo = await rowIds(f, { ...where(leaf('made', 'date_is', { type: 'date', start_date: '2024-01-11' })), userTimeZone: 'Asia/Tokyo' })
    expect(sorted(tokyo)).toEqual(idsWhere((r) => r.i >= 15))
  })

  it('person, relation and created_by operators, including "me"', async () => {
    const f = await fixture()
    const person = (id: string) => ({ table: 'notion_user', id })
    const cases: Array<[unknown, (row: RowModel) => boolean]> = [
      [leaf('who', 'person_contains', person(f.cy.id)), (r) => r.who === 'cy'],
      [leaf('who', 'person_does_not_contain', person(f.cy.id)), (r) => r.who !== 'cy'],
      [{ property: 'who', filter: { operator: 'person_contains', value: { type: 'relative', value: 'me' } } }, (r) => r.who === 'ada'],
      [leaf('by', 'person_contains', f.ada.id), () => true],
      [leaf('rel', 'relation_contains', PAGE), (r) => r.rel],
      [leaf('rel', 'relation_does_not_contain', { table: 'block', id: PAGE }), (r) => !r.rel],
    ]
    for (const [filter, test] of cases) {
      expect(sorted(await rowIds(f, where(filter))), JSON.stringify(filter)).toEqual(idsWhere(test))
    }
  })

  it('checkbox, is_empty / is_not_empty, and half-built filters without a value', async () => {
    const f = await fixture()
    const cases: Array<[unknown, (row: RowModel) => boolean]> = [
      [leaf('done', 'checkbox_is', true), (r) => r.done],
      [leaf('done', 'checkbox_is_not', true), (r) => !r.done],
      [leaf('done', 'checkbox_is', false), (r) => !r.done],
      [leaf('num', 'is_empty'), (r) => r.num === undefined],
      [leaf('num', 'is_not_empty'), (r) => r.num !== undefined],
      [leaf('sel', 'is_empty'), (r) => r.sel === undefined],
      [leaf('tags', 'is_not_empty'), (r) => r.tags.length > 0],
      [leaf('when', 'is_empty'), (r) => r.day === undefined],
      [leaf('who', 'is_empty'), (r) => r.who === undefined],
      [leaf('rel', 'is_not_empty'), (r) => r.rel],
      // Formulas beyond a bare reference and rollups read as empty.
      [leaf('roll', 'is_empty'), () => true],
      // As recorded (KJK 2022): a leaf whose value has no `value` is ignored.
      [{ property: 'num', filter: { operator: 'number_equals', value: { type: 'exact' } } }, () => true],
    ]
    for (const [filter, test] of cases) {
      expect(sorted(await rowIds(f, where(filter))), JSON.stringify(filter)).toEqual(idsWhere(test))
    }
  })

  it('nested and/or groups', async () => {
    const f = await fixture()
    const filter = {
      operator: 'or',
      filters: [
        { operator: 'and', filters: [leaf('sel', 'enum_is', 'Red'), leaf('done', 'checkbox_is', true)] },
        { operator: 'and', filters: [leaf('tags', 'enum_contains', 'a'), leaf('num', 'number_greater_than', 25)] },
        leaf('title', 'string_is', 'banana bread'),
      ],
    }
    const expected = idsWhere((r) => (r.sel === 'Red' && r.done) || (r.tags.includes('a') && r.num !== undefined && r.num > 25) || r.title === 'banana bread')
    expect(sorted(await rowIds(f, { filter }))).toEqual(expected)
    expect(await rowIds(f, { filter: { operator: 'and', filters: [] } })).toEqual(PAGE_SORT)
  })

  it('sorts ascending, descending and by several properties, empty cells last', async () => {
    const f = await fixture()
    const byNum = (dir: number) => (a: RowModel, b: RowModel) => {
      if (a.num === undefined || b.num === undefined) return Number(a.num === undefined) - Number(b.num === undefined)
      return dir * (a.num - b.num)
    }
    // Ties (none for num) keep the page_sort order.
    const inPageSort = [...ROWS].reverse()
    const asc = [...inPageSort].sort(byNum(1)).map((r) => r.id)
    const desc = [...inPageSort].sort(byNum(-1)).map((r) => r.id)
    expect(await rowIds(f, { sort: [{ property: 'num', direction: 'ascending' }] })).toEqual(asc)
    expect(await rowIds(f, { sort: [{ property: 'num', direction: 'descending' }] })).toEqual(desc)
    // Select sorts by option order (Red, Green, Blue), empty last; then by title descending.
    const optionRank = (r: RowModel) => (r.sel === undefined ? 99 : SELECTS.indexOf(r.sel as (typeof SELECTS)[number]))
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })
    const multi = [...inPageSort].sort((a, b) => optionRank(a) - optionRank(b) || collator.compare(b.title, a.title)).map((r) => r.id)
    expect(await rowIds(f, { sort: [{ property: 'sel', direction: 'ascending' }, { property: 'title', direction: 'descending' }] })).toEqual(multi)
    const byDay = [...inPageSort].filter((r) => r.day).sort((a, b) => (b.day! < a.day! ? -1 : 1)).map((r) => r.id)
    const days = await rowIds(f, { sort: [{ property: 'when', direction: 'descending' }] })
    expect(days.slice(0, byDay.length)).toEqual(byDay)
    expect(sorted(days.slice(byDay.length))).toEqual(idsWhere((r) => !r.day))
    expect(await rowIds(f, { sort: null })).toEqual(PAGE_SORT)
  })

  it('computes every aggregator', async () => {
    const f = await fixture()
    const nums = ROWS.flatMap((r) => (r.num === undefined ? [] : [r.num])).sort((a, b) => a - b)
    const sum = nums.reduce((a, b) => a + b, 0)
    const mid = nums.length / 2
    const median = nums.length % 2 ? nums[Math.floor(mid)]! : (nums[mid - 1]! + nums[mid]!) / 2
    const emptyNums = ROWS.length - nums.length
    const expected: Record<string, [string | undefined, string, number]> = {
      count: [undefined, 'count', 30],
      count_title: ['title', 'count', 30],
      values: ['tags', 'count_values', ROWS.reduce((n, r) => n + r.tags.length, 0)],
      unique: ['sel', 'unique', 3],
      unique_tags: ['tags', 'unique', 2],
      empty: ['num', 'empty', emptyNums],
      not_empty: ['num', 'not_empty', nums.length],
      percent_empty: ['num', 'percent_empty', emptyNums / 30],
      percent_not_empty: ['num', 'percent_not_empty', nums.length / 30],
      sum: ['num', 'sum', sum],
      average: ['num', 'average', sum / nums.length],
      median: ['num', 'median', median],
      min: ['num', 'min', nums[0]!],
      max: ['num', 'max', nums.at(-1)!],
      range: ['num', 'range', nums.at(-1)! - nums[0]!],
      checked: ['done', 'checked', 15],
      percent_checked: ['done', 'percent_checked', 0.5],
      latest: ['when', 'max', Date.parse('2024-01-28T00:00:00Z')],
    }
    const reducers = Object.fromEntries(
      Object.entries(expected).map(([name, [property, aggregator]]) => [
        name,
        { type: 'aggregation', aggregation: property === undefined ? { aggregator } : { property, aggregator } },
      ]),
    )
    const response = await query(f, {}, reducers)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    for (const [name, [, , value]] of Object.entries(expected)) {
      const result = response.body.result.reducerResults[name]
      expect(result.type, name).toBe('aggregation')
      expect(result.aggregationResult.type, name).toBe('number')
      expect(result.aggregationResult.value, name).toBeCloseTo(value, 9)
    }
    // An aggregation with its own filter (group_aggregation:*), and one over nothing.
    const grouped = await query(f, {}, {
      'group_aggregation:select:Red': { type: 'aggregation', aggregation: { aggregator: 'count' }, filter: where(leaf('sel', 'enum_is', 'Red')).filter },
      none: { type: 'aggregation', aggregation: { property: 'num', aggregator: 'average' }, filter: where(leaf('title', 'string_is', 'nothing')).filter },
    })
    expect(grouped.body.result.reducerResults['group_aggregation:select:Red'].aggregationResult).toEqual({ type: 'number', value: idsWhere((r) => r.sel === 'Red').length })
    expect(grouped.body.result.reducerResults.none.aggregationResult).toEqual({ type: 'number' })
  })

  it('groups rows by a select for boards, with per-group reducers', async () => {
    const f = await fixture()
    const inPageSort = [...ROWS].reverse()
    const response = await query(f, {}, {
      board_columns: {
        type: 'groups',
        version: 'v2',
        groupBy: { type: 'select', property: 'sel', sort: { type: 'manual' } },
        groupSortPreference: [{ property: 'sel', value: { type: 'select', value: 'Blue' } }],
        limit: 3,
      },
      'results:select:Green': { type: 'results', limit: 100, filter: where(leaf('sel', 'enum_is', 'Green')).filter },
      'results:select:uncategorized': { type: 'results', limit: 100, filter: where(leaf('sel', 'is_empty')).filter },
      'board:select:Blue': { type: 'aggregation', aggregation: { aggregator: 'count' }, filter: where(leaf('sel', 'enum_is', 'Blue')).filter },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const results = response.body.result.reducerResults
    const members = (sel: string | undefined) => inPageSort.filter((r) => r.sel === sel).map((r) => r.id)
    expect(results.board_columns.type).toBe('groups')
    expect(results.board_columns.results).toEqual([
      { value: { type: 'select', value: 'Blue' }, blockIds: members('Blue').slice(0, 3), hasMore: true, aggregationResult: { type: 'number', value: members('Blue').length } },
      { value: { type: 'select' }, blockIds: members(undefined).slice(0, 3), hasMore: true, aggregationResult: { type: 'number', value: members(undefined).length } },
      { value: { type: 'select', value: 'Red' }, blockIds: members('Red').slice(0, 3), hasMore: true, aggregationResult: { type: 'number', value: members('Red').length } },
      { value: { type: 'select', value: 'Green' }, blockIds: members('Green').slice(0, 3), hasMore: true, aggregationResult: { type: 'number', value: members('Green').length } },
    ])
    expect(results['results:select:Green']).toEqual({ type: 'results', blockIds: members('Green'), hasMore: false })
    expect(results['results:select:uncategorized'].blockIds).toEqual(members(undefined))
    expect(results['board:select:Blue'].aggregationResult.value).toBe(members('Blue').length)
    // Rows shown in any reducer are in the record map.
    const map = normalizeRecordMap(response.body.recordMap)
    for (const id of [...members('Green'), ...members(undefined)]) expect(map.block?.[id]).toBeDefined()
  })

  it('groups by multi-select put a row in each of its tags\' columns', async () => {
    const f = await fixture()
    const response = await query(f, {}, { tags_groups: { type: 'groups', groupBy: 'tags' } })
    const groups = response.body.result.reducerResults.tags_groups.results
    expect(groups.map((g: any) => [g.value.value ?? null, g.aggregationResult.value])).toEqual([
      [null, idsWhere((r) => r.tags.length === 0).length],
      ['a', idsWhere((r) => r.tags.includes('a')).length],
      ['b', idsWhere((r) => r.tags.includes('b')).length],
    ])
    expect(groups[0].blockIds).toBeUndefined()
  })

  it('groups by checkbox give unchecked then checked columns, filterable with enum_is true/false', async () => {
    const f = await fixture()
    const response = await query(f, {}, {
      board_columns: { type: 'groups', groupBy: { type: 'checkbox', property: 'done' } },
      'results:checkbox:true': { type: 'results', filter: where(leaf('done', 'enum_is', true)).filter },
    })
    const r = response.body.result.reducerResults
    expect(r.board_columns.results.map((g: any) => [g.value, g.aggregationResult.value])).toEqual([
      [{ type: 'checkbox', value: false }, 15],
      [{ type: 'checkbox', value: true }, 15],
    ])
    expect(sorted(r['results:checkbox:true'].blockIds)).toEqual(idsWhere((row) => row.done))
  })

  it('limit gives hasMore; 0 and 9999 are accepted', async () => {
    const f = await fixture()
    const response = await query(f, {}, {
      five: { type: 'results', limit: 5 },
      zero: { type: 'results', limit: 0 },
      all: { type: 'results', limit: 9999 },
      exact: { type: 'results', limit: 30 },
    })
    const r = response.body.result.reducerResults
    expect(r.five).toEqual({ type: 'results', blockIds: PAGE_SORT.slice(0, 5), hasMore: true })
    expect(r.zero).toEqual({ type: 'results', blockIds: [], hasMore: true })
    expect(r.all).toEqual({ type: 'results', blockIds: PAGE_SORT, hasMore: false })
    expect(r.exact.hasMore).toBe(false)
    expect(response.body.result.sizeHint).toBe(30)
    // Only shown rows travel in the record map.
    const limited = await query(f, {}, { five: { type: 'results', limit: 5 } })
    const blocks = Object.keys(normalizeRecordMap(limited.body.recordMap).block ?? {})
    expect(sorted(blocks)).toEqual(sorted([...PAGE_SORT.slice(0, 5), BLOCK, PAGE]))
  })

  it('searchQuery matches title and text properties case-insensitively, combined with the filter', async () => {
    const f = await fixture()
    expect(sorted(await rowIds(f, { searchQuery: 'APPLE' }))).toEqual(idsWhere((r) => r.title === 'Apple Pie'))
    expect(sorted(await rowIds(f, { searchQuery: 'note 2' }))).toEqual(idsWhere((r) => r.txt.startsWith('note 2')))
    expect(sorted(await rowIds(f, { searchQuery: 'row 2', ...where(leaf('done', 'checkbox_is', true)) }))).toEqual(
      idsWhere((r) => r.title.startsWith('Row 2') && r.done),
    )
    expect(await rowIds(f, { searchQuery: 'no such thing' })).toEqual([])
  })

  it('notion-py\'s 2024 body (source, no loader.type) works', async () => {
    const f = await fixture()
    const response = await post(
      f.emu,
      'queryCollection',
      {
        collectionView: { id: VIEW, spaceId: f.ada.spaceId },
        source: { type: 'collection', id: COLLECTION, spaceId: f.ada.spaceId },
        loader: { reducers: { collection_group_results: { type: 'results', limit: 100 } }, sort: [], searchQuery: '', userId: f.cy.id, userTimeZone: 'America/Los_Angeles',
          filter: where({ property: 'who', filter: { operator: 'person_contains', value: { type: 'relative', value: 'me' } } }).filter },
      },
      { tokenV2: f.ada.tokenV2 },
    )
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(sorted(response.body.result.reducerResults.collection_group_results.blockIds)).toEqual(idsWhere((r) => r.who === 'cy'))
  })
})

describe('queryCollection envelopes', () => {
  it('writes the record map in the flat pre-2025 envelope when the emulator is set to it', async () => {
    const f = await fixture({ envelope: 'flat' })
    const response = await query(f, {}, { r: { type: 'results', limit: 1 } })
    const id = response.body.result.reducerResults.r.blockIds[0]
    expect(id).toBe(PAGE_SORT[0])
    expect(response.body.recordMap.block[id]).toMatchObject({ role: 'editor', value: { id, parent_table: 'collection' } })
  })
})

describe('queryCollection (web body, server-compiled loader)', () => {
  it('compiles the view\'s query2 and returns allBlockIds and a compiledRequest that can be re-posted', async () => {
    const f = await fixture()
    const response = await post(
      f.emu,
      'queryCollection?src=initial_load',
      { collectionView: { id: VIEW, spaceId: f.ada.spaceId }, collectionViewBlock: { id: BLOCK, spaceId: f.ada.spaceId }, clientType: 'notion_app', userTimeZone: 'UTC', isFullScreen: true, isMobile: false },
      { tokenV2: f.ada.tokenV2 },
    )
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    // The view keeps done rows, sorted by num descending (empty last).
    const done = ROWS.filter((r) => r.done)
    const expected = [...done].reverse().sort((a, b) => (a.num === undefined ? 1 : b.num === undefined ? -1 : b.num - a.num)).map((r) => r.id)
    expect(response.body.allBlockIds).toEqual(expected)
    const results = response.body.result.reducerResults
    expect(results.collection_group_results).toEqual({ type: 'results', blockIds: expected, hasMore: false })
    expect(results['table:uncategorized:title:count'].aggregationResult).toEqual({ type: 'number', value: done.length })
    const compiled = response.body.compiledRequest
    expect(compiled).toMatchObject({ collection: { id: COLLECTION }, collectionView: { id: VIEW }, source: { type: 'collection', id: COLLECTION } })
    compiled.loader.reducers.collection_group_results.limit = 3
    const again = await post(f.emu, 'queryCollection', compiled, { tokenV2: f.ada.tokenV2 })
    expect(again.body.result.reducerResults.collection_group_results).toEqual({ type: 'results', blockIds: expected.slice(0, 3), hasMore: true })
    expect(again.body.allBlockIds).toBeUndefined()
  })

  it('a board view compiles to board_columns with blockResults per column', async () => {
    const f = await fixture()
    const response = await post(f.emu, 'queryCollection', { collectionView: { id: BOARD }, collectionViewBlock: { id: BLOCK } }, { tokenV2: f.ada.tokenV2 })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const board = response.body.result.reducerResults.board_columns
    expect(board.type).toBe('groups')
    expect(board.results.map((g: any) => g.value)).toEqual([
      { type: 'select' },
      { type: 'select', value: 'Red' },
      { type: 'select', value: 'Green' },
      { type: 'select', value: 'Blue' },
    ])
    expect(board.blockResults['select:Red']).toEqual({ blockIds: idsWhere((r) => r.sel === 'Red').slice().sort((a, b) => a.localeCompare(b)), hasMore: false })
    expect(response.body.compiledRequest.loader.reducers.board_columns.blockResults.defaultLimit).toBe(25)
    expect(response.body.allBlockIds).toHaveLength(30)
  })
})

describe('queryCollection errors and permissions', () => {
  it('answers the pre-2021 body with 400 ValidationError "Invalid input."', async () => {
    const f = await fixture()
    const old = {
      collectionId: COLLECTION,
      collectionViewId: VIEW,
      query: { aggregate: [], aggregations: [], filter: [], sort: [] },
      loader: { limit: 100, loadContentCover: true, searchQuery: '', userLocale: 'en', userTimeZone: 'America/Fortaleza', type: 'table' },
    }
    const response = await post(f.emu, 'queryCollection', old, { tokenV2: f.ada.tokenV2 })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ isNotionError: true, name: 'ValidationError', message: 'Invalid input.' })
    expect(response.body.debugMessage).toMatch(/pre-2021/)
    // A new-style pointer with an old table loader is just as dead.
    const mixed = await post(f.emu, 'queryCollection', { collection: { id: COLLECTION }, collectionView: { id: VIEW }, loader: { type: 'table', limit: 50 } }, { tokenV2: f.ada.tokenV2 })
    expect(mixed.status).toBe(400)
  })

  it('names unknown properties, operators, aggregators and reducer types, and changes nothing', async () => {
    const f = await fixture()
    const before = f.emu.context.records.all('block').map((r) => JSON.stringify(r)).sort()
    const bad: Array<[Loader, Record<string, unknown> | undefined, RegExp]> = [
      [where(leaf('nope', 'string_is', 'x')), undefined, /Unknown property "nope" at loader\.filter\.filters\.0\.property/],
      [{ filter: { operator: 'or', filters: [{ operator: 'and', filters: [leaf('num', 'number_is_huge', 1)] }] } }, undefined, /Unknown filter operator "number_is_huge" at loader\.filter\.filters\.0\.filters\.0/],
      [{ sort: [{ property: 'ghost', direction: 'ascending' }] }, undefined, /Unknown property "ghost" at loader\.sort\.0/],
      [{}, { a: { type: 'aggregation', aggregation: { property: 'num', aggregator: 'mode' } } }, /Unknown aggregator "mode"/],
      [{}, { a: { type: 'aggregation', aggregation: { property: 'ghost', aggregator: 'sum' } } }, /Unknown property "ghost" at loader\.reducers\.a/],
      [{}, { g: { type: 'groups', groupBy: { property: 'ghost' } } }, /Unknown property "ghost" at loader\.reducers\.g/],
      [{}, { r: { type: 'results', filter: where(leaf('ghost', 'is_empty')).filter } }, /Unknown property "ghost" at loader\.reducers\.r\.filter/],
      [{}, { x: { type: 'calendar' } }, /loader\.reducers\.x/],
      [{}, { r: { type: 'results', limit: -1 } }, /loader\.reducers\.r\.limit/],
      [where(leaf('num', 'number_equals', 'abc')), undefined, /Number filter value/],
      [where(leaf('when', 'date_is', 'next_century')), undefined, /Unsupported date filter value/],
      [where(leaf('done', 'checkbox_is', 'maybe')), undefined, /Checkbox filter value/],
      [{ filter: 'everything' }, undefined, /loader\.filter/],
    ]
    for (const [loader, reducers, message] of bad) {
      const response = await query(f, loader, reducers)
      expect(response.status, JSON.stringify(loader) + JSON.stringify(reducers)).toBe(400)
      expect(response.body.name).toBe('ValidationError')
      expect(response.body.debugMessage).toMatch(message)
    }
    for (const broken of [{}, { collection: { id: COLLECTION } }, { collection: { id: 5 }, loader: {} }, { source: { type: 'space', id: COLLECTION }, loader: { reducers: {} } }, '[]']) {
      const response = await post(f.emu, 'queryCollection', broken, { tokenV2: f.ada.tokenV2 })
      expect(response.status, JSON.stringify(broken)).toBe(400)
    }
    expect(f.emu.context.records.all('block').map((r) => JSON.stringify(r)).sort()).toEqual(before)
    expect(await rowIds(f, {})).toEqual(PAGE_SORT)
  })

  it('never answers 500 to random filters, sorts and reducers (fuzz, bounded)', async () => {
    const f = await fixture()
    const property = fc.constantFrom('title', 'txt', 'num', 'sel', 'tags', 'done', 'when', 'who', 'rel', 'made', 'by', 'fx', 'roll', 'ghost')
    const operator = fc.constantFrom('string_is', 'number_greater_than', 'enum_is', 'date_is_within', 'date_is', 'person_contains', 'relation_contains', 'checkbox_is', 'is_empty', 'bogus')
    const value = fc.oneof(fc.jsonValue(), fc.record({ type: fc.constantFrom('exact', 'relative'), value: fc.jsonValue() }))
    const leafArb = fc.record({ property, filter: fc.record({ operator, value }) })
    const filterArb = fc.oneof(leafArb, fc.record({ operator: fc.constantFrom('and', 'or'), filters: fc.array(leafArb, { maxLength: 3 }) }), fc.jsonValue())
    const reducer = fc.oneof(
      fc.record({ type: fc.constant('results'), limit: fc.integer({ min: -2, max: 40 }) }),
      fc.record({ type: fc.constant('aggregation'), aggregation: fc.record({ property, aggregator: fc.constantFrom('sum', 'median', 'unique', 'range', 'nope') }) }),
      fc.record({ type: fc.constant('groups'), groupBy: fc.oneof(property, fc.record({ property })), limit: fc.nat(5) }),
      fc.jsonValue(),
    )
    await fc.assert(
      fc.asyncProperty(filterArb, fc.array(fc.record({ property, direction: fc.constantFrom('ascending', 'descending') }), { maxLength: 2 }), reducer, async (filter, sort, r) => {
        const response = await query(f, { filter, sort }, { r })
        expect([200, 400]).toContain(response.status)
      }),
      { numRuns: 150, seed: 7 },
    )
    expect(await rowIds(f, {})).toEqual(PAGE_SORT)
  })

  it('an outsider or anonymous caller gets a 400 and no rows; a public page opens it to everyone', async () => {
    const f = await fixture()
    for (const tokenV2 of [f.bob.tokenV2, undefined]) {
      const response = await post(f.emu, 'queryCollection', body(), tokenV2 ? { tokenV2 } : {})
      expect(response.status).toBe(400)
      expect(JSON.stringify(response.body)).not.toContain(ROWS[0]!.id)
    }
    const page = f.emu.context.records.get('block', PAGE)!
    f.emu.context.records.put('block', PAGE, { ...page.value, permissions: [{ type: 'public_permission', role: 'reader' }] })
    const anonymous = await post(f.emu, 'queryCollection', body())
    expect(anonymous.status).toBe(200)
    expect(anonymous.body.result.reducerResults.collection_group_results.blockIds).toEqual(PAGE_SORT)
    expect(normalizeRecordMap(anonymous.body.recordMap).collection?.[COLLECTION]?.role).toBe('reader')
  })

  it('rows the caller cannot read are left out', async () => {
    const f = await fixture()
    // A row moved under another space's page by bad data: its own permission says only bob.
    const row = f.emu.context.records.get('block', ROWS[3]!.id)!
    f.emu.context.records.put('block', row.id, { ...row.value, permissions: [{ type: 'user_permission', role: 'editor', user_id: f.bob.id }] })
    expect(await rowIds(f, {})).toEqual(PAGE_SORT)
    // Cy's explicit role is none on that row.
    f.emu.context.records.put('block', row.id, { ...row.value, permissions: [{ type: 'user_permission', role: 'none', user_id: f.cy.id }] })
    const asCy = await query(f, {}, undefined, f.cy.tokenV2)
    expect(asCy.body.result.reducerResults.collection_group_results.blockIds).toEqual(PAGE_SORT.filter((id) => id !== row.id))
  })
})

describe('queryCollection on recorded data', () => {
  it('react-notion-x table.json: its rows come back in the recorded order', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const recorded = JSON.parse(readFileSync(new URL('table.json', recordedFixtures), 'utf8'))
    const map = normalizeRecordMap(recorded.recordMap)
    for (const [table, entries] of Object.entries(map)) {
      if (table === 'space') continue
      for (const [id, entry] of Object.entries(entries ?? {})) {
        if (!entry.value) continue
        const value: Record<string, unknown> = { ...entry.value, space_id: ada.spaceId }
        if (value['parent_table'] === 'space') value['parent_id'] = ada.spaceId
        emu.context.records.put(table, id, value)
      }
    }
    const collectionId = Object.keys(map.collection ?? {})[0]!
    const viewId = Object.keys(map.collection_view ?? {})[0]!
    const response = await post(
      emu,
      'queryCollection',
      { collection: { id: collectionId }, collectionView: { id: viewId }, loader: { type: 'reducer', reducers: { collection_group_results: { type: 'results', limit: 999 }, count: { type: 'aggregation', aggregation: { property: 'title', aggregator: 'count' } } }, searchQuery: '', userTimeZone: 'UTC' } },
      { tokenV2: ada.tokenV2 },
    )
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.result.reducerResults.collection_group_results.blockIds).toEqual(recorded.result.blockIds)
    expect(response.body.result.reducerResults.count.aggregationResult).toEqual(recorded.result.aggregationResults[0])
    expect(response.body.result.sizeHint).toBe(recorded.result.total)
    // A filter over the recorded schema: Number ")2xt" > 0 keeps 42 and 1000099.
    const positive = await post(
      emu,
      'queryCollection',
      { collection: { id: collectionId }, collectionView: { id: viewId }, loader: { type: 'reducer', reducers: { r: { type: 'results' } }, filter: where(leaf(')2xt', 'number_greater_than', 0)).filter } },
      { tokenV2: ada.tokenV2 },
    )
    expect(positive.body.result.reducerResults.r.blockIds).toEqual(['43fb2254-b7e3-412c-a461-566f7a83918e', '3fce55d4-2528-4d05-8af5-6f2bbc4af418'])
  })
})
