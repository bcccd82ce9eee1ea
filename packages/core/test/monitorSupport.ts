import type { Operation } from '@notion-rx/protocol'
import { afterEach } from 'vitest'
import type { Emulator } from '@notion-rx/emulator'
import { testEmulator } from '@notion-rx/emulator/testing'
import { NotionClient } from '../src/client.js'
import type { MonitorOptions } from '../src/sync/monitor/monitorOptions.js'

const clients: NotionClient[] = []

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
})

/** Waits until `check` returns a value other than false/undefined; generous timeout for loaded CI machines. */
export async function waitFor<T>(check: () => T | false | undefined, what = 'condition', timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value !== false && value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Monitor options for tests: fast reconnects, no polling unless a test asks for it. */
export const TEST_MONITOR: MonitorOptions = {
  reconnectMinMs: 50,
  reconnectMaxMs: 400,
  pollIntervalMs: 3_600_000,
  unsubscribeGraceMs: 0,
}

export interface Workspace {
  emu: Emulator
  spaceId: string
  pageId: string
  ada: { id: string; tokenV2: string }
  bob: { id: string; tokenV2: string }
  client(user: { tokenV2: string }, monitor?: boolean | MonitorOptions): NotionClient
}

/** An emulator with two editors of one workspace and its first page. */
export async function workspace(options: Parameters<typeof testEmulator>[0] = {}): Promise<Workspace> {
  const emu = await testEmulator(options)
  const ada = emu.createUser({ email: 'ada@example.com' })
  const bob = emu.createUser({ email: 'bob@example.com', spaceId: ada.spaceId, role: 'editor' })
  const pageId = (emu.context.records.get('space', ada.spaceId)!.value['pages'] as string[])[0]!
  return {
    emu,
    spaceId: ada.spaceId,
    pageId,
    ada,
    bob,
    client(user, monitor = TEST_MONITOR) {
      const client = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, monitor })
      clients.push(client)
      return client
    },
  }
}

export function setTitle(spaceId: string, id: string, text: string): Operation {
  return { pointer: { table: 'block', id, spaceId }, path: ['properties', 'title'], command: 'set', args: [[text]] }
}

export function setField(spaceId: string, id: string, path: string[], value: unknown): Operation {
  return { pointer: { table: 'block', id, spaceId }, path, command: 'set', args: value }
}

export function titleOf(client: NotionClient, id: string): string | undefined {
  const title = client.store.get('block', id)?.value?.['properties'] as { title?: [[string]] } | undefined
  return title?.title?.[0]?.[0]
}
