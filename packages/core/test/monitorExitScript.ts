// Run as a child process by monitorExit.test.ts: two live clients (one per transport given), a write
// that reaches the other, then close(). It must exit by itself: any handle left open keeps it alive.
import { filter, firstValueFrom } from 'rxjs'
import { NotionClient } from '../src/client.js'
import type { MessageStoreTransport } from '../src/sync/monitor/monitorOptions.js'

function env(name: string): string {
  const value = process.env[name]
  if (value === undefined) throw new Error(`${name} is not set`)
  return value
}
const [API_URL, TOKEN_A, TOKEN_B, PAGE_ID, SPACE_ID, TRANSPORT] = ['API_URL', 'TOKEN_A', 'TOKEN_B', 'PAGE_ID', 'SPACE_ID', 'TRANSPORT'].map(env) as [string, string, string, string, string, string]
const transport = TRANSPORT as MessageStoreTransport
const monitor = { transport, reconnectMinMs: 50, pollIntervalMs: 200 }
const a = new NotionClient({ tokenV2: TOKEN_A, baseUrl: API_URL, monitor })
const b = new NotionClient({ tokenV2: TOKEN_B, baseUrl: API_URL, monitor })
await Promise.all([a.loadPage(PAGE_ID), b.loadPage(PAGE_ID)])
const seen = new Promise<void>((resolve) => {
  b.store.selectValue('block', PAGE_ID, (record) => JSON.stringify(record?.value?.['properties'])).subscribe((title) => {
    if (title !== undefined && title.includes(`exit-${transport}`)) resolve()
  })
})
await Promise.all([a, b].map((client) => firstValueFrom(client.connection$.pipe(filter((state) => state === 'live')))))
await new Promise((resolve) => setTimeout(resolve, 100))
await a.transactions.enqueue([
  { pointer: { table: 'block', id: PAGE_ID, spaceId: SPACE_ID }, path: ['properties', 'title'], command: 'set', args: [[`exit-${transport}`]] },
])
await seen
await Promise.all([a.close(), b.close()])
console.log(`closed ${JSON.stringify(process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap'))}`)
