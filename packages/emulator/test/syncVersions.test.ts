import { normalizeRecordMap } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { post, testEmulator } from '../src/testing/testEmulator.js'

// What a client with a cache relies on: given the version it holds, the sync endpoints answer only
// with records newer than that (the real API's behaviour), so a warm start costs what moved.
describe('syncRecordValues* with held versions', () => {
  it('leaves out records at or below the held version, sends newer ones, all for -1, stubs for missing ones', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const pageId = (emu.context.records.get('space', ada.spaceId)!.value['pages'] as string[])[0]!
    const current = emu.context.records.get('block', pageId)!.version
    const missing = '00000000-0000-4000-8000-00000000dead'
    for (const endpoint of ['syncRecordValuesMain', 'syncRecordValues', 'syncRecordValuesSpace']) {
      const ask = async (version: number | undefined) => {
        const request = { pointer: { table: 'block', id: pageId, spaceId: ada.spaceId }, ...(version === undefined ? {} : { version }) }
        const response = await post(emu, endpoint, { requests: [request, { pointer: { table: 'block', id: missing }, version: 3 }] }, { tokenV2: ada.tokenV2 })
        expect(response.status).toBe(200)
        return normalizeRecordMap(response.body.recordMap).block ?? {}
      }
      expect((await ask(current))[pageId], `${endpoint} at the held version`).toBeUndefined()
      expect((await ask(current + 5))[pageId], `${endpoint} above it`).toBeUndefined()
      expect((await ask(current - 1))[pageId]?.value?.['version'], `${endpoint} below it`).toBe(current)
      expect((await ask(-1))[pageId]?.value?.['version'], `${endpoint} with -1`).toBe(current)
      expect((await ask(undefined))[pageId]?.value?.['version'], `${endpoint} without a version`).toBe(current)
      expect((await ask(current))[missing], `${endpoint}: a missing record is a none stub`).toEqual({ role: 'none' })
    }
  })
})
