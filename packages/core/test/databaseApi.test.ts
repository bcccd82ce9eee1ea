import { describe, expect, expectTypeOf, it } from 'vitest'
import * as core from './support/allEntries.js'
import type { Collection, CollectionQuery, CollectionRowBlock, CollectionView, CollectionViewBlock, PageBlock, QueryResult } from '../src/index.js'

describe('databases public API', () => {
  it('exports the database objects, queries and errors from the package index', () => {
    for (const name of [
      'Collection', 'CollectionView', 'CollectionViews', 'NEW_VIEW_TYPES', 'CollectionQuery', 'builderFromOptions', 'runQuery',
      'rowProperties', 'InvalidSchemaChangeError', 'INVALID_SCHEMA_CHANGE_CODES', 'OPTION_COLORS',
    ]) {
      expect((core as Record<string, unknown>)[name], name).toBeDefined()
    }
  })

  it('types: addNew props for databases, row accessors, query results', () => {
    const page = undefined as unknown as PageBlock
    expectTypeOf(() => page.children.addNew('collection_view', { title: 'x', schema: {} })).returns.toEqualTypeOf<CollectionViewBlock>()
    // @ts-expect-error a database title is a string
    void (() => page.children.addNew('collection_view', { title: 3 }))
    const cvb = undefined as unknown as CollectionViewBlock
    expectTypeOf(() => cvb.collection).returns.toEqualTypeOf<Collection | undefined>()
    expectTypeOf(() => cvb.views.addNew('board')).returns.toEqualTypeOf<CollectionView>()
    // @ts-expect-error not a view type addNew creates
    void (() => cvb.views.addNew('chart'))
    const collection = undefined as unknown as Collection
    expectTypeOf(() => collection.addRow({ title: 'x' })).returns.toEqualTypeOf<CollectionRowBlock>()
    expectTypeOf(() => collection.query({ sort: 'name' })).returns.toEqualTypeOf<CollectionQuery>()
    expectTypeOf(() => collection.query().execute()).returns.resolves.toEqualTypeOf<QueryResult>()
    const row = undefined as unknown as CollectionRowBlock
    expectTypeOf(() => row.setProp('x', 1)).returns.toEqualTypeOf<Promise<void>>()
  })
})
