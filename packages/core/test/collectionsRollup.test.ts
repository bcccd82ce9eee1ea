import { filter, firstValueFrom } from 'rxjs'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '@notion-rx/emulator'
import { numberedId, projectsAndTasksIds, relationCell, seedDatabases, testEmulator } from '@notion-rx/emulator/testing'
import type { CollectionSchema } from '../src/databases/properties/collectionSchema.js'
import { decodeRow } from '../src/databases/properties/decodeProperty.js'
import { PropertyValueError } from '../src/databases/properties/propertyValueError.js'
import type { PropertyValue } from '../src/databases/properties/propertyValueMap.js'
import { relatedRowsIn } from '../src/databases/properties/relatedRows.js'
import type { RowProperties } from '../src/databases/properties/rowProperties.js'
import { where } from '../src/databases/query/queryFilter.js'
import type { QueryResult } from '../src/databases/query/queryResult.js'
import type { CollectionRowBlock } from '../src/databases/collectionRowBlock.js'
import { TEST_MONITOR, sleep, waitFor } from './monitorSupport.js'
import { testClient } from './support/testClient.js'

const { PAGE, PROJECTS_BLOCK, TASKS_BLOCK, PROJECTS, TASKS } = projectsAndTasksIds('30000000')
const task = (i: number) => numberedId('32000000', i)
const project = (i: number) => numberedId('31000000', i)
const DAY = 86_400_000

const rollup = (name: string, target: string, aggregation?: string) => ({
  name, type: 'rollup', relation_property: 'tasks', target_property: target, target_property_type: 'number',
  ...(aggregation === undefined ? {} : { aggregation }),
})

const TASKS_SCHEMA = {
  title: { name: 'Task', type: 'title' },
  hours: { name: 'Hours', type: 'number' },
  due: { name: 'Due', type: 'date' },
  done: { name: 'Done', type: 'checkbox' },
  tags: { name: 'Tags', type: 'multi_select', options: [{ id: 'o1', value: 'a' }, { id: 'o2', value: 'b' }, { id: 'o3', value: 'c' }] },
}

const PROJECTS_SCHEMA = {
  title: { name: 'Project', type: 'title' },
  tasks: { name: 'Tasks', type: 'relation', collection_id: TASKS, property: 'proj' },
  total: rollup('Total hours', 'hours', 'sum'),
  n: rollup('Task count', 'title', 'count'),
  names: rollup('Task names', 'title'),
  last: rollup('Last due', 'due', 'latest_date'),
  first: rollup('First due', 'due', 'earliest_date'),
  span: rollup('Due span', 'due', 'date_range'),
  pct: rollup('Done share', 'done', 'percent_checked'),
  utags: rollup('All tags', 'tags', 'show_unique'),
  avg: rollup('Average hours', 'hours', 'average'),
  // A formula over a rollup: prop("Total hours") * 2.
  fx: {
    name: 'Double', type: 'formula',
    formula: { type: 'operator', operator: '*', name: 'multiply', result_type: 'number', args: [{ type: 'property', id: 'total', name: 'Total hours', result_type: 'number' }, { type: 'constant', value: '2', value_type: 'number', result_type: 'number' }] },
  },
} satisfies CollectionSchema

const TASK_ROWS = [
  { i: 1, title: 'Design', hours: 3, due: '2024-01-05', done: true, tags: 'a' },
  { i: 2, title: 'Build', hours: 5, due: '2024-02-10', done: false, tags: 'a,b' },
  { i: 3, title: 'Ship', hours: undefined, due: '2024-01-20', done: true, tags: 'c' },
  { i: 4, title: 'Secret', hours: 100, due: '2024-12-31', done: false, tags: '', hiddenFromCy: true },
  { i: 5, title: 'Deleted', hours: 50, due: '2025-06-01', done: false, tags: '', deleted: true },
]
const PROJECT_ROWS = [
  { i: 1, title: 'Alpha', tasks: [1, 2] },
  { i: 2, title: 'Beta', tasks: [3, 4, 5] },
  { i: 3, title: 'Gamma', tasks: [] },
]

async function fixture(): Promise<{ emu: Emulator; ada: { id: string; tokenV2: string }; cy: { id: string; tokenV2: string } }> {
  const emu = await testEmulator()
  const ada = emu.createUser({ email: 'ada@example.com' })
  const cy = emu.createUser({ email: 'cy@example.com', spaceId: ada.spaceId, role: 'editor' })
  seedDatabases(emu, ada.spaceId, PAGE, [
    {
      blockId: PROJECTS_BLOCK, collectionId: PROJECTS, name: 'Projects', schema: PROJECTS_SCHEMA, rowId: project,
      rows: PROJECT_ROWS.map((row) => ({ i: row.i, properties: { title: [[row.title]], tasks: relationCell(row.tasks.map(task)) } })),
    },
    {
      blockId: TASKS_BLOCK, collectionId: TASKS, name: 'Tasks', schema: TASKS_SCHEMA, rowId: task,
      rows: TASK_ROWS.map((row) => ({
        i: row.i,
        deleted: row.deleted,
        hiddenFrom: row.hiddenFromCy ? cy.id : undefined,
        properties: {
          title: [[row.title]], due: [['‣', [['d', { type: 'date', start_date: row.due }]]]], done: [[row.done ? 'Yes' : 'No']], tags: [[row.tags]],
          ...(row.hours === undefined ? {} : { hours: [[String(row.hours)]] }),
        },
      })),
    },
  ])
  return { emu, ada, cy }
}

const byTitle = (rows: readonly CollectionRowBlock[]) => new Map(rows.map((row) => [row.prop('title') as string, row]))
const collect = <T>(into: T[]) => ({ next: (value: T) => into.push(value) })

describe('rollups in @notion-rx/core', () => {
  it('getRows computes every aggregation, loading the related rows and their database in one request', async () => {
    const { emu, ada } = await fixture()
    const { client, log } = testClient(emu, ada)
    const collection = await client.getCollection(PROJECTS)
    const before = log.calls.length
    const rows = byTitle(await collection.getRows())
    // One queryCollection, then one load for the 4 tasks and the Tasks collection.
    expect(log.calls.slice(before)).toEqual(['queryCollection', expect.not.stringMatching(/^queryCollection$/)])
    expect(client.store.get('collection', TASKS)?.value).toBeDefined()

    const alpha = rows.get('Alpha')!
    expect(alpha.prop('Total hours')).toBe(8)
    expect(alpha.prop('Task count')).toBe(2)
    expect(alpha.prop('Task names')).toEqual(['Design', 'Build'])
    expect(alpha.prop('Last due')).toEqual({ start: '2024-02-10', includeTime: false })
    expect(alpha.prop('First due')).toEqual({ start: '2024-01-05', includeTime: false })
    expect(alpha.prop('Due span')).toBe(36 * DAY)
    expect(alpha.prop('Done share')).toBe(0.5)
    expect(alpha.prop('All tags')).toEqual(['a', 'b'])
    expect(alpha.prop('Average hours')).toBe(4)
    expect(alpha.prop('Double')).toBe(16)
    expect(alpha.properties).toMatchObject({ totalHours: 8, taskCount: 2, taskNames: ['Design', 'Build'], double: 16 })

    // Beta: "Ship" has no hours; the deleted task is no related row.
    const beta = rows.get('Beta')!
    expect(beta.prop('Total hours')).toBe(100)
    expect(beta.prop('Task count')).toBe(2)
    expect(beta.prop('Task names')).toEqual(['Ship', 'Secret'])
    expect(beta.prop('All tags')).toEqual(['c'])
    expect((beta.prop('Last due') as { start: string }).start).toBe('2024-12-31')

    // Gamma relates to nothing: counts are 0, values empty, an average of nothing is null.
    const gamma = rows.get('Gamma')!
    expect(gamma.properties).toMatchObject({ totalHours: 0, taskCount: 0, taskNames: [], lastDue: null, averageHours: null, doneShare: 0 })

    // Everything is in the store now: another getRows loads nothing more.
    const again = log.calls.length
    await collection.getRows()
    expect(log.calls.slice(again)).toEqual(['queryCollection'])
  })

  it('query().execute() loads what rollups read: result.values carry them, in one more request', async () => {
    const { emu, ada } = await fixture()
    const { client, log } = testClient(emu, ada)
    const collection = await client.getCollection(PROJECTS)
    const before = log.calls.length
    const result = await collection.query({ sort: 'title' }).execute()
    expect(log.calls.slice(before)).toEqual(['queryCollection', expect.not.stringMatching(/^queryCollection$/)])
    const alpha = result.values[result.rows.findIndex((row) => row.prop('title') === 'Alpha')]!
    expect(alpha).toMatchObject({ totalHours: 8, taskCount: 2, taskNames: ['Design', 'Build'], double: 16 })
  })

  it('a related row the user may not read is left out', async () => {
    const { emu, cy } = await fixture()
    const { client } = testClient(emu, cy)
    const rows = byTitle(await (await client.getCollection(PROJECTS)).getRows())
    const beta = rows.get('Beta')!
    expect(beta.prop('Task names')).toEqual(['Ship'])
    expect(beta.prop('Total hours')).toBe(0)
    expect(beta.prop('Task count')).toBe(1)
  })

  it('before the related rows are loaded: prop() is undefined (unknown, not 0); prop$ loads them and emits the value', async () => {
    const { emu, ada } = await fixture()
    const { client, log } = testClient(emu, ada)
    await client.loadRecords([{ table: 'block', id: project(1) }, { table: 'collection', id: PROJECTS }])
    const alpha = (await client.getBlock(project(1))) as CollectionRowBlock
    expect(client.store.get('block', task(1))).toBeUndefined()
    expect(alpha.prop('Total hours')).toBeUndefined()
    expect(alpha.prop('Double')).toBeUndefined()
    expect(alpha.prop('Project')).toBe('Alpha')

    const before = log.calls.length
    const values: PropertyValue[] = []
    const subscription = alpha.prop$('Total hours').subscribe(collect(values))
    await waitFor(() => values.includes(8), 'computed total')
    expect(values).toEqual([undefined, 8])
    // The two tasks and the Tasks collection came in one request.
    expect(log.calls.length - before).toBe(1)
    subscription.unsubscribe()
    expect(alpha.prop('Total hours')).toBe(8)
  })

  it("a live query's values follow a related row's change (decided on the client, no re-run); one filtered by a rollup re-runs", async () => {
    const { emu, ada } = await fixture()
    const { client, log } = testClient(emu, ada)
    const projects = await client.getCollection(PROJECTS)
    const shown: QueryResult[] = []
    const byName = projects.query({ sort: 'title' }, { debounceMs: 10 }).results$.subscribe((result) => shown.push(result))
    const filtered: QueryResult[] = []
    const byRollup = projects
      .query({ filter: where('Total hours', 'number_greater_than', 10) }, { debounceMs: 10 })
      .results$.subscribe((result) => filtered.push(result))
    await waitFor(() => shown.length === 1 && filtered.length === 1, 'first results')
    const alphaAt = shown[0]!.values.findIndex((values) => values['project'] === 'Alpha')
    expect(shown[0]!.values[alphaAt]).toMatchObject({ totalHours: 8 })
    expect(filtered[0]!.values.map((values) => values['project'])).toEqual(['Beta'])
    const runs = log.queryRuns

    const design = (await client.getBlock(task(1))) as CollectionRowBlock
    design.setProp('Hours', 10)
    await Promise.resolve()
    // The sorted-by-name query shows Alpha's new total at once; it does not ask the server again.
    expect(shown.at(-1)!.values[alphaAt]).toMatchObject({ totalHours: 15, double: 30 })
    // The query filtered by the rollup is decided by the server: Alpha joins after a re-run.
    await waitFor(() => filtered.at(-1)!.values.some((values) => values['project'] === 'Alpha'), 'Alpha joins')
    expect(log.queryRuns - runs).toBe(1)
    byName.unsubscribe()
    byRollup.unsubscribe()
  })

  it('prop$ and properties$ emit when a related row changes, and only then', async () => {
    const { emu, ada } = await fixture()
    const { client } = testClient(emu, ada)
    const rows = byTitle(await (await client.getCollection(PROJECTS)).getRows())
    const alpha = rows.get('Alpha')!
    const totals: PropertyValue[] = []
    const names: PropertyValue[] = []
    const properties: RowProperties[] = []
    const subscriptions = [
      alpha.prop$('Total hours').subscribe(collect(totals)),
      alpha.prop$('taskNames').subscribe(collect(names)),
      alpha.properties$.subscribe(collect(properties)),
    ]
    expect(totals).toEqual([8])
    expect(properties).toHaveLength(1)

    const design = (await client.getBlock(task(1))) as CollectionRowBlock
    design.setProp('Hours', 10)
    expect(totals).toEqual([8, 15])
    expect(properties.at(-1)).toMatchObject({ totalHours: 15, double: 30 })
    expect(names).toEqual([['Design', 'Build']])

    design.setProp('title', 'Design v2')
    expect(names).toEqual([['Design', 'Build'], ['Design v2', 'Build']])
    expect(totals).toEqual([8, 15])

    // A task of another project changes: nothing Alpha shows moved, so nothing is emitted.
    const emitted = properties.length
    ;((await client.getBlock(task(3))) as CollectionRowBlock).setProp('Hours', 7)
    expect(properties).toHaveLength(emitted)
    expect(totals).toEqual([8, 15])

    // Relating one more task (already in the store) counts it at once.
    alpha.setProp('Tasks', [task(1), task(2), task(3)])
    expect(totals.at(-1)).toBe(22)
    expect(properties.at(-1)).toMatchObject({ taskCount: 3, taskNames: ['Design v2', 'Build', 'Ship'] })
    for (const subscription of subscriptions) subscription.unsubscribe()
    await client.flush()
  })

  it("with a monitor: a teammate's edit of a related row reaches prop$", async () => {
    const { emu, ada, cy } = await fixture()
    const { client: watcher } = testClient(emu, ada, { monitor: TEST_MONITOR })
    const { client: teammate } = testClient(emu, cy)
    const alpha = byTitle(await (await watcher.getCollection(PROJECTS)).getRows()).get('Alpha')!
    const totals: PropertyValue[] = []
    const subscription = alpha.prop$('Total hours').subscribe(collect(totals))
    // The related rows are observed, so the monitor follows them.
    await waitFor(() => watcher.monitor!.subscriptionKeys().includes(`versions/${task(2)}:block`), 'related row followed')
    await waitFor(() => watcher.monitor!.stats.responses >= 1, 'registered')
    const build = (await teammate.getBlock(task(2))) as CollectionRowBlock
    build.setProp('Hours', 1)
    await teammate.flush()
    await waitFor(() => totals.at(-1) === 4, 'teammate edit arrived')
    expect(totals).toEqual([8, 4])
    subscription.unsubscribe()
    await sleep(0)
  })

  it('rollups are read-only: writes throw PropertyValueError (read_only) before anything is queued', async () => {
    const { emu, ada } = await fixture()
    const { client, log } = testClient(emu, ada)
    const alpha = byTitle(await (await client.getCollection(PROJECTS)).getRows()).get('Alpha')!
    const writes = log.writes
    for (const write of [() => alpha.setProp('Total hours', 3), () => alpha.set('totalHours', 3), () => (alpha.props['taskNames'] = ['x'])]) {
      let error: unknown
      try {
        void write()
      } catch (caught) {
        error = caught
      }
      expect(PropertyValueError.isPropertyValueError(error) && error.code).toBe('read_only')
    }
    await client.flush()
    expect(log.writes).toBe(writes)
    expect(alpha.prop('Total hours')).toBe(8)
  })

  it('decodeRow computes rollups given a related-row lookup, and leaves them undefined without one', async () => {
    const { emu, ada } = await fixture()
    const { client } = testClient(emu, ada)
    const alpha = byTitle(await (await client.getCollection(PROJECTS)).getRows()).get('Alpha')!
    expect(decodeRow(PROJECTS_SCHEMA, alpha.value!)['total']).toBeUndefined()
    expect(decodeRow(PROJECTS_SCHEMA, alpha.value!, { related: relatedRowsIn(client.store) })['total']).toBe(8)
    // A schema with an aggregation notion-rx does not know: not computed.
    const odd = { ...PROJECTS_SCHEMA, total: { ...PROJECTS_SCHEMA.total, aggregation: 'made_up' } }
    expect(decodeRow(odd, alpha.value!, { related: relatedRowsIn(client.store) })['total']).toBeUndefined()
    // show_original values keep their types: numbers stay numbers.
    const hours = { ...PROJECTS_SCHEMA, total: { ...PROJECTS_SCHEMA.total, aggregation: 'show_original' } }
    expect(decodeRow(hours, alpha.value!, { related: relatedRowsIn(client.store) })['total']).toEqual([3, 5])
    expect(await firstValueFrom(alpha.prop$('Task count').pipe(filter((value) => value !== undefined)))).toBe(2)
  })
})
