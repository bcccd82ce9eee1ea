import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { numberedId, projectsAndTasksIds, relationCell, seedDatabases } from '../src/testing/relatedDatabases.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

const { PAGE, PROJECTS_BLOCK, TASKS_BLOCK, PROJECTS, TASKS } = projectsAndTasksIds('00000000')
const task = (i: number) => numberedId('20000000', i)
const project = (i: number) => numberedId('10000000', i)

const rollup = (name: string, relation: string, target: string, targetType: string, aggregation?: string) => ({
  name, type: 'rollup', relation_property: relation, target_property: target, target_property_type: targetType,
  ...(aggregation === undefined ? {} : { aggregation }),
})

const TASKS_SCHEMA = {
  title: { name: 'Task', type: 'title' },
  hours: { name: 'Hours', type: 'number' },
  due: { name: 'Due', type: 'date' },
  done: { name: 'Done', type: 'checkbox' },
  proj: { name: 'Projects', type: 'relation', collection_id: PROJECTS },
  // A rollup of a rollup: the projects' totals.
  ptot: rollup('Project hours', 'proj', 'total', 'number', 'sum'),
  // Half of a loop: back -> loop -> back ...
  back: rollup('Back', 'proj', 'loop', 'number', 'sum'),
}

const PROJECTS_SCHEMA = {
  title: { name: 'Project', type: 'title' },
  tasks: { name: 'Tasks', type: 'relation', collection_id: TASKS },
  total: rollup('Total hours', 'tasks', 'hours', 'number', 'sum'),
  n: rollup('Task count', 'tasks', 'title', 'title', 'count'),
  // No aggregation: the UI's default, show original.
  names: rollup('Task names', 'tasks', 'title', 'title'),
  last: { ...rollup('Last due', 'tasks', 'due', 'date', 'latest_date'), rollup_type: 'relation', version: 'v2' },
  loop: rollup('Loop', 'tasks', 'back', 'number', 'sum'),
}

/** Tasks: who may read them matters (cy is denied task 4); task 5 is deleted. */
const TASKS_ROWS = [
  { i: 1, title: 'Design', hours: 3, due: '2024-01-05', done: true, proj: [1] },
  { i: 2, title: 'Build', hours: 5, due: '2024-02-10', done: false, proj: [1, 4] },
  { i: 3, title: 'Ship', hours: undefined, due: '2024-01-20', done: true, proj: [2] },
  { i: 4, title: 'Secret', hours: 100, due: '2024-12-31', done: false, proj: [2], hiddenFromCy: true },
  { i: 5, title: 'Deleted', hours: 50, due: '2025-06-01', done: false, proj: [2], deleted: true },
]
const PROJECT_ROWS = [
  { i: 1, title: 'Alpha', tasks: [1, 2] },
  { i: 2, title: 'Beta', tasks: [3, 4, 5] },
  { i: 3, title: 'Gamma', tasks: [] },
  { i: 4, title: 'Delta', tasks: [2] },
]

interface Fixture {
  emu: Emulator
  ada: { id: string; tokenV2: string }
  cy: { id: string; tokenV2: string }
}

async function fixture(): Promise<Fixture> {
  const emu = await testEmulator({ now: () => Date.parse('2024-01-15T12:00:00Z') })
  const ada = emu.createUser({ email: 'ada@example.com' })
  const cy = emu.createUser({ email: 'cy@example.com', spaceId: ada.spaceId })
  seedDatabases(emu, ada.spaceId, PAGE, [
    {
      blockId: PROJECTS_BLOCK, collectionId: PROJECTS, name: 'Projects', schema: PROJECTS_SCHEMA, rowId: project,
      rows: PROJECT_ROWS.map((row) => ({ i: row.i, properties: { title: [[row.title]], tasks: relationCell(row.tasks.map(task), PAGE) } })),
    },
    {
      blockId: TASKS_BLOCK, collectionId: TASKS, name: 'Tasks', schema: TASKS_SCHEMA, rowId: task,
      rows: TASKS_ROWS.map((row) => ({
        i: row.i,
        deleted: row.deleted,
        hiddenFrom: row.hiddenFromCy ? cy.id : undefined,
        properties: {
          title: [[row.title]], due: [['‣', [['d', { type: 'date', start_date: row.due }]]]], done: [[row.done ? 'Yes' : 'No']],
          proj: relationCell(row.proj.map(project), PAGE),
          ...(row.hours === undefined ? {} : { hours: [[String(row.hours)]] }),
        },
      })),
    },
  ])
  return { emu, ada, cy }
}

const leaf = (property: string, operator: string, value?: unknown) => ({
  property,
  filter: value === undefined ? { operator } : { operator, value: { type: 'exact', value } },
})

async function query(f: Fixture, collection: string, loader: Record<string, unknown>, user = f.ada) {
  const response = await post(
    f.emu,
    'queryCollection',
    {
      collection: { id: collection },
      loader: { type: 'reducer', reducers: { rows: { type: 'results', limit: 100 } }, searchQuery: '', userTimeZone: 'UTC', ...loader },
    },
    { tokenV2: user.tokenV2 },
  )
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body.result.reducerResults as Record<string, any>
}

const rowsOf = async (f: Fixture, collection: string, loader: Record<string, unknown>, user = f.ada) =>
  (await query(f, collection, loader, user))['rows'].blockIds as string[]
const where = (...filters: unknown[]) => ({ filter: { operator: 'and', filters } })
const names = (projectIds: string[]) => projectIds.map((id) => PROJECT_ROWS.find((row) => project(row.i) === id)?.title)

describe('queryCollection: rollups', () => {
  it('filters on a sum of numbers, a count, the original titles and the latest date', async () => {
    const f = await fixture()
    // Alpha 3 + 5, Beta 100 (Ship has no hours, the deleted task is no related row), Gamma 0, Delta 5.
    expect(names(await rowsOf(f, PROJECTS, where(leaf('total', 'number_greater_than', 4))))).toEqual(['Alpha', 'Beta', 'Delta'])
    expect(names(await rowsOf(f, PROJECTS, where(leaf('total', 'number_equals', 8))))).toEqual(['Alpha'])
    expect(names(await rowsOf(f, PROJECTS, where(leaf('n', 'number_equals', 2))))).toEqual(['Alpha', 'Beta'])
    expect(names(await rowsOf(f, PROJECTS, where(leaf('n', 'number_equals', 0))))).toEqual(['Gamma'])
    expect(names(await rowsOf(f, PROJECTS, where(leaf('names', 'string_contains', 'build'))))).toEqual(['Alpha', 'Delta'])
    expect(names(await rowsOf(f, PROJECTS, where(leaf('names', 'enum_contains', 'Ship'))))).toEqual(['Beta'])
    expect(names(await rowsOf(f, PROJECTS, where(leaf('names', 'is_empty'))))).toEqual(['Gamma'])
    expect(names(await rowsOf(f, PROJECTS, where(leaf('last', 'date_is_after', '2024-03-01'))))).toEqual(['Beta'])
    expect(names(await rowsOf(f, PROJECTS, where(leaf('last', 'date_is', '2024-02-10'))))).toEqual(['Alpha', 'Delta'])
    expect(names(await rowsOf(f, PROJECTS, where(leaf('last', 'is_empty'))))).toEqual(['Gamma'])
  })

  it('sorts by a rollup (empty dates last in both directions)', async () => {
    const f = await fixture()
    const sortBy = (property: string, direction: string) => ({ sort: [{ property, direction }] })
    expect(names(await rowsOf(f, PROJECTS, sortBy('total', 'descending')))).toEqual(['Beta', 'Alpha', 'Delta', 'Gamma'])
    expect(names(await rowsOf(f, PROJECTS, sortBy('total', 'ascending')))).toEqual(['Gamma', 'Delta', 'Alpha', 'Beta'])
    expect(names(await rowsOf(f, PROJECTS, sortBy('last', 'ascending')))).toEqual(['Alpha', 'Delta', 'Beta', 'Gamma'])
    expect(names(await rowsOf(f, PROJECTS, sortBy('last', 'descending')))).toEqual(['Beta', 'Alpha', 'Delta', 'Gamma'])
    expect(names(await rowsOf(f, PROJECTS, sortBy('names', 'ascending')))).toEqual(['Delta', 'Alpha', 'Beta', 'Gamma'])
  })

  it('aggregates over rollups', async () => {
    const f = await fixture()
    const aggregate = async (property: string, aggregator: string, user = f.ada) => {
      const results = await query(f, PROJECTS, { reducers: { value: { type: 'aggregation', aggregation: { property, aggregator } } } }, user)
      return results['value'].aggregationResult.value as number | undefined
    }
    expect(await aggregate('total', 'sum')).toBe(8 + 100 + 0 + 5)
    expect(await aggregate('total', 'max')).toBe(100)
    expect(await aggregate('n', 'sum')).toBe(2 + 2 + 0 + 1)
    expect(await aggregate('last', 'latest_date')).toBe(Date.parse('2024-12-31T00:00:00Z'))
    expect(await aggregate('last', 'earliest_date')).toBe(Date.parse('2024-02-10T00:00:00Z'))
    expect(await aggregate('names', 'not_empty')).toBe(3)
    // cy may not read "Secret": it is in no rollup of hers.
    expect(await aggregate('total', 'sum', f.cy)).toBe(8 + 0 + 0 + 5)
    expect(await aggregate('last', 'latest_date', f.cy)).toBe(Date.parse('2024-02-10T00:00:00Z'))
  })

  it('a related row the caller cannot read is left out', async () => {
    const f = await fixture()
    expect(names(await rowsOf(f, PROJECTS, where(leaf('n', 'number_equals', 1)), f.cy))).toEqual(['Beta', 'Delta'])
    expect(names(await rowsOf(f, PROJECTS, where(leaf('names', 'string_contains', 'secret')), f.cy))).toEqual([])
    expect(names(await rowsOf(f, PROJECTS, where(leaf('names', 'string_contains', 'secret'))))).toEqual(['Beta'])
  })

  it('a rollup of a rollup is computed; one that loops back on itself reads as empty', async () => {
    const f = await fixture()
    // Build is in Alpha (8) and Delta (5); Ship and Secret in Beta (100).
    const big = await rowsOf(f, TASKS, where(leaf('ptot', 'number_greater_than', 50)))
    expect(big.sort()).toEqual([task(3), task(4)])
    expect(await rowsOf(f, TASKS, where(leaf('ptot', 'number_equals', 13)))).toEqual([task(2)])
    // Projects.loop sums Tasks.back, which sums Projects.loop: the evaluation ends, with nothing to add.
    const started = Date.now()
    expect(names(await rowsOf(f, PROJECTS, where(leaf('loop', 'number_equals', 0))))).toEqual(['Alpha', 'Beta', 'Gamma', 'Delta'])
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
