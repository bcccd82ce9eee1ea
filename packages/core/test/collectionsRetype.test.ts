import { operationTarget, type Operation } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { InvalidSchemaChangeError } from '../src/databases/properties/invalidSchemaChangeError.js'
import type { CollectionRowBlock } from '../src/databases/collectionRowBlock.js'
import { serverRecord, testClient } from './support/testClient.js'

// retypeProperty against the real emulator: every row is read, then the schema and the changed
// cells go out in one transaction, and the server holds what the client shows.

async function database(columns: Record<string, string>, rows: ReadonlyArray<Record<string, unknown>>) {
  const emu = await testEmulator({ seed: 'demo' })
  const workspace = emu.demo!
  const owner = { id: workspace.ownerId, tokenV2: workspace.ownerToken }
  const { client, log } = testClient(emu, owner)
  await client.ready
  const page = client.currentSpace!.addPage({ title: 'Retype' })
  const collection = page.children.addNew('collection_view', { title: 'R' }).collection!
  const ids: Record<string, string> = {}
  for (const [name, type] of Object.entries(columns)) ids[name] = collection.addProperty(name, type)
  const added = rows.map((props) => collection.addRow(props))
  await client.flush()
  return { emu, workspace, owner, client, log, collection, ids, rows: added }
}

type Setup = Awaited<ReturnType<typeof database>>

/** Retypes, and returns the operations of the one write it sent (failing if it sent more or none). */
async function retype(setup: Setup, key: string, type: string): Promise<Operation[]> {
  const { log, collection } = setup
  const submits = log.count('submitTransaction')
  const writes = log.writes
  await collection.retypeProperty(key, type)
  expect(log.count('submitTransaction')).toBe(submits + 1)
  expect(log.writes).toBe(writes + 1)
  return log.lastWrite()!
}

/** Cells of the property as the server stores them, in row order. */
async function serverCells(setup: Setup, propertyId: string): Promise<unknown[]> {
  const cells: unknown[] = []
  for (const row of setup.rows) {
    const stored = await serverRecord(setup.emu, setup.owner, 'block', row.id)
    cells.push((stored!['properties'] as Record<string, unknown>)[propertyId])
  }
  return cells
}

const cellWrites = (operations: Operation[], propertyId: string) =>
  operations.filter((op) => operationTarget(op).table === 'block' && op.path[0] === 'properties' && op.path[1] === propertyId)

describe('retypeProperty converts cells (one transaction, after reading every row)', () => {
  it('text → select: distinct values become options, existing options keep id and colour; unchanged rows send nothing', async () => {
    const setup = await database({ Kind: 'select' }, [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }])
    const { collection, rows, ids, client } = setup
    // A select with one coloured option, retyped to text, then filled with text.
    collection.addOption('Kind', 'Bug', 'red')
    await collection.retypeProperty('Kind', 'text')
    rows[0]!.setProp('kind', 'Bug')
    rows[1]!.setProp('kind', 'feature, extra')
    rows[2]!.setProp('kind', 'bug')
    await client.flush()
    const bugId = collection.property('Kind').options![0]!.id

    const operations = await retype(setup, 'Kind', 'select')
    expect(collection.property('Kind').type).toBe('select')
    expect(collection.property('Kind').options!.map((o) => [o.id === bugId, o.value, o.color])).toEqual([
      [true, 'Bug', 'red'],
      [false, 'feature', 'default'],
    ])
    // Schema first, then only the cells that change ('Bug' and the empty row stay as stored).
    expect(operationTarget(operations[0]!)).toMatchObject({ table: 'collection', id: collection.id })
    expect(operations[0]!.path).toEqual(['schema', ids['Kind']])
    expect(cellWrites(operations, ids['Kind']!).map((op) => operationTarget(op).id)).toEqual([rows[1]!.id, rows[2]!.id])
    expect(rows.map((row) => row.prop('kind'))).toEqual(['Bug', 'feature', 'Bug', null])
    expect(await serverCells(setup, ids['Kind']!)).toEqual([[['Bug']], [['feature']], [['Bug']], undefined])
    expect((await serverRecord(setup.emu, setup.owner, 'collection', collection.id))!['schema']).toEqual(collection.schema)
  })

  it('text → multi_select keeps every comma-separated value; → status too takes the first', async () => {
    const setup = await database({ Tags: 'text', Stage: 'text' }, [
      { name: 'a', tags: 'x, y', stage: 'Doing, Done' },
      { name: 'b', tags: 'Y,z', stage: 'done' },
    ])
    await retype(setup, 'Tags', 'multi_select')
    expect(setup.rows.map((row) => row.prop('tags'))).toEqual([['x', 'y'], ['y', 'z']])
    expect(setup.collection.property('Tags').options!.map((o) => o.value)).toEqual(['x', 'y', 'z'])
    await retype(setup, 'Stage', 'status')
    expect(setup.rows.map((row) => row.prop('stage'))).toEqual(['Doing', 'done'])
    expect(await serverCells(setup, setup.ids['Tags']!)).toEqual([[['x,y']], [['y,z']]])
  })

  it('text → number keeps numbers (normalized) and clears the rest', async () => {
    const setup = await database({ Size: 'text' }, [{ name: 'a', size: '3' }, { name: 'b', size: ' 4.50' }, { name: 'c', size: 'big' }, { name: 'd' }])
    const operations = await retype(setup, 'Size', 'number')
    expect(cellWrites(operations, setup.ids['Size']!).map((op) => [operationTarget(op).id, op.args])).toEqual([
      [setup.rows[1]!.id, [['4.5']]],
      [setup.rows[2]!.id, []],
    ])
    expect(setup.rows.map((row) => row.prop('size'))).toEqual([3, 4.5, null, null])
    expect(await serverCells(setup, setup.ids['Size']!)).toEqual([[['3']], [['4.5']], [], undefined])
  })

  it('text → checkbox: yes, true, 1, x, checked tick it; other text unticks it', async () => {
    const setup = await database({ Done: 'text' }, [{ name: 'a', done: 'Yes' }, { name: 'b', done: 'true' }, { name: 'c', done: 'x' }, { name: 'd', done: 'nope' }, { name: 'e' }])
    const operations = await retype(setup, 'Done', 'checkbox')
    expect(setup.rows.map((row) => row.prop('done'))).toEqual([true, true, true, false, false])
    // 'Yes' is already a ticked box and the empty row already reads unticked: 3 cells written.
    expect(cellWrites(operations, setup.ids['Done']!).length).toBe(3)
    expect(await serverCells(setup, setup.ids['Done']!)).toEqual([[['Yes']], [['Yes']], [['Yes']], [['No']], undefined])
  })

  it('text → date: ISO dates become date mentions, the rest is cleared', async () => {
    const setup = await database({ Due: 'text' }, [{ name: 'a', due: '2024-03-01' }, { name: 'b', due: '2024-03-01T14:15' }, { name: 'c', due: 'soon' }])
    await retype(setup, 'Due', 'date')
    expect(setup.rows.map((row) => row.prop('due'))).toEqual([
      { start: '2024-03-01', includeTime: false },
      { start: '2024-03-01T14:15', includeTime: true },
      null,
    ])
    expect(await serverCells(setup, setup.ids['Due']!)).toEqual([
      [['‣', [['d', { type: 'date', start_date: '2024-03-01' }]]]],
      [['‣', [['d', { type: 'datetime', start_date: '2024-03-01', start_time: '14:15' }]]]],
      [],
    ])
  })

  it('person, relation, date and select → text: names, page titles, a readable date, option values', async () => {
    const setup = await database({ Owner: 'person', Blocks: 'relation', Due: 'date', Kind: 'select' }, [{ name: 'First task' }, { name: 'Second, with a comma' }])
    const { rows, workspace, collection, client } = setup
    const [first, second] = rows as [CollectionRowBlock, CollectionRowBlock]
    first.setProp('owner', [workspace.ownerId, workspace.memberId])
    first.setProp('blocks', [second])
    first.setProp('due', { start: '2024-03-01T09:30', timeZone: 'Europe/Paris' })
    first.setProp('kind', 'Bug')
    second.setProp('blocks', [first])
    await client.flush()

    await retype(setup, 'Owner', 'text')
    await retype(setup, 'Blocks', 'text')
    await retype(setup, 'Due', 'text')
    const kind = await retype(setup, 'Kind', 'text')
    expect(first.prop('owner')).toBe('Ada Lovelace, Grace Hopper')
    expect(first.prop('blocks')).toBe('Second, with a comma')
    expect(second.prop('blocks')).toBe('First task')
    expect(first.prop('due')).toBe('2024-03-01 09:30 (Europe/Paris)')
    // An option value is already plain text: only the schema changes.
    expect(kind.length).toBe(1)
    expect(first.prop('kind')).toBe('Bug')
    expect(await serverCells(setup, setup.ids['Owner']!)).toEqual([[['Ada Lovelace, Grace Hopper']], undefined])
    expect(collection.property('Owner').type).toBe('text')
  })

  it('to computed types the cells are never read: no query, only the schema is written', async () => {
    const setup = await database({ Size: 'text', Link: 'text' }, [{ name: 'a', size: '3', link: 'https://example.com' }])
    const queries = setup.log.count('queryCollection')
    const operations = await retype(setup, 'Size', 'formula')
    expect(operations.length).toBe(1)
    // Text-like to text-like keeps the rich text as stored, unread too.
    const url = await retype(setup, 'Link', 'url')
    expect(url.length).toBe(1)
    expect(setup.log.count('queryCollection')).toBe(queries)
    expect(await serverCells(setup, setup.ids['Size']!)).toEqual([[['3']]])
    expect(setup.rows[0]!.prop('link')).toBe('https://example.com')
  })

  it('one transaction for the schema and every changed cell, templates included', async () => {
    const setup = await database({ Size: 'text' }, Array.from({ length: 30 }, (_, i) => ({ name: `r${i}`, size: i % 3 === 0 ? 'n/a' : ` ${i}.0` })))
    const template = setup.collection.addTemplate({ name: 't', size: '7.0' })
    await setup.client.flush()
    const operations = await retype(setup, 'Size', 'number')
    const written = cellWrites(operations, setup.ids['Size']!)
    expect(written.length).toBe(31)
    expect(written.some((op) => operationTarget(op).id === template.id)).toBe(true)
    expect(template.prop('size')).toBe(7)
    expect(setup.rows.map((row) => row.prop('size'))).toEqual(Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? null : i)))
  })

  it('number → text → number loses nothing: the server keeps every cell as it was', async () => {
    const setup = await database({ Points: 'number' }, [{ name: 'a', points: 3 }, { name: 'b', points: -0.25 }, { name: 'c', points: 1e21 }, { name: 'd' }])
    const before = await serverCells(setup, setup.ids['Points']!)
    const toText = await retype(setup, 'Points', 'text')
    expect(setup.rows.map((row) => row.prop('points'))).toEqual(['3', '-0.25', '1e+21', ''])
    const back = await retype(setup, 'Points', 'number')
    // Numbers are stored as their text: neither direction rewrote a cell.
    expect([toText.length, back.length]).toEqual([1, 1])
    expect(await serverCells(setup, setup.ids['Points']!)).toEqual(before)
    expect(setup.rows.map((row) => row.prop('points'))).toEqual([3, -0.25, 1e21, null])
  })

  it('refusals throw InvalidSchemaChangeError before anything is read or sent', async () => {
    const setup = await database({ Size: 'text' }, [{ name: 'a', size: '3' }])
    const { collection, log } = setup
    const calls = log.calls.length
    const refuse = (run: () => unknown, code: string) => {
      try {
        run()
        expect.unreachable()
      } catch (error) {
        expect(InvalidSchemaChangeError.isInvalidSchemaChangeError(error) && error.code).toBe(code)
      }
    }
    refuse(() => collection.retypeProperty('title', 'text'), 'title_property')
    refuse(() => collection.retypeProperty('Size', 'title'), 'invalid_type')
    refuse(() => collection.retypeProperty('Size', 'nonsense'), 'invalid_type')
    await setup.client.flush()
    expect(log.calls.length).toBe(calls)
  })
})

