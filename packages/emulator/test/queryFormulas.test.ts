import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { numberedId, projectsAndTasksIds, relationCell, seedDatabases } from '../src/testing/relatedDatabases.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'
import { recordedFixtures } from '../../../test/support/recordedFixtures.js'

const { PAGE, PROJECTS_BLOCK, TASKS_BLOCK, PROJECTS, TASKS } = projectsAndTasksIds('00000000')
const task = (i: number) => numberedId('20000000', i)
const project = (i: number) => numberedId('10000000', i)

// Formula ASTs in the shape Notion stores them (notion-types' Formula), with their result types.
const num = (value: number) => ({ type: 'constant', value: String(value), value_type: 'number', result_type: 'number' })
const str = (value: string) => ({ type: 'constant', value, value_type: 'string', result_type: 'text' })
const prop = (id: string, result_type = 'number') => ({ type: 'property', id, name: id, result_type })
const fn = (name: string, result_type: string, ...args: unknown[]) => ({ type: 'function', name, args, result_type })
const op = (operator: string, name: string, result_type: string, ...args: unknown[]) => ({ type: 'operator', operator, name, args, result_type })
const formula = (name: string, ast: unknown) => ({ name, type: 'formula', formula: ast })
const rollup = (name: string, relation: string, target: string, targetType: string, aggregation: string) => ({
  name, type: 'rollup', relation_property: relation, target_property: target, target_property_type: targetType, aggregation,
})

const TASKS_SCHEMA = {
  title: { name: 'Task', type: 'title' },
  hours: { name: 'Hours', type: 'number' },
  rate: { name: 'Rate', type: 'number' },
  due: { name: 'Due', type: 'date' },
  done: { name: 'Done', type: 'checkbox' },
  cost: formula('Cost', op('*', 'multiply', 'number', prop('hours'), prop('rate'))),
  // A formula of a formula.
  doubled: formula('Doubled', op('*', 'multiply', 'number', prop('cost'), num(2))),
  label: formula('Label', op('+', 'add', 'text', fn('if', 'text', prop('done', 'checkbox'), str('done '), str('open ')), fn('lower', 'text', prop('title', 'text')))),
  phase: formula('Phase', fn('if', 'text', prop('done', 'checkbox'), str('Done'), str('Open'))),
  big: formula('Big', op('>', 'larger', 'checkbox', prop('hours'), num(4))),
  bucket: formula('Bucket', fn('floor', 'number', op('/', 'divide', 'number', prop('hours'), num(4)))),
  deadline: formula('Deadline', fn('dateAdd', 'date', prop('due', 'date'), num(7), str('days'))),
  // Reads the emulator's clock (2024-01-15T12:00Z here).
  age: formula('Age', fn('dateBetween', 'number', fn('now', 'date'), prop('due', 'date'), str('days'))),
  loopA: formula('Loop A', prop('loopB')),
  loopB: formula('Loop B', prop('loopA')),
}

const PROJECTS_SCHEMA = {
  title: { name: 'Project', type: 'title' },
  tasks: { name: 'Tasks', type: 'relation', collection_id: TASKS },
  total: rollup('Total hours', 'tasks', 'hours', 'number', 'sum'),
  // A rollup of a formula of the related rows.
  spent: rollup('Spent', 'tasks', 'cost', 'formula', 'sum'),
  lastDue: rollup('Last due', 'tasks', 'due', 'date', 'latest_date'),
  // Formulas over rollups.
  over: formula('Over', op('>', 'larger', 'checkbox', prop('total'), num(6))),
  costly: formula('Costly', op('>=', 'largerEq', 'checkbox', prop('spent'), num(100))),
  lastLabel: formula('Last label', fn('formatDate', 'text', prop('lastDue', 'date'), str('YYYY-MM-DD'))),
}

/** Tasks and the formula values they give (computed by hand from the formulas above). */
const TASK_ROWS = [
  { i: 1, title: 'Design', hours: 3, rate: 10, due: '2024-01-05', done: true },
  { i: 2, title: 'Build', hours: 5, rate: 20, due: '2024-02-10', done: false },
  { i: 3, title: 'Ship', hours: undefined, rate: 30, due: '2024-01-20', done: true },
  { i: 4, title: 'Review', hours: 8, rate: 5, due: undefined, done: false },
  { i: 5, title: 'Plan', hours: 1, rate: 50, due: '2023-12-01', done: false },
]
const PROJECT_ROWS = [
  { i: 1, title: 'Alpha', tasks: [1, 2] },
  { i: 2, title: 'Beta', tasks: [3] },
  { i: 3, title: 'Gamma', tasks: [4, 5] },
]

async function fixture(): Promise<{ emu: Emulator; ada: { id: string; tokenV2: string } }> {
  const emu = await testEmulator({ now: () => Date.parse('2024-01-15T12:00:00Z') })
  const ada = emu.createUser({ email: 'ada@example.com' })
  seedDatabases(emu, ada.spaceId, PAGE, [
    {
      blockId: TASKS_BLOCK, collectionId: TASKS, name: 'Tasks', schema: TASKS_SCHEMA, rowId: task,
      rows: TASK_ROWS.map((row) => ({
        i: row.i,
        properties: {
          title: [[row.title]], done: [[row.done ? 'Yes' : 'No']],
          ...(row.hours === undefined ? {} : { hours: [[String(row.hours)]] }),
          ...(row.rate === undefined ? {} : { rate: [[String(row.rate)]] }),
          ...(row.due === undefined ? {} : { due: [['‣', [['d', { type: 'date', start_date: row.due }]]]] }),
        },
      })),
    },
    {
      blockId: PROJECTS_BLOCK, collectionId: PROJECTS, name: 'Projects', schema: PROJECTS_SCHEMA, rowId: project,
      rows: PROJECT_ROWS.map((row) => ({ i: row.i, properties: { title: [[row.title]], tasks: relationCell(row.tasks.map(task)) } })),
    },
  ])
  return { emu, ada }
}

type Fixture = Awaited<ReturnType<typeof fixture>>

async function query(f: Fixture, collection: string, loader: Record<string, unknown>) {
  const response = await post(
    f.emu,
    'queryCollection',
    {
      collection: { id: collection },
      loader: { type: 'reducer', reducers: { rows: { type: 'results', limit: 100 } }, searchQuery: '', userTimeZone: 'UTC', ...loader },
    },
    { tokenV2: f.ada.tokenV2 },
  )
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body.result.reducerResults as Record<string, any>
}

const leaf = (property: string, operator: string, value?: unknown) => ({
  property,
  filter: value === undefined ? { operator } : { operator, value: { type: 'exact', value } },
})
const where = (...filters: unknown[]) => ({ filter: { operator: 'and', filters } })
const sortBy = (property: string, direction = 'ascending') => ({ sort: [{ property, direction }] })
const titles = (rowIds: string[], rows: ReadonlyArray<{ i: number; title: string }>, rowId: (i: number) => string) =>
  rowIds.map((id) => rows.find((row) => rowId(row.i) === id)?.title)
const tasksOf = async (f: Fixture, loader: Record<string, unknown>) => titles((await query(f, TASKS, loader))['rows'].blockIds, TASK_ROWS, task)
const projectsOf = async (f: Fixture, loader: Record<string, unknown>) => titles((await query(f, PROJECTS, loader))['rows'].blockIds, PROJECT_ROWS, project)

describe('queryCollection: formulas', () => {
  it('filters on number, text, checkbox and date formulas, formulas of formulas and now()', async () => {
    const f = await fixture()
    // cost = hours * rate: Design 30, Build 100, Ship 0 (no hours), Review 40, Plan 50.
    expect(await tasksOf(f, where(leaf('cost', 'number_greater_than', 35)))).toEqual(['Build', 'Review', 'Plan'])
    expect(await tasksOf(f, where(leaf('cost', 'number_equals', 0)))).toEqual(['Ship'])
    expect(await tasksOf(f, where(leaf('doubled', 'number_equals', 60)))).toEqual(['Design'])
    expect(await tasksOf(f, where(leaf('label', 'string_starts_with', 'open')))).toEqual(['Build', 'Review', 'Plan'])
    expect(await tasksOf(f, where(leaf('label', 'string_is', 'DONE SHIP')))).toEqual(['Ship'])
    expect(await tasksOf(f, where(leaf('big', 'checkbox_is', true)))).toEqual(['Build', 'Review'])
    expect(await tasksOf(f, where(leaf('big', 'checkbox_is_not', true)))).toEqual(['Design', 'Ship', 'Plan'])
    // deadline = due + 7 days: Design 01-12, Build 02-17, Ship 01-27, Review none, Plan 2023-12-08.
    expect(await tasksOf(f, where(leaf('deadline', 'date_is_after', '2024-01-20')))).toEqual(['Build', 'Ship'])
    expect(await tasksOf(f, where(leaf('deadline', 'date_is', '2024-01-12')))).toEqual(['Design'])
    expect(await tasksOf(f, where(leaf('deadline', 'is_empty')))).toEqual(['Review'])
    // Zone-less dates are read in the caller's zone, so the day stays the day.
    expect(await tasksOf(f, { ...where(leaf('deadline', 'date_is', '2024-01-12')), userTimeZone: 'America/Los_Angeles' })).toEqual(['Design'])
    // age = days from due to the emulator's now (2024-01-15T12:00Z): Design 10, Build -25, Ship -4, Review none, Plan 45.
    expect(await tasksOf(f, where(leaf('age', 'number_greater_than', 0)))).toEqual(['Design', 'Plan'])
    expect(await tasksOf(f, where(leaf('age', 'number_equals', -25)))).toEqual(['Build'])
    expect(await tasksOf(f, where(leaf('age', 'is_empty')))).toEqual(['Review'])
    // Formulas that read each other have no value; the query still answers.
    expect(await tasksOf(f, where(leaf('loopA', 'is_empty')))).toEqual(['Design', 'Build', 'Ship', 'Review', 'Plan'])
  })

  it('sorts by number, text, checkbox and date formulas (empty dates last either way)', async () => {
    const f = await fixture()
    expect(await tasksOf(f, sortBy('cost'))).toEqual(['Ship', 'Design', 'Review', 'Plan', 'Build'])
    expect(await tasksOf(f, sortBy('cost', 'descending'))).toEqual(['Build', 'Plan', 'Review', 'Design', 'Ship'])
    expect(await tasksOf(f, sortBy('doubled', 'descending'))).toEqual(['Build', 'Plan', 'Review', 'Design', 'Ship'])
    expect(await tasksOf(f, sortBy('label'))).toEqual(['Design', 'Ship', 'Build', 'Plan', 'Review'])
    expect(await tasksOf(f, sortBy('big'))).toEqual(['Design', 'Ship', 'Plan', 'Build', 'Review'])
    expect(await tasksOf(f, sortBy('deadline'))).toEqual(['Plan', 'Design', 'Ship', 'Build', 'Review'])
    expect(await tasksOf(f, sortBy('deadline', 'descending'))).toEqual(['Build', 'Ship', 'Design', 'Plan', 'Review'])
  })

  it('aggregates formula columns', async () => {
    const f = await fixture()
    const aggregate = async (property: string, aggregator: string) => {
      const results = await query(f, TASKS, { reducers: { value: { type: 'aggregation', aggregation: { property, aggregator } } } })
      return results['value'].aggregationResult.value as number | undefined
    }
    expect(await aggregate('cost', 'sum')).toBe(30 + 100 + 0 + 40 + 50)
    expect(await aggregate('doubled', 'sum')).toBe(2 * (30 + 100 + 0 + 40 + 50))
    expect(await aggregate('age', 'max')).toBe(45)
    expect(await aggregate('big', 'checked')).toBe(2)
    expect(await aggregate('deadline', 'earliest_date')).toBe(Date.parse('2023-12-08T00:00:00Z'))
    expect(await aggregate('deadline', 'empty')).toBe(1)
  })

  it('groups by text, checkbox, number and date formulas', async () => {
    const f = await fixture()
    const groups = async (property: string) => {
      const results = await query(f, TASKS, { reducers: { g: { type: 'groups', groupBy: { property }, limit: 10 } } })
      return (results['g'].results as any[]).map((group) => [group.value.value ?? null, titles(group.blockIds, TASK_ROWS, task)])
    }
    expect(await groups('phase')).toEqual([[null, []], ['Done', ['Design', 'Ship']], ['Open', ['Build', 'Review', 'Plan']]])
    expect(await groups('big')).toEqual([[null, []], [false, ['Design', 'Ship', 'Plan']], [true, ['Build', 'Review']]])
    // floor(hours / 4): Design 0, Build 1, Ship 0, Review 2, Plan 0.
    expect(await groups('bucket')).toEqual([[null, []], ['0', ['Design', 'Ship', 'Plan']], ['1', ['Build']], ['2', ['Review']]])
    expect(await groups('deadline')).toEqual([
      [null, ['Review']], ['2023-12-08', ['Plan']], ['2024-01-12', ['Design']], ['2024-01-27', ['Ship']], ['2024-02-17', ['Build']],
    ])
  })

  it('formulas read rollups, rollups read formulas', async () => {
    const f = await fixture()
    // total hours: Alpha 3 + 5, Beta 0 (Ship has none), Gamma 8 + 1.
    expect(await projectsOf(f, where(leaf('over', 'checkbox_is', true)))).toEqual(['Alpha', 'Gamma'])
    // spent = sum of the tasks' cost formula: Alpha 130, Beta 0, Gamma 90.
    expect(await projectsOf(f, where(leaf('costly', 'checkbox_is', true)))).toEqual(['Alpha'])
    expect(await projectsOf(f, sortBy('spent', 'descending'))).toEqual(['Alpha', 'Gamma', 'Beta'])
    // The latest due date, formatted: Alpha 2024-02-10, Beta 2024-01-20, Gamma 2023-12-01 (Review has none).
    expect(await projectsOf(f, sortBy('lastLabel'))).toEqual(['Gamma', 'Beta', 'Alpha'])
    expect(await projectsOf(f, where(leaf('lastLabel', 'string_is', '2024-01-20')))).toEqual(['Beta'])
  })
})

describe('queryCollection: the recorded NBA players database', () => {
  const recorded = recordedFixtures
  const json = (path: string) => JSON.parse(readFileSync(new URL(path, recorded), 'utf8'))
  const PLAYERS = '1a425309-21c0-4ca1-8548-c5915137b566'
  const HAWKS_VIEW = '693b4304-0bbd-4f9a-85f1-7c9cb1768110'
  const HAWKS = '841918aa-f2a3-4d4c-b5ad-64b0f57c47b8'
  const DAMIAN_JONES = '139ac7d7-30d5-4b5e-9393-7a282d8ff635'
  // The rest of the 2019-20 roster (the recording holds one player's row), in no particular order.
  const ROSTER = [
    'Trae Young', 'John Collins', 'Kevin Huerter', "De'Andre Hunter", 'Cam Reddish', 'Bruno Fernando', 'Vince Carter', 'Jabari Parker',
    'Alex Len', "DeAndre' Bembry", 'Treveon Graham', 'Brandon Goodwin', 'Evan Turner', 'Charlie Brown Jr.', 'Chandler Parsons',
  ]

  it('a gallery sorted by its "Last Name" formula (replaceAll(Name, ".+ ", "")) lists players by that value', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    // The recorded row page: the players collection, its views (the Hawks gallery among them), Damian Jones's row.
    emu.importRecordMap(json('collection-row-page.json').recordMap, { memberUserIds: [ada.id] })
    const view = emu.context.records.get('collection_view', HAWKS_VIEW)!.value
    expect(view['query2']).toMatchObject({ sort: [{ property: '=7m2', direction: 'ascending' }] })
    const collection = emu.context.records.get('collection', PLAYERS)!.value
    expect((collection['schema'] as Record<string, any>)['=7m2'].formula.name).toBe('replaceAll')
    const space_id = collection['space_id']
    const added = ROSTER.map((name, i) => ({ id: numberedId('30000000', i + 1), name }))
    for (const [i, player] of added.entries()) {
      emu.context.records.put('block', player.id, {
        id: player.id, type: 'page', alive: true, parent_id: PLAYERS, parent_table: 'collection', space_id, version: 1,
        properties: { title: [[player.name]], p4nU: [['‣', [['p', HAWKS]]]] },
        // Created before and after Damian Jones (2020-01-06), so the default order is neither by name nor by last name.
        created_time: 1578275575291 + (i % 2 === 0 ? 1 : -1) * (i + 1) * 60_000,
      })
    }
    // A player of another team: the view's relation filter leaves him out.
    emu.context.records.put('block', numberedId('30000000', 99), {
      id: numberedId('30000000', 99), type: 'page', alive: true, parent_id: PLAYERS, parent_table: 'collection', space_id, version: 1,
      properties: { title: [['Aaron Adams']], p4nU: [['‣', [['p', numberedId('40000000', 1)]]]] }, created_time: 1578275575291,
    })

    // The server-compiled form: the view's own query2 (filter by team, sort by the formula).
    const response = await post(emu, 'queryCollection', { collectionView: { id: HAWKS_VIEW }, userTimeZone: 'UTC' }, { tokenV2: ada.tokenV2 })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const blockIds = response.body.result.reducerResults.collection_group_results.blockIds as string[]
    const nameOf = new Map([...added.map((player) => [player.id, player.name] as const), [DAMIAN_JONES, 'Damian Jones']])
    const names = blockIds.map((id) => nameOf.get(id))
    expect(names).toHaveLength(16)
    // The formula's values, computed here with the same regular expression: non-decreasing.
    const lastNames = names.map((name) => name!.replaceAll(/.+ /g, ''))
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })
    for (let i = 1; i < lastNames.length; i++) expect(collator.compare(lastNames[i - 1]!, lastNames[i]!), lastNames.join()).toBeLessThanOrEqual(0)
    // "Charlie Brown Jr." sorts as "Jr.": the formula's value, not a notion of last names.
    expect(lastNames).toEqual([
      'Bembry', 'Carter', 'Collins', 'Fernando', 'Goodwin', 'Graham', 'Huerter', 'Hunter', 'Jones', 'Jr.', 'Len', 'Parker', 'Parsons', 'Reddish', 'Turner', 'Young',
    ])
    // Notion's recorded answer for this view had Damian Jones 9th of 16 too.
    const notion = json(`nba/data/${PLAYERS}-${HAWKS_VIEW}.json`) as { blockIds: string[]; total: number }
    expect([blockIds.indexOf(DAMIAN_JONES), blockIds.length]).toEqual([notion.blockIds.indexOf(DAMIAN_JONES), notion.total])
    // Without the formula the order would be the default one (created_time): visibly another.
    const byCreated = [...blockIds].sort((a, b) => (emu.context.records.get('block', a)!.value['created_time'] as number) - (emu.context.records.get('block', b)!.value['created_time'] as number))
    expect(blockIds).not.toEqual(byCreated)
  })
})
