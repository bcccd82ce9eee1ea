import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { post, testEmulator } from '@notion-rx/emulator/testing'
import { RecordNotFoundError } from '../src/recordNotFoundError.js'
import type { FileBlock, ImageBlock } from '../src/records/mediaBlocks.js'
import { PageBlock } from '../src/records/pageBlocks.js'
import { Space } from '../src/records/space.js'
import { TextBlock } from '../src/records/textBlocks.js'
import { User } from '../src/records/user.js'
import { serverRecord, testClient } from './support/testClient.js'

const ENVELOPES = ['nested', 'flat'] as const

describe.each(ENVELOPES)('NotionClient (%s envelope)', (envelope) => {
  async function demo() {
    const emu = await testEmulator({ seed: 'demo', envelope })
    const workspace = emu.demo!
    const owner = { id: workspace.ownerId, tokenV2: workspace.ownerToken }
    return { emu, workspace, owner, ...testClient(emu, owner) }
  }

  it('ready: loadUserContent once, then currentUser (User) and currentSpace (Space) are set; getBlock waits for it', async () => {
    const { client, log, workspace } = await demo()
    expect(client.currentUser).toBeUndefined()
    const home = await client.getBlock(workspace.homePageId)
    // The read's chunk went out first; getBlock waited for the user content as well.
    expect(log.calls.slice(0, 2)).toEqual(['loadCachedPageChunkV2', 'loadUserContent'])
    expect(home).toBeInstanceOf(PageBlock)
    expect(client.currentUser).toBeInstanceOf(User)
    expect(client.currentUser?.id).toBe(workspace.ownerId)
    expect(client.currentUser?.email).toBe('ada@example.com')
    expect(client.currentSpace).toBeInstanceOf(Space)
    expect(client.currentSpace?.id).toBe(workspace.spaceId)
    expect(client.currentSpace?.pages.includes(home)).toBe(true)
    await client.ready
    expect(log.count('loadUserContent')).toBe(1)
  })

  it('ready rejects for an unknown token, and getBlock reports it', async () => {
    const emu = await testEmulator({ envelope })
    const { client } = testClient(emu, { tokenV2: 'v02:not-a-token' })
    await expect(client.ready).rejects.toMatchObject({ name: 'UnauthorizedError' })
    await expect(client.getBlock('0123456789abcdef0123456789abcdef')).rejects.toMatchObject({ name: 'UnauthorizedError' })
  })

  it('setUserByEmail / setUserById switch between the accounts of one token', async () => {
    const emu = await testEmulator({ envelope })
    const ada = emu.createUser({ email: 'ada@example.com', name: 'Ada Lovelace' })
    const grace = emu.createUser({ email: 'grace@example.com', name: 'Grace Hopper', tokenV2: ada.tokenV2 })
    const { client, log } = testClient(emu, ada)
    await client.ready
    expect(client.currentUser?.id).toBe(ada.id)
    expect(client.currentSpace?.id).toBe(ada.spaceId)

    const switched = await client.setUserByEmail('GRACE@example.com')
    expect(switched).toBeInstanceOf(User)
    expect(switched.id).toBe(grace.id)
    expect(client.currentUser?.name).toBe('Grace Hopper')
    expect(client.currentSpace?.id).toBe(grace.spaceId)
    // Later requests act as Grace: the header is sent (redacted in logs), her page is readable and writable.
    const graceEvents = log.events.length
    const gracePage = (await client.getBlock((emu.context.records.get('space', grace.spaceId)!.value['pages'] as string[])[0]!)) as PageBlock
    const sent = log.events.slice(graceEvents).find((event) => event.type === 'request')
    expect(sent?.type === 'request' && sent.request.headers['x-notion-active-user-header']).toBe('[REDACTED]')
    gracePage.title = 'Grace’s page'
    await client.flush()
    const asGrace = testClient(emu, grace, { activeUser: grace.id }).client
    await asGrace.refreshRecords([{ table: 'block', id: gracePage.id }])
    expect(asGrace.store.get('block', gracePage.id)?.value).toMatchObject({ properties: { title: [['Grace’s page']] }, last_edited_by_id: grace.id })
    // Ada cannot read it.
    expect(await serverRecord(emu, ada, 'block', gracePage.id)).toBeUndefined()

    // Back to Ada: what was read as Grace is not kept as readable. Her page, still observed, is
    // read again as Ada (no value: Ada may not read it); Grace's space, unobserved, is dropped.
    const observed = client.store.select('block', gracePage.id).subscribe()
    expect((await client.setUserById(ada.id)).id).toBe(ada.id)
    expect(client.currentSpace?.id).toBe(ada.spaceId)
    expect(client.store.get('block', gracePage.id)?.value).toBeUndefined()
    expect(client.store.get('space', grace.spaceId)?.value).toBeUndefined()
    observed.unsubscribe()
    await expect(client.setUserById(crypto.randomUUID())).rejects.toBeInstanceOf(RecordNotFoundError)
    await expect(client.setUserByEmail('nobody@example.com')).rejects.toBeInstanceOf(RecordNotFoundError)
    expect(client.currentUser?.id).toBe(ada.id)
  })

  it('search returns block objects of their classes', async () => {
    const { client } = await demo()
    const results = await client.search('handbook')
    expect(results.length).toBeGreaterThan(0)
    expect(results[0]).toBeInstanceOf(PageBlock)
    expect((results[0] as PageBlock).title).toBe('Acme Handbook')
    const text = await client.search('everything you need')
    expect(text.some((block) => block instanceof TextBlock)).toBe(true)
  })

  it('getBacklinks returns the blocks that mention a page, loaded', async () => {
    const { client, workspace } = await demo()
    const notes = await client.getBlock(workspace.meetingNotesPageId)
    const backlinks = await notes.getBacklinks()
    expect(backlinks.length).toBeGreaterThan(0)
    const mention = backlinks.find((block) => block instanceof TextBlock) as TextBlock | undefined
    expect(mention?.isLoaded).toBe(true)
    expect(mention?.titleRichText.some((segment) => JSON.stringify(segment).includes(notes.id))).toBe(true)
    const home = await client.getBlock(workspace.homePageId)
    expect(await home.getBacklinks()).toEqual([])
  })

  it('uploadFile (older PUT slot): getUploadFileUrl, PUT, then source, display_source and file_ids in one write', async () => {
    const emu = await testEmulator({ envelope, uploads: 'put' })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const { client, log } = testClient(emu, ada)
    const page = (await client.getBlock((emu.context.records.get('space', ada.spaceId)!.value['pages'] as string[])[0]!)) as PageBlock
    const image = page.children.addNew('image') as ImageBlock
    await image.committed
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4])
    const writesBefore = log.writes
    const uploaded = await image.uploadFile(new Blob([bytes], { type: 'image/png' }), { name: 'pixel.png' })
    expect(log.writes).toBe(writesBefore + 1)
    expect(log.calls).toContain('getUploadFileUrl')
    expect(uploaded).toMatchObject({ name: 'pixel.png', size: 8, contentType: 'image/png' })
    expect([image.source, image.displaySource, image.fileId]).toEqual([uploaded.url, uploaded.url, uploaded.fileId])
    const onServer = await serverRecord(emu, ada, 'block', image.id)
    expect(onServer).toMatchObject({ properties: { source: [[uploaded.url]] }, format: { display_source: uploaded.url }, file_ids: [uploaded.fileId] })
    // The bytes are on the file server, readable through a signed URL.
    const signed = await post(emu, 'getSignedFileUrls', { urls: [{ url: uploaded.url, permissionRecord: { table: 'block', id: image.id } }] }, ada)
    const download = await fetch(signed.body.signedUrls[0])
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes)

    // From a path, on a file block: its title and size come from the file.
    const dir = await mkdtemp(join(tmpdir(), 'notion-rx-upload-'))
    try {
      const path = join(dir, 'report.pdf')
      await writeFile(path, Buffer.alloc(3000, 7))
      const file = page.children.addNew('file') as FileBlock
      const fromPath = await file.uploadFile(path)
      expect(fromPath).toMatchObject({ name: 'report.pdf', size: 3000, contentType: 'application/pdf' })
      expect([file.title, file.size, file.source]).toEqual(['report.pdf', '2.9KB', fromPath.url])
      expect(await serverRecord(emu, ada, 'block', file.id)).toMatchObject({ properties: { title: [['report.pdf']], size: [['2.9KB']] }, file_ids: [fromPath.fileId] })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
