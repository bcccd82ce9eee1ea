import type { RecordChange, Snapshot } from '@notion-rx/core'
import { describe, expect, it } from 'vitest'
import { describeChange } from '../src/describeChange.js'

const at = new Date('2026-01-02T09:41:07Z')
const snapshot: Snapshot = {
  notion_user: { u1: { role: 'reader', version: 1, value: { id: 'u1', name: 'Grace Hopper' } } },
  collection: {
    c1: {
      role: 'editor',
      version: 1,
      value: { id: 'c1', schema: { 'a:b': { name: 'Status', type: 'select' }, 'x!y': { name: 'Urgent', type: 'checkbox' } } },
    },
  },
  block: { n1: { role: 'editor', version: 1, value: { id: 'n1', type: 'text', properties: { title: [['New note']] } } } },
}

function change(table: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined, changes: RecordChange['changes']): RecordChange {
  return { table, id: 'r1', origin: 'remote', before, after, changes }
}

describe('describeChange', () => {
  it('names the person, the row and the property by its schema name, with before and after', () => {
    const row = { id: 'r1', type: 'page', parent_table: 'collection', parent_id: 'c1', last_edited_by_id: 'u1', properties: { title: [['Ship it']] } }
    const line = describeChange(
      snapshot,
      change('block', row, row, [
        { kind: 'prop_changed', path: ['properties', 'a:b'], before: [['Not started']], after: [['Done']] },
        { kind: 'prop_changed', path: ['properties', 'x!y'], before: [['No']], after: [['Yes']] },
        { kind: 'changed_field', path: ['last_edited_time'], before: 1, after: 2 },
      ]),
      at,
    )
    expect(line).toBe('09:41:07  Grace Hopper  row "Ship it"  Status: "Not started" → "Done"; Urgent: ☐ → ☑')
  })

  it('says what was added to a page, by type and title', () => {
    const page = { id: 'p1', type: 'page', last_edited_by_id: 'u1', properties: { title: [['Notes']] } }
    const line = describeChange(snapshot, change('block', page, page, [{ kind: 'content_added', path: ['content'], before: [], after: ['n1'], ids: ['n1'] }]), at)
    expect(line).toBe('09:41:07  Grace Hopper  page "Notes"  added text "New note"')
  })

  it('reports trash, unknown people and clipped long values', () => {
    const long = 'x'.repeat(200)
    const block = { id: 'b1', type: 'text', properties: { title: [[long]] } }
    const line = describeChange(snapshot, change('block', block, { ...block, alive: false }, [{ kind: 'changed_field', path: ['alive'], before: true, after: false }]), at)
    expect(line).toMatch(/^09:41:07 {2}someone {2}text "x{59}…" {2}moved to trash$/)
  })

  it('stays silent for changes of bookkeeping fields only', () => {
    const block = { id: 'b1', type: 'text' }
    expect(describeChange(snapshot, change('block', block, block, [{ kind: 'changed_field', path: ['last_edited_time'], before: 1, after: 2 }]), at)).toBeUndefined()
  })
})
