import { normalizeRecordMap } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { startEmulator } from '../src/startEmulator.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

describe('recordCacheSize: how many parsed records the emulator keeps in memory', () => {
  it('answers every record with a cache far smaller than what is read (dropped ones come from SQLite again)', async () => {
    const emu = await testEmulator({ recordCacheSize: 5 })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const { records } = emu.context
    const ids = Array.from({ length: 40 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`)
    records.transaction(() => {
      for (const [index, id] of ids.entries()) {
        records.put('block', id, { id, version: index + 1, type: 'text', alive: true, parent_id: ada.spaceId, parent_table: 'space', space_id: ada.spaceId })
      }
    })
    for (let round = 0; round < 2; round++) {
      const response = await post(emu, 'syncRecordValuesMain', { requests: ids.map((id) => ({ pointer: { table: 'block', id }, version: -1 })) }, { tokenV2: ada.tokenV2 })
      const blocks = normalizeRecordMap(response.body.recordMap).block ?? {}
      expect(ids.map((id) => blocks[id]?.value?.['version'])).toEqual(ids.map((_, index) => index + 1))
    }
  })

  it('refuses a size that is not a whole number of at least 1, before opening anything', async () => {
    for (const recordCacheSize of [0, -1, 2.5, Number.NaN]) {
      await expect(startEmulator({ port: 0, recordCacheSize })).rejects.toThrow(/recordCacheSize must be a whole number of at least 1/)
    }
  })
})
