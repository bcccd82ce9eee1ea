import { describe, expect, expectTypeOf, it } from 'vitest'
import * as protocol from '../src/index.js'
import {
  BLOCK_TYPES,
  PROPERTY_TYPES,
  RECORD_SCHEMAS,
  RECORD_TABLES,
  blockValueSchema,
  formatIssuePath,
  isKnownBlockType,
  isKnownPropertyType,
  parseRecordValue,
} from '../src/index.js'
import type { BlockValue, CollectionValue, RecordValueOf } from '../src/index.js'

const spaceId = 'bc202e06-6caa-4e3f-81eb-f226ab5deef7'
const userId = 'bb760e2d-d679-4b64-b2a9-03005b21870a'

/** Literal values of docs/protocol.md#record-fields (KJK's recordings, 2022-06-29) and NAA shapes for the rest. */
const samples: Record<(typeof RECORD_TABLES)[number], Record<string, unknown>> = {
  block: {
    alive: true,
    content: ['d8013b80-804e-4d49-a9dc-1bdc72f337b2'],
    copied_from: '92dd7aed-f1bb-4121-aaa8-986735df3d13',
    created_by: userId,
    created_by_id: userId,
    created_by_table: 'notion_user',
    created_time: 1570094319745,
    format: {
      copied_from_pointer: { id: '92dd7aed-f1bb-4121-aaa8-986735df3d13', spaceId, table: 'block' },
      page_full_width: true,
      page_small_text: true,
    },
    id: '44f1a38e-efe9-4336-907c-7576ef4dd19b',
    last_edited_by: userId,
    last_edited_by_id: userId,
    last_edited_by_table: 'notion_user',
    last_edited_time: 1570094580000,
    parent_id: '0367c2db-381a-4f8b-9ce3-60f388a6b2e3',
    parent_table: 'block',
    properties: { title: [['Test table no title']] },
    permissions: [
      { role: 'editor', type: 'user_permission', user_id: userId },
      { added_timestamp: 1624230732521, allow_duplicate: false, role: 'reader', type: 'public_permission' },
      {
        bot_id: '5e1d2f6a-0000-4000-8000-000000000000',
        role: { insert_content: true, read_content: true, update_content: true },
        type: 'bot_permission',
      },
      { role: 'reader', type: 'space_permission' },
      { role: 'editor', type: 'some_future_permission', whatever: 1 },
    ],
    space_id: spaceId,
    type: 'page',
    version: 33,
  },
  collection: {
    alive: true,
    format: { collection_page_properties: [{ property: "nJ'H", visible: true }] },
    id: '8aabb485-aa07-4483-8bb8-c9f4721a1d87',
    migrated: true,
    name: [['This is a table']],
    parent_id: 'ecc041fd-347a-4eab-a43d-f2ae5c1831b8',
    parent_table: 'block',
    schema: {
      '8#gA': { name: 'Numbers', number_format: 'number_with_commas', type: 'number' },
      "nJ'H": {
        name: 'Tags',
        options: [{ color: 'pink', id: '1fb14fd5-03fe-43ce-9cea-f322b9f88752', value: 'tag1' }],
        type: 'multi_select',
      },
      title: { name: 'Name', type: 'title' },
      newP: { name: 'Fancy', type: 'some_future_type', extra: { a: 1 } },
    },
    space_id: spaceId,
    version: 19,
  },
  collection_view: {
    alive: true,
    format: { table_properties: [{ property: 'title', visible: true, width: 276 }], table_wrap: true },
    id: 'ce153600-a525-439e-bd3f-9b0ecec7847b',
    name: 'Default View',
    page_sort: ['1cebea13-42da-4445-a10a-7f3a014adf4f'],
    parent_id: 'ecc041fd-347a-4eab-a43d-f2ae5c1831b8',
    parent_table: 'block',
    query2: {
      aggregate: [{ aggregation_type: 'count', id: 'count', property: 'title', type: 'title', view_type: 'table' }],
      aggregations: [{ aggregator: 'count', property: 'title' }],
    },
    space_id: spaceId,
    type: 'table',
    version: 6,
  },
  space: {
    beta_enabled: false,
    created_by_id: userId,
    created_by_table: 'notion_user',
    created_time: 1537253154666,
    disable_export: false,
    icon: 'https://s3-us-west-2.amazonaws.com/public.notion-static.com/x/head-bw-sq-120.png',
    id: spaceId,
    invite_link_enabled: false,
    last_edited_time: 1652978220000,
    name: 'Main',
    pages: ['381f674e-a6ce-4131-9d98-90967b1d3c14'],
    permissions: [{ role: 'editor', type: 'user_permission', user_id: userId }],
    plan_type: 'personal',
    version: 346,
  },
  space_view: {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    version: 12,
    space_id: spaceId,
    parent_id: userId,
    parent_table: 'user_root',
    alive: true,
    bookmarked_pages: ['381f674e-a6ce-4131-9d98-90967b1d3c14'],
    notify_mobile: true,
    notify_desktop: true,
    notify_email: false,
    visited_templates: [],
    sidebar_hidden_templates: [],
  },
  space_user: { user_id: userId, space_id: spaceId, membership_type: 'member', version: 3 },
  notion_user: {
    clipper_onboarding_completed: true,
    email: 'kkowalczyk@gmail.com',
    family_name: 'Kowalczyk',
    given_name: 'Krzysztof',
    id: userId,
    mobile_onboarding_completed: true,
    name: 'Krzysztof Kowalczyk',
    onboarding_completed: true,
    profile_photo: 'https://s3-us-west-2.amazonaws.com/public.notion-static.com/x/head.png',
    version: 343,
  },
  user_root: {
    id: userId,
    version: 80,
    space_views: ['a1b2c3d4-0000-4000-8000-000000000001'],
    left_spaces: [],
    space_view_pointers: [{ id: 'a1b2c3d4-0000-4000-8000-000000000001', table: 'space_view', spaceId }],
  },
  user_settings: {
    id: userId,
    version: 5,
    settings: { locale: 'en-US', time_zone: 'Europe/Warsaw', persona: 'personal', signup_time: 1537253154666 },
  },
  discussion: {
    comments: ['75ba0982-ecfb-4c2f-9b6c-1fb18f941824'],
    context: [['This is a sub-sub-header']],
    id: '755a0bcc-4e8b-41e6-b56c-6c7389c4a1e8',
    parent_id: 'eee1a03e-7f07-4499-bff7-5e2f1396f76a',
    parent_table: 'block',
    resolved: false,
    space_id: spaceId,
    version: 1,
  },
  comment: {
    alive: true,
    created_by_id: userId,
    created_by_table: 'notion_user',
    created_time: 1554788100000,
    id: '75ba0982-ecfb-4c2f-9b6c-1fb18f941824',
    last_edited_time: 1554788100000,
    parent_id: '755a0bcc-4e8b-41e6-b56c-6c7389c4a1e8',
    parent_table: 'discussion',
    space_id: spaceId,
    text: [['a comment']],
    version: 4,
  },
}

function issuesOf(table: string, value: unknown): string[] {
  const result = parseRecordValue(table, value)
  return result.ok ? [] : result.issues
}

describe('record schemas', () => {
  it('has a schema for every known table', () => {
    expect(Object.keys(RECORD_SCHEMAS).sort()).toEqual([...RECORD_TABLES].sort())
  })

  it.each(Object.entries(samples))('%s: the protocol.md sample parses and round-trips', (table, value) => {
    const withExtra = { ...value, field_from_the_future: { nested: [1, 'two'] } }
    const result = parseRecordValue(table, structuredClone(withExtra))
    expect(result).toStrictEqual({ ok: true, value: withExtra })
  })

  it('names the path of each problem', () => {
    expect(issuesOf('block', { ...samples.block, version: 'x' })).toEqual([
      'version: Invalid input: expected number, received string',
    ])
    expect(issuesOf('block', { id: 'b', version: 1 })).toEqual([
      'type: Invalid input: expected string, received undefined',
    ])
    expect(issuesOf('block', { ...samples.block, properties: { title: [['ok'], ['bad', [['b', 'x']]]] } })).toEqual([
      'properties.title[1][1][0]: Too big: expected array to have <=1 items',
    ])
    expect(issuesOf('block', { ...samples.block, format: { page_full_width: 'yes' } })).toEqual([
      'format.page_full_width: Invalid input: expected boolean, received string',
    ])
    expect(
      issuesOf('block', { ...samples.block, permissions: [{ role: 'editor', type: 'user_permission' }] }),
    ).toEqual(['permissions[0].user_id: Invalid input: expected string, received undefined'])
    expect(
      issuesOf('collection', {
        ...samples.collection,
        schema: { '8#gA': { name: 'Tags', type: 'select', options: [{ id: 'o', value: 3 }] } },
      }),
    ).toEqual(['schema["8#gA"].options[0].value: Invalid input: expected string, received number'])
    expect(issuesOf('collection_view', { ...samples.collection_view, page_sort: 'x' })).toEqual([
      'page_sort: Invalid input: expected array, received string',
    ])
    expect(issuesOf('comment', 'not an object')).toEqual([
      '(root): Invalid input: expected object, received string',
    ])
  })

  it('reports every problem of a value, not only the first', () => {
    expect(issuesOf('discussion', { id: 1, version: 1, resolved: 'no' })).toEqual([
      'id: Invalid input: expected string, received number',
      'resolved: Invalid input: expected boolean, received string',
    ])
  })

  it('passes values of tables without a schema as they are', () => {
    const value = { anything: [1, 2, 3] }
    const result = parseRecordValue('automation', value)
    expect(result).toEqual({ ok: true, value })
    if (result.ok) expect(result.value).toBe(value)
  })

  it('accepts unknown block types and keeps their fields', () => {
    const value = { id: 'b', version: 1, type: 'ai_block', properties: { title: [['x']] }, ai: { model: 'y' } }
    expect(blockValueSchema.parse(value)).toEqual(value)
    expect(isKnownBlockType('ai_block')).toBe(false)
    expect(isKnownBlockType('transclusion_reference')).toBe(true)
  })

  it('formats paths', () => {
    expect(formatIssuePath([])).toBe('(root)')
    expect(formatIssuePath(['properties', 'title', 0, 1])).toBe('properties.title[0][1]')
    expect(formatIssuePath(['schema', "nJ'H", 'name'])).toBe('schema["nJ\'H"].name')
  })
})

describe('type lists', () => {
  it('knows every block type of notion-types, notion-py and protocol.md', () => {
    const expected = [
      'page', 'text', 'header', 'sub_header', 'sub_sub_header', 'header_4', 'bulleted_list', 'numbered_list',
      'to_do', 'toggle', 'quote', 'callout', 'code', 'divider', 'equation', 'image', 'video', 'audio', 'file',
      'pdf', 'bookmark', 'embed', 'codepen', 'figma', 'gist', 'maps', 'drive', 'tweet', 'typeform',
      'excalidraw', 'miro', 'replit', 'framer', 'loom', 'invision', 'collection_view', 'collection_view_page',
      'column_list', 'column', 'table_of_contents', 'breadcrumb', 'factory', 'template', 'copy_indicator',
      'link_to_page', 'link_to_collection', 'alias', 'transclusion_container', 'transclusion_reference',
      'table', 'table_row', 'external_object_instance', 'button', 'tab', 'form',
    ]
    expect([...BLOCK_TYPES].sort()).toEqual([...expected].sort())
    expect(new Set(BLOCK_TYPES).size).toBe(BLOCK_TYPES.length)
  })

  it('knows the collection property types', () => {
    for (const type of ['title', 'status', 'rollup', 'auto_increment_id', 'button', 'verification', 'location']) {
      expect(isKnownPropertyType(type)).toBe(true)
    }
    expect(new Set(PROPERTY_TYPES).size).toBe(PROPERTY_TYPES.length)
    expect(isKnownPropertyType('nope')).toBe(false)
  })
})

describe('public API', () => {
  it('exposes the record and rich-text names', () => {
    // Other modules add exports too, so this checks inclusion rather than the exact list.
    const names = [
      'BLOCK_TYPES', 'COLLECTION_VIEW_TYPES', 'COLORS', 'DECORATION_CODES', 'PERMISSION_TYPES', 'PROPERTY_TYPES',
      'RECORD_SCHEMAS', 'blockValueSchema', 'collectionValueSchema', 'collectionViewValueSchema',
      'commentValueSchema', 'discussionValueSchema', 'notionDateSchema', 'notionUserValueSchema',
      'parseRecordValue', 'plainTextToRichText', 'richTextSchema', 'richTextToPlainText', 'spaceUserValueSchema',
      'spaceValueSchema', 'spaceViewValueSchema', 'userRootValueSchema', 'userSettingsValueSchema',
      'isKnownBlockType', 'isKnownDecoration', 'isKnownPropertyType', 'formatIssues',
      'normalizeRecordMap', 'toWireRecordMap',
    ]
    expect(Object.keys(protocol)).toEqual(expect.arrayContaining(names))
  })

  it('types parsed values by table', () => {
    expectTypeOf<RecordValueOf<'block'>>().toEqualTypeOf<BlockValue>()
    expectTypeOf<RecordValueOf<'collection'>>().toEqualTypeOf<CollectionValue>()
    expectTypeOf<RecordValueOf<'automation'>>().toEqualTypeOf<unknown>()
    const result = parseRecordValue('block', samples.block)
    if (result.ok) {
      expectTypeOf(result.value.version).toEqualTypeOf<number>()
      expectTypeOf(result.value.properties).toEqualTypeOf<Record<string, protocol.RichText> | undefined>()
    }
  })
})
