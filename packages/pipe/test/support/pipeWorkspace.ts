import { NotionClient, type MonitorOptions } from '@notion-rx/core'
import { afterEach } from 'vitest'
import { bigDatabase, type BigDatabase } from '../../../core/test/support/databaseFixture.js'
import type { Emulator } from '@notion-rx/emulator'
import { testEmulator } from '@notion-rx/emulator/testing'
import type { PipeEvent } from '../../src/index.js'

const clients: NotionClient[] = []

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
})

/** Fast reconnects, no version polling unless a test asks for it. */
export const TEST_MONITOR: MonitorOptions = { reconnectMinMs: 50, reconnectMaxMs: 400, pollIntervalMs: 3_600_000, unsubscribeGraceMs: 0 }

/** Waits until `check` returns something other than false/undefined; generous for loaded machines. */
export async function waitFor<T>(check: () => T | false | undefined | Promise<T | false | undefined>, what = 'condition', timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== false && value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export interface PipeWorkspace {
  emu: Emulator
  spaceId: string
  ada: { id: string; tokenV2: string }
  bob: { id: string; tokenV2: string }
  /** A page with an inline database of `rows` rows and three text blocks. */
  db: BigDatabase
  textIds: string[]
  client(user: { tokenV2: string }, monitor?: boolean | MonitorOptions): NotionClient
}

/** An emulator with two editors of one workspace, and a page holding text blocks and a database. */
export async function pipeWorkspace(rows = 8): Promise<PipeWorkspace> {
  const emu = await testEmulator()
  const ada = emu.createUser({ email: 'ada@example.com' })
  const bob = emu.createUser({ email: 'bob@example.com', spaceId: ada.spaceId, role: 'editor' })
  const db = bigDatabase(emu, ada.spaceId, rows)
  const client = (user: { tokenV2: string }, monitor: boolean | MonitorOptions = TEST_MONITOR) => {
    const created = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, monitor })
    clients.push(created)
    return created
  }
  const writer = client(ada, false)
  const page = await writer.getBlock(db.pageId)
  const textIds = ['one', 'two', 'three'].map((title) => page.children.addNew('text', { title }).id)
  await writer.flush()
  return { emu, spaceId: ada.spaceId, ada, bob, db, textIds, client }
}

/** The record as the server holds it now. */
export function serverRecord(emu: Emulator, table: string, id: string): { version: number; value: Record<string, unknown> } | undefined {
  const record = emu.context.records.get(table, id)
  return record ? { version: record.version, value: record.value } : undefined
}

/**
 * Checks what a sink received, per record: deduplicated by id, the versions go up; each event
 * starts where the one before ended (`previousVersion` = the version before), so no version is
 * missing; `catchUp` says exactly when an event spans more than one version. Returns the events
 * by record key.
 */
export function checkChains(events: readonly PipeEvent[]): Map<string, PipeEvent[]> {
  const seen = new Set<string>()
  const byRecord = new Map<string, PipeEvent[]>()
  for (const event of events) {
    if (seen.has(event.id)) continue
    seen.add(event.id)
    const key = `${event.data.table}:${event.data.id}`
    const list = byRecord.get(key) ?? []
    list.push(event)
    byRecord.set(key, list)
  }
  for (const [key, list] of byRecord) {
    for (let i = 0; i < list.length; i++) {
      const event = list[i]!
      const previous = list[i - 1]
      if (previous && event.data.previousVersion !== previous.data.version) {
        throw new Error(`${key}: event ${event.id} starts at ${event.data.previousVersion}, the one before ended at ${previous.data.version}`)
      }
      if (event.data.catchUp !== event.data.version - (event.data.previousVersion ?? 0) > 1 && !event.type.endsWith('.snapshot')) {
        throw new Error(`${key}: event ${event.id} has catchUp ${event.data.catchUp} for ${event.data.previousVersion} → ${event.data.version}`)
      }
    }
  }
  return byRecord
}
