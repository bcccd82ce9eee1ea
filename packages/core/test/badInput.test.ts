import { normalizeRecordMap } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { type RecordIssue } from '../src/index.js'
import { MAX_RECORD_DEPTH, RecordStore } from '../src/advanced.js'
import { exportMarkdown } from '../src/model/exportMarkdown.js'
import type { PageBlock } from '../src/records/pageBlocks.js'
import type { TextBlock } from '../src/records/textBlocks.js'
import { testClient } from './support/testClient.js'

/** `{a: {a: … leaf}}`, `depth` objects deep, built without recursion. */
function nested(depth: number, leaf: unknown = 'leaf'): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

/** A rich-text title whose one decoration hides a value `depth` arrays deep. */
function deepTitle(depth: number): unknown {
  let value: unknown = 'x'
  for (let i = 0; i < depth; i++) value = [value]
  return [['Hostile', [['h', value]]]]
}

describe('values nested thousands of levels deep', () => {
  it.each([1_600, 2_000])('a page with a block %i levels deep still loads, edits and exports; the record is marked and reported', async (depth) => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const pageId = (emu.context.records.get('space', ada.spaceId)!.value['pages'] as string[])[0]!
    // Written by "another editor": straight into the server's store, as the API refuses such bodies.
    const childId = (emu.context.records.get('block', pageId)!.value['content'] as string[])[0]!
    const child = emu.context.records.get('block', childId)!
    emu.context.records.put('block', childId, {
      ...child.value,
      format: { deep: nested(depth) },
      properties: { title: deepTitle(depth) },
      version: child.version + 1,
    })
    const { client } = testClient(emu, ada)
    const issues: RecordIssue[] = []
    client.store.issues$.subscribe((issue) => issues.push(issue))
    const page = (await client.getBlock(pageId)) as PageBlock
    expect(page.children.ids).toContain(childId)
    const stored = client.store.get('block', childId)!
    expect(stored.truncatedAt).toBeDefined()
    expect(stored.truncatedAt!.length).toBe(MAX_RECORD_DEPTH)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(issues.map((issue) => [issue.table, issue.id, issue.kind])).toEqual([['block', childId, 'too_deep']])
    expect(issues[0]!.message).toContain(`nests deeper than ${MAX_RECORD_DEPTH} levels`)
    // The rest of the record is intact, and the page can still be edited (the hostile block too).
    expect(stored.value?.['id']).toBe(childId)
    page.title = 'Still editable'
    const block = (await client.getBlock(childId)) as TextBlock
    block.title = 'Defused'
    await client.flush()
    expect(emu.context.records.get('block', pageId)!.value['properties']).toEqual({ title: [['Still editable']] })
    expect(emu.context.records.get('block', childId)!.value['properties']).toEqual({ title: [['Defused']] })
    expect(await exportMarkdown(page)).toContain('Defused')
  })

  it('the store bounds what it is given directly too, and keeps shallow values as they are', () => {
    const store = new RecordStore()
    const shallow = { id: 's', version: 1, format: nested(20) }
    const deep = { id: 'd', version: 1, format: nested(5_000) }
    store.dispatch({
      type: 'recordsLoaded',
      origin: 'refresh',
      records: { block: { s: { role: 'reader', value: shallow }, d: { role: 'reader', value: deep } } },
    })
    expect(store.get('block', 's')?.value?.['format']).toEqual(shallow.format)
    expect(store.get('block', 's')?.truncatedAt).toBeUndefined()
    let depth = 0
    for (let at: unknown = store.get('block', 'd')?.value; typeof at === 'object' && at !== null; at = (at as Record<string, unknown>)['format'] ?? (at as Record<string, unknown>)['a']) depth++
    expect(depth).toBe(MAX_RECORD_DEPTH)
    // A newer version that is shallow again clears the mark.
    store.dispatch({ type: 'recordsLoaded', origin: 'refresh', records: { block: { d: { role: 'reader', value: { id: 'd', version: 2 } } } } })
    expect(store.get('block', 'd')?.truncatedAt).toBeUndefined()
  })
})

describe('keys from the server never reach a prototype', () => {
  it('tables outside the closed set are dropped and ids like __proto__ or constructor are ordinary ids', () => {
    const wire = JSON.parse(
      '{"__proto__":{"x":{"role":"reader","value":{"id":"x"}}},"constructor":{"y":{"role":"reader","value":{"id":"y"}}},' +
        '"block":{"__proto__":{"role":"reader","value":{"id":"__proto__","version":1,"__proto__":{"polluted":true}}},' +
        '"constructor":{"role":"reader","value":{"id":"constructor","version":1}}}}',
    )
    const records = normalizeRecordMap(wire)
    expect(Object.keys(records)).toEqual(['block'])
    const store = new RecordStore()
    store.dispatch({ type: 'recordsLoaded', origin: 'refresh', records })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(({} as Record<string, unknown>)['x']).toBeUndefined()
    expect(store.get('block', '__proto__')?.value?.['id']).toBe('__proto__')
    expect(store.get('block', 'constructor')?.value?.['id']).toBe('constructor')
    const snapshot = store.snapshot
    expect(Object.keys(snapshot.block ?? {}).sort()).toEqual(['__proto__', 'constructor'])
    expect(snapshot.block?.['toString']).toBeUndefined()
    expect(snapshot.block?.['__proto__']?.value?.['id']).toBe('__proto__')
    // The record's own `__proto__` key is data, not its prototype.
    expect(Object.getPrototypeOf(store.get('block', '__proto__')!.value)).toBe(Object.prototype)
    expect((store.get('block', '__proto__')!.value as Record<string, unknown>)['polluted']).toBeUndefined()
    // Refreshing the same record through structural sharing keeps it that way.
    store.dispatch({
      type: 'recordsLoaded',
      origin: 'refresh',
      records: normalizeRecordMap(JSON.parse('{"block":{"__proto__":{"role":"reader","value":{"id":"__proto__","version":2,"__proto__":{"polluted":2}}}}}')),
    })
    expect(Object.getPrototypeOf(store.get('block', '__proto__')!.value)).toBe(Object.prototype)
  })
})

describe('server answers with prototype keys', () => {
  it('a clientData or getSpaces answer naming __proto__ stays data', async () => {
    const { redactValue } = await import('../src/transport/redact.js')
    const { normalizeResponse } = await import('../src/transport/normalizeResponse.js')
    const clientData = redactValue(JSON.parse('{"__proto__":{"polluted":true},"type":"x"}') as Record<string, unknown>)
    expect(Object.getPrototypeOf(clientData)).toBe(Object.prototype)
    expect(clientData['polluted']).toBeUndefined()
    expect(Object.keys(clientData)).toEqual(['__proto__', 'type'])
    const spaces = normalizeResponse('getSpaces', JSON.parse('{"__proto__":{"block":{}},"u1":{"block":{}}}')) as Record<string, unknown>
    expect(Object.keys(spaces)).toEqual(['__proto__', 'u1'])
    expect(({} as Record<string, unknown>)['block']).toBeUndefined()
  })
})
