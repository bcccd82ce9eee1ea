import { describe, expect, it } from 'vitest'
import { mergeSummaries, needsWork, NO_CHANGE, rollupSources, summarizeChanges, union, type WatchedQuery } from '../src/databases/live/changeSummary.js'
import type { CollectionSchema } from '../src/databases/properties/collectionSchema.js'
import type { ChangeOrigin, RecordChange } from '../src/store/recordChange.js'

// The change summary is a pure function: plain changes in, the kind of work out.

const rowOf = (collectionId: string, title = 'x') => ({ parent_table: 'collection', parent_id: collectionId, properties: { title: [[title]] } })

function change(table: string, id: string, origin: ChangeOrigin, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): RecordChange {
  return { table, id, origin, before, after, changes: [{ kind: 'changed_field', path: ['x'], before: 1, after: 2 }] }
}

const plainSchema: CollectionSchema = { title: { name: 'Name', type: 'title' } }
const rollupSchema: CollectionSchema = {
  title: { name: 'Name', type: 'title' },
  rel: { name: 'Projects', type: 'relation', collection_id: 'projects' },
  sum: { name: 'Hours', type: 'rollup' },
} as unknown as CollectionSchema

function watched(overrides: Partial<WatchedQuery> = {}): WatchedQuery {
  return { collectionId: 'tasks', viewId: 'view', schema: plainSchema, shown: new Set<string>(), ...overrides }
}

describe('summarizeChanges', () => {
  it('a local write to a row: the row, newer than any answer, written here', () => {
    const summary = summarizeChanges([change('block', 'r1', 'local', rowOf('tasks', 'a'), rowOf('tasks', 'b'))], watched())
    expect(summary).toEqual({ rows: new Set(['r1']), newer: new Set(['r1']), schema: false, view: false, local: true, related: false })
    expect(needsWork(summary)).toBe(true)
  })

  it("a query's own record map (refresh) names rows to re-read but is newer than nothing", () => {
    const summary = summarizeChanges([change('block', 'r1', 'refresh', undefined, rowOf('tasks'))], watched())
    expect([...summary.rows]).toEqual(['r1'])
    expect(summary.newer.size).toBe(0)
    expect(summary.local).toBe(false)
  })

  it('a row leaving the database, or a shown row that is no database row now, still counts; other blocks do not', () => {
    const leaving = change('block', 'r1', 'remote', rowOf('tasks'), rowOf('elsewhere'))
    const shown = change('block', 'r2', 'remote', { type: 'text' }, undefined)
    const other = change('block', 'b9', 'local', rowOf('elsewhere'), rowOf('elsewhere', 'y'))
    const summary = summarizeChanges([leaving, shown, other], watched({ shown: new Set(['r2']) }))
    expect([...summary.rows]).toEqual(['r1', 'r2'])
    expect([...summary.newer]).toEqual(['r1', 'r2'])
    expect(summary.local).toBe(false)
    expect(needsWork(summarizeChanges([other], watched()))).toBe(false)
  })

  it("the database's schema and the view's order: changed by a write or a fetch, not by a query's answer", () => {
    const schema = summarizeChanges([change('collection', 'tasks', 'remote', {}, { schema: {} })], watched())
    expect(schema).toMatchObject({ schema: true, view: false, local: false })
    const view = summarizeChanges([change('collection_view', 'view', 'local', {}, { page_sort: [] })], watched())
    expect(view).toMatchObject({ schema: false, view: true, local: true })
    const answered = summarizeChanges([change('collection', 'tasks', 'refresh', {}, { schema: {} })], watched())
    expect(answered.schema).toBe(false)
    expect(needsWork(answered)).toBe(false)
    const otherView = summarizeChanges([change('collection_view', 'other', 'local', {}, {})], watched())
    expect(otherView).toEqual(NO_CHANGE)
  })

  it('rows of a database the rollups read make the result "related"; rows of other databases do not', () => {
    const project = change('block', 'p1', 'remote', rowOf('projects'), rowOf('projects', 'renamed'))
    const unrelated = change('block', 'u1', 'remote', rowOf('people'), rowOf('people', 'renamed'))
    expect(summarizeChanges([project], watched({ schema: rollupSchema })).related).toBe(true)
    expect(summarizeChanges([unrelated], watched({ schema: rollupSchema })).related).toBe(false)
    // Without rollups nothing is related.
    expect(summarizeChanges([project], watched()).related).toBe(false)
  })
})

describe('rollupSources', () => {
  it("is the relations' databases, 'any' when one is not named, undefined without rollups; the same answer per schema object", () => {
    expect(rollupSources(plainSchema)).toBeUndefined()
    expect([...(rollupSources(rollupSchema) as ReadonlySet<string>)]).toEqual(['projects'])
    expect(rollupSources(rollupSchema)).toBe(rollupSources(rollupSchema))
    const unnamed = { ...rollupSchema, rel: { name: 'Projects', type: 'relation' } } as unknown as CollectionSchema
    expect(rollupSources(unnamed)).toBe('any')
    const anyRow = change('block', 'x1', 'remote', rowOf('whatever'), rowOf('whatever', 'y'))
    expect(summarizeChanges([anyRow], watched({ schema: unnamed })).related).toBe(true)
  })
})

describe('mergeSummaries', () => {
  it('unites the rows and ors the flags', () => {
    const a = summarizeChanges([change('block', 'r1', 'refresh', undefined, rowOf('tasks'))], watched())
    const b = summarizeChanges([change('block', 'r2', 'local', rowOf('tasks'), rowOf('tasks', 'z')), change('collection', 'tasks', 'remote', {}, {})], watched())
    expect(mergeSummaries(a, b)).toEqual({ rows: new Set(['r1', 'r2']), newer: new Set(['r2']), schema: true, view: false, local: true, related: false })
    expect(mergeSummaries(NO_CHANGE, NO_CHANGE)).toEqual(NO_CHANGE)
  })

  it('union copies only when both sides have members', () => {
    const some = new Set(['a'])
    const empty = new Set<string>()
    expect(union(some, empty)).toBe(some)
    expect(union(empty, some)).toBe(some)
    const both = union(some, new Set(['b']))
    expect([...both]).toEqual(['a', 'b'])
    expect([...some]).toEqual(['a'])
  })
})
