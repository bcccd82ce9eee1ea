import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import type { CalendarResult } from '../src/databases/layouts/calendarResult.js'
import type { CollectionSchema } from '../src/databases/properties/collectionSchema.js'
import { InvalidQueryError } from '../src/databases/query/invalidQueryError.js'
import { QueryBuilder } from '../src/databases/query/queryBuilder.js'
import { where } from '../src/databases/query/queryFilter.js'
import { viewDateLayout } from '../src/databases/layouts/viewDateLayout.js'
import { ViewLayoutError } from '../src/databases/layouts/viewLayoutError.js'
import type { CollectionRowBlock } from '../src/databases/collectionRowBlock.js'
import { waitFor } from './monitorSupport.js'
import { testClient } from './support/testClient.js'

const schema = {
  title: { name: 'Name', type: 'title' },
  when: { name: 'When', type: 'date' },
  ends: { name: 'Ends', type: 'date' },
  done: { name: 'Done', type: 'checkbox' },
} as const satisfies CollectionSchema

const MARCH = { from: '2024-03-01', to: '2024-03-31' }

/** A database with calendar, timeline and table views, and rows on several days of March 2024 and around it. */
async function planner() {
  const emu = await testEmulator()
  const ada = emu.createUser({ email: 'ada@example.com' })
  const { client, log } = testClient(emu, ada)
  await client.ready
  const page = client.currentSpace!.addPage({ title: 'Planning' })
  const block = page.children.addNew('collection_view', { title: 'Plans', schema })
  const collection = block.collection!
  const table = block.views.at(0)!
  const calendar = block.views.addNew('calendar')
  const timeline = block.views.addNew('timeline')
  const add = (name: string, props: Record<string, unknown> = {}) => collection.addRow({ name, ...props })
  const rows = {
    a: add('a single day', { when: '2024-03-04', ends: '2024-03-08' }),
    b: add('b three days', { when: { start: '2024-03-04', end: '2024-03-06' } }),
    c: add('c from February', { when: { start: '2024-02-27', end: '2024-03-02' } }),
    d: add('d with a time', { when: '2024-03-10T09:30' }),
    e: add('e in April', { when: '2024-04-15' }),
    f: add('f keep, February', { when: '2024-02-10' }),
    g: add('g no date'),
    h: add('h done', { when: '2024-03-31', done: true }),
    i: add('i ends in March', { when: '2024-01-01', ends: '2024-03-02' }),
  } satisfies Record<string, CollectionRowBlock>
  // The calendar's saved filter is an `or`: the window must narrow it, not become a third alternative.
  calendar.set(['query2', 'filter'], {
    operator: 'or',
    filters: [
      { property: 'done', filter: { operator: 'checkbox_is', value: { type: 'exact', value: false } } },
      { property: 'title', filter: { operator: 'string_contains', value: { type: 'exact', value: 'keep' } } },
    ],
  })
  for (const view of [calendar, timeline]) view.set(['query2', 'sort'], [{ property: 'title', direction: 'ascending' }])
  timeline.set(['query2', 'timeline_by_end'], 'ends')
  await client.flush()
  return { emu, ada, client, log, collection, table, calendar, timeline, rows }
}

const namesOf = (entries: readonly { values: Record<string, unknown> }[]) => entries.map((entry) => String(entry.values['name']).slice(0, 1))

describe('view.calendar()', () => {
  it('lays a month out by day: the server returns only the window rows the saved query keeps, ranges on each day they cover', async () => {
    const { calendar, rows, log } = await planner()
    expect(calendar.get('query2.calendar_by')).toBe('when')
    const before = log.count('queryCollection')
    const march = await calendar.calendar(MARCH)
    expect(log.count('queryCollection') - before).toBe(1)

    // What travelled: rows overlapping March that the saved `or` filter keeps. Not e (April) or f
    // (February, though "keep" matches the saved filter), g (no date), h (done).
    expect(new Set(march.result.ids)).toEqual(new Set([rows.a.id, rows.b.id, rows.c.id, rows.d.id]))
    expect(march.result.ids).toHaveLength(4)

    expect(march.property).toMatchObject({ id: 'when', name: 'When', type: 'date' })
    expect(march.propertySource).toBe('view')
    expect([march.from, march.to, march.timeZone]).toEqual(['2024-03-01', '2024-03-31', 'UTC'])
    expect(namesOf(march.entries)).toEqual(['a', 'b', 'c', 'd'])
    expect([...march.days.keys()]).toEqual(['2024-03-01', '2024-03-02', '2024-03-04', '2024-03-05', '2024-03-06', '2024-03-10'])
    expect(namesOf(march.on('2024-03-01'))).toEqual(['c'])
    expect(namesOf(march.on('2024-03-04'))).toEqual(['a', 'b'])
    expect(namesOf(march.on('2024-03-06'))).toEqual(['b'])
    expect(march.on('2024-03-03')).toEqual([])

    const [a, b, c, d] = march.entries as [CalendarResult['entries'][number], CalendarResult['entries'][number], CalendarResult['entries'][number], CalendarResult['entries'][number]]
    expect(a).toMatchObject({ id: rows.a.id, startDay: '2024-03-04', endDay: '2024-03-04', multiDay: false, date: { start: '2024-03-04', includeTime: false } })
    expect(a.row.id).toBe(rows.a.id)
    expect(b).toMatchObject({ startDay: '2024-03-04', endDay: '2024-03-06', multiDay: true, date: { start: '2024-03-04', end: '2024-03-06' } })
    // One object per row, listed on each of its days.
    expect(march.on('2024-03-05')[0]).toBe(b)
    // A range from February appears on the window's days it covers, and keeps its own start.
    expect(c).toMatchObject({ startDay: '2024-02-27', endDay: '2024-03-02', multiDay: true })
    expect(d).toMatchObject({ startDay: '2024-03-10', multiDay: false, date: { start: '2024-03-10T09:30', includeTime: true } })
  })

  it('a one-day window returns only the rows on that day, ranges covering it included', async () => {
    const { calendar, rows } = await planner()
    const day = await calendar.calendar({ from: '2024-03-05', to: '2024-03-05' })
    expect(day.result.ids).toEqual([rows.b.id])
    expect([...day.days.keys()]).toEqual(['2024-03-05'])
  })

  it('reads Date bounds as days in the time zone', async () => {
    const { calendar, rows } = await planner()
    // 02:00 UTC on March 1st is still February 29th in Los Angeles.
    const result = await calendar.calendar({ from: new Date('2024-03-01T02:00:00Z'), to: new Date('2024-03-01T02:00:00Z'), timeZone: 'America/Los_Angeles' })
    expect([result.from, result.to]).toEqual(['2024-02-29', '2024-02-29'])
    expect(result.result.ids).toEqual([rows.c.id])
  })

  it('calendar$ emits again when a row’s date moves into the window, keeping the entries of unchanged rows', async () => {
    const { calendar, rows, client } = await planner()
    const emissions: CalendarResult[] = []
    const subscription = calendar.calendar$({ ...MARCH, debounceMs: 20 }).subscribe((result) => emissions.push(result))
    await waitFor(() => emissions.length === 1, 'first calendar')
    expect(namesOf(emissions[0]!.entries)).toEqual(['a', 'b', 'c', 'd'])

    rows.e.setProp('when', '2024-03-20')
    await client.flush()
    const moved = await waitFor(() => emissions.find((result) => result.on('2024-03-20').length > 0), 'e on March 20th')
    expect(namesOf(moved.on('2024-03-20'))).toEqual(['e'])
    expect(moved.result.ids).toContain(rows.e.id)
    expect(moved.entries.find((entry) => entry.id === rows.a.id)).toBe(emissions[0]!.entries[0])

    // And leaves it when the date moves out again.
    rows.b.setProp('when', '2024-05-01')
    await waitFor(() => !emissions.at(-1)!.result.ids.includes(rows.b.id), 'b gone')
    expect(emissions.at(-1)!.on('2024-03-05')).toEqual([])
    subscription.unsubscribe()
  })

  it('refuses a view of another type, and bad windows, before anything is sent', async () => {
    const { table, timeline, calendar, log } = await planner()
    const before = log.count('queryCollection')
    const wrong = await table.calendar(MARCH).catch((error: unknown) => error)
    expect(ViewLayoutError.isViewLayoutError(wrong)).toBe(true)
    expect(wrong).toMatchObject({ code: 'wrong_view_type', viewType: 'table', expected: 'calendar', viewId: table.id })
    expect((wrong as Error).message).toMatch(/is a table view; calendar\(\) needs a calendar view/)
    await expect(timeline.calendar(MARCH)).rejects.toMatchObject({ name: 'ViewLayoutError', viewType: 'timeline' })
    await expect(calendar.timeline()).rejects.toMatchObject({ code: 'wrong_view_type', viewType: 'calendar', expected: 'timeline' })
    expect(() => table.calendar$(MARCH)).toThrow(ViewLayoutError)

    await expect(calendar.calendar({ from: '2024-03-31', to: '2024-03-01' })).rejects.toThrow(/"from" \(2024-03-31\) is after "to"/)
    await expect(calendar.calendar({ from: 'March 1st', to: '2024-03-31' })).rejects.toMatchObject({ code: 'invalid_option' })
    await expect(calendar.calendar({ from: '2024-03-01' } as never)).rejects.toThrow(InvalidQueryError)
    await expect(calendar.calendar(undefined as never)).rejects.toThrow(/Expected \{ from, to \} days, got undefined/)
    await expect(calendar.calendar({ ...MARCH, timeZone: 'Mars/Olympus' })).rejects.toThrow(/Unknown time zone/)
    expect(log.count('queryCollection')).toBe(before)
  })

  it('a calendar made before the database had a date property uses the first one; none at all is a typed error', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const { client } = testClient(emu, ada)
    await client.ready
    const block = client.currentSpace!.addPage({ title: 'P' }).children.addNew('collection_view', { title: 'Notes', schema: { title: { name: 'Name', type: 'title' } } })
    const view = block.views.addNew('calendar')
    await client.flush()
    expect(view.get('query2.calendar_by')).toBeUndefined()
    await expect(view.calendar(MARCH)).rejects.toMatchObject({ code: 'no_date_property', expected: 'calendar' })

    const collection = block.collection!
    collection.addProperty('Due', 'date')
    const row = collection.addRow({ name: 'x', due: '2024-03-02' })
    await client.flush()
    const march = await view.calendar(MARCH)
    expect(march.propertySource).toBe('schema')
    expect(march.property.name).toBe('Due')
    expect(march.result.ids).toEqual([row.id])
    expect(namesOf(march.on('2024-03-02'))).toEqual(['x'])
  })
})

describe('view.timeline()', () => {
  it('bars from timeline_by to timeline_by_end sorted by start, undated rows apart, only the window travelling', async () => {
    const { timeline, rows } = await planner()
    expect(timeline.get('query2.timeline_by')).toBe('when')
    const march = await timeline.timeline(MARCH)
    expect(march.property.id).toBe('when')
    expect(march.endProperty?.id).toBe('ends')
    // i starts in January but its end property reaches March; e (April) and f (February) stay on the server.
    expect(new Set(march.result.ids)).toEqual(new Set([rows.a.id, rows.b.id, rows.c.id, rows.d.id, rows.g.id, rows.h.id, rows.i.id]))
    expect(march.entries.map((entry) => [String(entry.values['name']).slice(0, 1), entry.start, entry.end])).toEqual([
      ['i', '2024-01-01', '2024-03-02'],
      ['c', '2024-02-27', '2024-03-02'],
      ['a', '2024-03-04', '2024-03-08'],
      ['b', '2024-03-04', '2024-03-06'],
      ['d', '2024-03-10T09:30', '2024-03-10T09:30'],
      ['h', '2024-03-31', '2024-03-31'],
    ])
    const a = march.entries[2]!
    expect(a).toMatchObject({ multiDay: true, startDay: '2024-03-04', endDay: '2024-03-08', date: { start: '2024-03-04' }, endDate: { start: '2024-03-08' } })
    expect(march.entries[3]!.endDate).toBeUndefined()
    expect(march.undated.map((row) => row.id)).toEqual([rows.g.id])
  })

  it('without a window: every row, and the live form follows a date change', async () => {
    const { timeline, rows } = await planner()
    const all = await timeline.timeline()
    expect(all.entries.map((entry) => entry.id)).toEqual([rows.i.id, rows.f.id, rows.c.id, rows.a.id, rows.b.id, rows.d.id, rows.h.id, rows.e.id])
    expect(all.undated.map((row) => row.id)).toEqual([rows.g.id])

    const emissions: Awaited<ReturnType<typeof timeline.timeline>>[] = []
    const subscription = timeline.timeline$({ to: '2024-02-28', debounceMs: 20 }).subscribe((result) => emissions.push(result))
    await waitFor(() => emissions.length === 1, 'first timeline')
    expect(emissions[0]!.entries.map((entry) => entry.id)).toEqual([rows.i.id, rows.f.id, rows.c.id])
    rows.g.setProp('when', '2024-01-15')
    const dated = await waitFor(() => emissions.find((result) => result.undated.length === 0), 'g dated')
    expect(dated.entries.map((entry) => entry.id)).toEqual([rows.i.id, rows.g.id, rows.f.id, rows.c.id])
    subscription.unsubscribe()
  })
})

describe('calendar building blocks', () => {
  it('viewDateLayout: query2, the legacy query.calendar_by, and the schema fallback for missing or deleted properties', () => {
    const view = (extra: Record<string, unknown>) => ({ id: 'v', type: 'calendar', ...extra })
    expect(viewDateLayout(view({ query2: { calendar_by: 'ends' } }), schema, 'calendar')).toMatchObject({ property: { id: 'ends' }, source: 'view' })
    expect(viewDateLayout(view({ query: { calendar_by: 'ends' } }), schema, 'calendar')).toMatchObject({ property: { id: 'ends' }, source: 'view' })
    expect(viewDateLayout(view({ query2: { calendar_by: 'gone' } }), schema, 'calendar')).toMatchObject({ property: { id: 'when' }, source: 'schema' })
    // A property retyped to text no longer lays anything out.
    expect(viewDateLayout(view({ query2: { calendar_by: 'title' } }), schema, 'calendar').property.id).toBe('when')
    const formula = { ...schema, fx: { name: 'Next', type: 'formula', formula: { result_type: 'date' } } } as CollectionSchema
    expect(viewDateLayout(view({ query2: { calendar_by: 'fx' } }), formula, 'calendar').property.id).toBe('fx')
    const timelineLayout = viewDateLayout({ id: 't', type: 'timeline', query2: { timeline_by: 'when', timeline_by_end: 'when' } }, schema, 'timeline')
    expect(timelineLayout.endProperty).toBeUndefined()
  })

  it('QueryBuilder.narrow keeps a saved `or` apart from the filters every row must match', () => {
    const builder = new QueryBuilder(schema).where('done', 'checkbox_is', false).where('name', 'string_contains', 'keep').matchAny()
    const narrowed = builder.narrow(where('when', 'date_is_on_or_before', '2024-03-31'))
    expect(narrowed.filterGroup).toEqual({
      operator: 'and',
      filters: [
        { operator: 'or', filters: builder.filterGroup!.filters },
        { property: 'when', filter: { operator: 'date_is_on_or_before', value: { type: 'exact', value: { type: 'date', start_date: '2024-03-31' } } } },
      ],
    })
    // An `and` query just gains the filter.
    expect(new QueryBuilder(schema).where('done', 'checkbox_is', true).narrow(where('when', 'is_empty')).filterGroup!.filters).toHaveLength(2)
  })
})
