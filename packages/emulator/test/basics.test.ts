import { normalizeRecordMap } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { post, testEmulator } from './support/testEmulator.js'

describe('emulator basics', () => {
  it('answers unknown endpoints with the real 404 HTML body', async () => {
    const emu = await testEmulator()
    const response = await post(emu, 'noSuchEndpoint', {})
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(response.body).toContain('Cannot POST /api/v3/noSuchEndpoint')
  })

  it('rejects a request without token_v2 with 401 UnauthorizedError where auth is required, and unknown tokens everywhere', async () => {
    const emu = await testEmulator()
    const response = await post(emu, 'syncRecordValuesMain', { requests: [] }, { tokenV2: 'v02:not-a-real-token' })
    expect(response.status).toBe(401)
    expect(response.body).toMatchObject({ isNotionError: true, name: 'UnauthorizedError' })
    expect(JSON.stringify(response.body)).not.toContain('not-a-real-token')
  })

  it('createUser gives a workspace of one\'s own, readable with the token and role none for outsiders', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com', name: 'Ada Lovelace' })
    const bob = emu.createUser({ email: 'bob@example.com' })
    const requests = [{ pointer: { table: 'space', id: ada.spaceId }, version: -1 }]

    const own = await post(emu, 'syncRecordValuesMain', { requests }, { tokenV2: ada.tokenV2 })
    expect(own.status).toBe(200)
    expect(own.body.recordMap.__version__).toBe(3)
    const space = normalizeRecordMap(own.body.recordMap).space?.[ada.spaceId]
    expect(space?.role).toBe('editor')
    expect(space?.value?.['name']).toBe("Ada Lovelace's Notion")

    const outsider = await post(emu, 'syncRecordValuesMain', { requests }, { tokenV2: bob.tokenV2 })
    // A stranger's stub does not name the space (Notion's does; the emulator tells strangers nothing).
    expect(outsider.body.recordMap.space[ada.spaceId]).toEqual({ value: { role: 'none' } })
  })

  it('getRecordValues answers positionally in the flat envelope era shape', async () => {
    const emu = await testEmulator({ envelope: 'flat' })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const response = await post(
      emu,
      'getRecordValues',
      { requests: [{ table: 'notion_user', id: ada.id }, { table: 'block', id: '00000000-0000-0000-0000-000000000000' }] },
      { tokenV2: ada.tokenV2 },
    )
    expect(response.body.results[0]).toMatchObject({ role: 'editor', value: { email: 'ada@example.com' } })
    expect(response.body.results[1]).toEqual({ role: 'none' })
  })

  it('a body that fails its schema is a 400 ValidationError naming the path', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const response = await post(emu, 'syncRecordValues', { requests: [{ pointer: { table: 5 } }] }, { tokenV2: ada.tokenV2 })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ name: 'ValidationError', message: 'Invalid input.' })
    expect(response.body.debugMessage).toContain('requests.0')
    const malformed = await post(emu, 'syncRecordValues', '{"requests": [', { tokenV2: ada.tokenV2 })
    expect(malformed.status).toBe(400)
    expect(malformed.body.debugMessage).toMatch(/not valid JSON/)
  })

  it('the active-user header picks among a token\'s users', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const alt = emu.createUser({ email: 'ada.work@example.com', tokenV2: ada.tokenV2 })
    const requests = [{ table: 'user_root', id: alt.id, version: -1 }]
    const asFirst = await post(emu, 'syncRecordValues', { requests }, { tokenV2: ada.tokenV2 })
    expect(normalizeRecordMap(asFirst.body.recordMap).user_root?.[alt.id]?.role).toBe('none')
    const asAlt = await post(emu, 'syncRecordValues', { requests }, { tokenV2: ada.tokenV2, activeUser: alt.id })
    expect(normalizeRecordMap(asAlt.body.recordMap).user_root?.[alt.id]?.role).toBe('editor')
    const stranger = await post(emu, 'syncRecordValues', { requests }, { tokenV2: ada.tokenV2, activeUser: 'someone-else' })
    expect(stranger.status).toBe(401)
  })
})
