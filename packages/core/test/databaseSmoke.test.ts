import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import type { CollectionSchema } from '../src/databases/properties/collectionSchema.js'
import { where } from '../src/databases/query/queryFilter.js'
import { Collection } from '../src/databases/collection.js'
import { CollectionView } from '../src/databases/collectionView.js'
import { CollectionViewBlock } from '../src/databases/databaseBlocks.js'
import { CollectionRowBlock } from '../src/databases/collectionRowBlock.js'
import { serverRecord, testClient } from './support/testClient.js'

/** notion-py's smoke-test schema (`notion/smoke_test.py`) plus every other writable and computed type. */
const SCHEMA = {
  title: { name: 'Name', type: 'title' },
  '%9:q': { name: "Check Yo'self", type: 'checkbox' },
  '=d{|': {
    name: 'Tags',
    type: 'multi_select',
    options: [
      { color: 'orange', id: '79560dab-c776-43d1-9420-27f4011fcaec', value: 'A' },
      { color: 'default', id: '002c7016-ac57-413a-90a6-64afadfb0c44', value: 'B' },
    ],
  },
  '=d{q': {
    name: 'Category',
    type: 'select',
    options: [
      { color: 'orange', id: '59560dab-c776-43d1-9420-27f4011fcaec', value: 'A' },
      { color: 'default', id: '502c7016-ac57-413a-90a6-64afadfb0c44', value: 'B' },
    ],
  },
  'LL[(': { name: 'Person', type: 'person' },
  '4Jv$': { name: 'Estimated value', type: 'number' },
  OBcJ: { name: 'Where to?', type: 'url' },
  'TwR:': { name: 'Some Date', type: 'date' },
  'dV$q': { name: 'Files', type: 'file' },
  txt1: { name: 'Notes', type: 'text' },
  mail: { name: 'Email', type: 'email' },
  tel1: { name: 'Phone', type: 'phone_number' },
  rel1: { name: 'Related', type: 'relation' },
  st01: { name: 'Status', type: 'status', options: [{ id: 'st-todo', value: 'To do', color: 'red' }] },
  ct01: { name: 'Created', type: 'created_time' },
  cb01: { name: 'Creator', type: 'created_by' },
  fx01: { name: 'Double', type: 'formula', formula: { type: 'operator', operator: '*', name: 'multiply', result_type: 'number', args: [{ type: 'property', id: '4Jv$', name: 'Estimated value', result_type: 'number' }, { type: 'constant', value_type: 'number', value: '2', result_type: 'number' }] } },
} satisfies CollectionSchema

const JPG = 'https://www.birdlife.org/sites/default/files/styles/1600/public/slide.jpg'

describe("notion-py's database smoke test (the database steps of `smoke_test.py`) in notion-rx's API", () => {
  it('creates a database, writes every property (clearing included), queries, searches, aggregates, filters, sorts, round-trips dates', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const owner = { id: emu.demo!.ownerId, tokenV2: emu.demo!.ownerToken }
    const { client } = testClient(emu, owner)
    await client.ready
    const page = client.currentSpace!.addPage({ title: 'Smoke test' })

    // 14. A database block with a new collection (schema, title) and a table view.
    const cvb = page.children.addNew('collection_view', { schema: SCHEMA, title: 'My data!' })
    expect(cvb).toBeInstanceOf(CollectionViewBlock)
    const collection = cvb.collection!
    expect(collection).toBeInstanceOf(Collection)
    expect(collection.name).toBe('My data!')
    expect(cvb.title).toBe('My data!')
    expect(cvb.views.length).toBe(1)
    const view = cvb.views.at(0)!
    expect(view).toBeInstanceOf(CollectionView)
    expect(view.type).toBe('table')
    expect(view.collection?.id).toBe(collection.id)
    // Columns in schema order (notion-py #265).
    expect((view.get('format.table_properties') as { property: string }[]).map((p) => p.property)).toEqual(Object.keys(SCHEMA))
    const specialCode = 'c0ffee42'

    // 15. Row 1: every property, including clearing.
    const row1 = collection.addRow()
    expect(row1).toBeInstanceOf(CollectionRowBlock)
    expect(row1.props['person']).toEqual([])
    row1.props['name'] = 'Just some data'
    row1.setProp('title', `Can reference 'title' field too! ${specialCode}`)
    expect(row1.prop('name')).toBe(row1.prop('title'))
    row1.props['checkYoSelf'] = true
    row1.setProp('estimatedValue', null)
    expect(row1.prop('estimatedValue')).toBeNull()
    row1.setProp('estimatedValue', 42)
    row1.set('files', [JPG])
    for (const tags of [null, [], ['A', 'C']]) row1.setProp('tags', tags)
    row1.setProp('whereTo', 'https://learningequality.org')
    for (const category of ['A', '', null, 'B']) row1.setProp('category', category)
    row1.setProp('someDate', {
      start: '2020-01-01T09:30',
      end: '2020-01-05T20:45',
      timeZone: 'America/Los_Angeles',
      reminder: { unit: 'minute', value: 30 },
    })
    row1.setProp('Notes', 'plain note')
    row1.setProp('email', 'a@b.c')
    row1.setProp('phone', '+1 555 0100')
    row1.setProp('related', [page.id])
    row1.setProp('status', 'Done')
    expect(row1.properties).toMatchObject({
      name: `Can reference 'title' field too! ${specialCode}`,
      checkYoSelf: true,
      estimatedValue: 42,
      tags: ['A', 'C'],
      category: 'B',
      whereTo: 'https://learningequality.org',
      files: [{ name: 'slide.jpg', url: JPG }],
      notes: 'plain note',
      email: 'a@b.c',
      phone: '+1 555 0100',
      related: [page.id],
      status: 'Done',
      double: 84,
    })

    // 16. Row 2 with the current user.
    const me = client.currentUser!
    const row2 = collection.addRow({ person: me, title: 'Metallic penguins' })
    expect(row2.prop('person')).toEqual([me.id])
    expect(row2.prop('name')).toBe('Metallic penguins')
    Object.assign(row2.props, { checkYoSelf: false, estimatedValue: 22, files: [JPG], tags: ['A', 'B'], whereTo: 'https://x.y', category: 'C' })
    await client.flush()

    // 17. New options appended; existing options keep their ids.
    const stored = (await serverRecord(emu, owner, 'collection', collection.id))!['schema'] as CollectionSchema
    expect(stored['=d{|']!.options!.map((o) => o.value)).toEqual(['A', 'B', 'C'])
    expect(stored['=d{q']!.options!.map((o) => o.value)).toEqual(['A', 'B', 'C'])
    expect(stored['=d{|']!.options![0]!.id).toBe('79560dab-c776-43d1-9420-27f4011fcaec')
    expect(stored['=d{q']!.options![0]!.id).toBe('59560dab-c776-43d1-9420-27f4011fcaec')
    expect(stored['st01']!.options!.map((o) => o.value)).toEqual(['To do', 'Done'])

    // 18. The view's default query: both rows, in the order they were added (page_sort).
    const all = await view.defaultQuery().execute()
    expect(all.ids).toEqual([row1.id, row2.id])
    expect(all.rows[0]!.equals(row1)).toBe(true)

    // 19. getRows({ search }).
    const bySpecial = await collection.getRows({ search: specialCode })
    expect(bySpecial.map((row) => row.id)).toEqual([row1.id])
    const byPenguins = await collection.getRows({ search: 'penguins' })
    expect(byPenguins.map((row) => row.id)).toEqual([row2.id])

    // 20. client.search finds the rows too.
    expect((await client.search(specialCode)).map((block) => block.id)).toContain(row1.id)
    expect((await client.search('penguins')).map((block) => block.id)).not.toContain(row1.id)

    // 21. Sum aggregate.
    const summed = await view.query({ aggregations: [{ property: 'estimated_value', aggregator: 'sum', id: 'total_value' }] }).execute()
    expect(summed.aggregate('total_value')).toBe(64)

    // 22. person_does_not_contain the current user.
    const notMine = await view.query({ filter: where('person', 'person_does_not_contain', me) }).execute()
    expect(notMine.ids).toEqual([row1.id])
    // ...also in notion-py's wire form.
    const wire = await view
      .query({ filter: { operator: 'and', filters: [{ property: 'person', filter: { operator: 'person_does_not_contain', value: { type: 'exact', value: { table: 'notion_user', id: me.id } } } }] } })
      .execute()
    expect(wire.ids).toEqual([row1.id])

    // 23. Sort by estimated value.
    const sorted = await view.query({ sort: [{ direction: 'ascending', property: 'estimated_value' }] }).execute()
    expect(sorted.ids).toEqual([row2.id, row1.id])

    // 24. The date round-trips exactly through the server.
    await row1.refresh()
    const { client: fresh } = testClient(emu, owner)
    const again = (await fresh.getCollection(collection.id)).query()
    const reread = (await again.execute()).rows.find((row) => row.id === row1.id)!
    expect(reread.prop('someDate')).toEqual({
      start: '2020-01-01T09:30',
      end: '2020-01-05T20:45',
      includeTime: true,
      timeZone: 'America/Los_Angeles',
      reminder: { unit: 'minute', value: 30 },
    })
    expect(reread.properties).toEqual(row1.properties)
  })
})
