import { describe, expect, it } from 'vitest'
import {
  PAGE_CHUNK_MAX_LIMIT,
  getPublicPageDataResponseSchema,
  loadCachedPageChunkV2RequestSchema,
  loadCachedPageChunkV2ResponseSchema,
  loadPageChunkRequestSchema,
  pageChunkCursorSchema,
} from '../src/index.js'

describe('page chunk schemas', () => {
  it('accepts limits 1..100 only, as the real API since 2021-03', () => {
    const body = (limit: unknown) => ({ pageId: 'p', limit, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false })
    expect(PAGE_CHUNK_MAX_LIMIT).toBe(100)
    expect(loadPageChunkRequestSchema.safeParse(body(100)).success).toBe(true)
    expect(loadPageChunkRequestSchema.safeParse(body(1)).success).toBe(true)
    for (const limit of [101, 0, -1, 2.5, '30', 100000]) {
      expect(loadPageChunkRequestSchema.safeParse(body(limit)).success, String(limit)).toBe(false)
    }
  })

  it('reads cursor frames with and without spaceId, keeping unknown fields', () => {
    const cursor = { stack: [[{ table: 'block', id: 'p', index: 10, spaceId: 's', extra: 1 }], [{ table: 'block', id: 'q', index: 0 }]] }
    expect(pageChunkCursorSchema.parse(cursor)).toEqual(cursor)
    expect(pageChunkCursorSchema.safeParse({ stack: [[{ table: 'block', id: 'p', index: -1 }]] }).success).toBe(false)
    expect(pageChunkCursorSchema.safeParse({ stack: [{ table: 'block', id: 'p', index: 0 }] }).success).toBe(false)
  })

  it('takes the V2 scraper body (page and cursor only) and a null cursor in answers', () => {
    expect(loadCachedPageChunkV2RequestSchema.safeParse({ page: { id: 'p' }, cursor: { stack: [] }, verticalColumns: false }).success).toBe(true)
    expect(loadCachedPageChunkV2RequestSchema.safeParse({ page: { id: 'p' }, omitExistingRecordVersions: [{ table: 'block' }] }).success).toBe(false)
    const answer = loadCachedPageChunkV2ResponseSchema.parse({ cursors: [], cursor: null, recordMap: { __version__: 3 }, spaceId: 's' })
    expect(answer.cursor).toBeNull()
    // Servers that send only `cursor` (clients read `cursor ?? cursors[0]`) are accepted too.
    expect(loadCachedPageChunkV2ResponseSchema.safeParse({ cursor: { stack: [] }, recordMap: {} }).success).toBe(true)
    expect(loadCachedPageChunkV2ResponseSchema.safeParse({ cursors: 'none', recordMap: {} }).success).toBe(false)
  })

  it('accepts the bare answer about a private page', () => {
    expect(getPublicPageDataResponseSchema.parse({ publicAccessRole: 'none' })).toEqual({ publicAccessRole: 'none' })
    expect(getPublicPageDataResponseSchema.safeParse({ spaceId: 's' }).success).toBe(false)
  })
})
