import { describe, expect, it } from 'vitest'
import type { RecordChange } from '../src/store/recordChange.js'
import type { ConnectionState } from '../src/sync/monitor/monitorOptions.js'
import { setTitle, TEST_MONITOR, titleOf, waitFor, workspace } from './monitorSupport.js'

describe.each(['websocket', 'polling', 'eio3'] as const)('monitor over %s', (transport) => {
  it("a write by A reaches B's observable through a message-store notification", async () => {
    const ws = await workspace()
    const a = ws.client(ws.ada)
    const b = ws.client(ws.bob, { ...TEST_MONITOR, transport })
    const states: ConnectionState[] = []
    b.connection$.subscribe((state) => states.push(state))
    await Promise.all([a.loadPage(ws.pageId), b.loadPage(ws.pageId)])
    const titles: (string | undefined)[] = []
    const remote: RecordChange[] = []
    b.changes$.subscribe((change) => change.origin === 'remote' && remote.push(change))
    b.store.selectValue('block', ws.pageId, (record) => (record?.value?.['properties'] as any)?.title?.[0]?.[0]).subscribe((title) => titles.push(title))
    await waitFor(() => b.monitor!.state === 'live' && b.monitor!.subscriptionKeys().includes(`versions/${ws.pageId}:block`), 'B live')
    await waitFor(() => b.monitor!.stats.responses >= 1, 'registration answered')

    await a.transactions.enqueue([setTitle(ws.spaceId, ws.pageId, 'Hello from A')])
    await waitFor(() => titles.at(-1) === 'Hello from A', "A's title at B")
    expect(remote).toHaveLength(1)
    expect(remote[0]).toMatchObject({ table: 'block', id: ws.pageId, origin: 'remote' })
    expect(b.monitor!.stats).toMatchObject({ polls: 0 })
    expect(b.monitor!.stats.notifications).toBeGreaterThanOrEqual(1)
    expect(states).toEqual(['connecting', 'live'])
    await b.close()
    expect(states.at(-1)).toBe('closed')
    expect(titleOf(a, ws.pageId)).toBe('Hello from A')
  })
})
