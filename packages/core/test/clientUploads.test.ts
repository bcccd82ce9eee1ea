import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { testEmulator } from '../../emulator/test/support/testEmulator.js'
import type { UploadMode } from '../../emulator/src/index.js'
import type { FileBlock, ImageBlock } from '../src/records/mediaBlocks.js'
import type { PageBlock } from '../src/records/pageBlocks.js'
import { fileIdOf } from '../src/sync/fileUploader.js'
import { NetworkError, NotionApiError, REDACTED, UnauthorizedError, ValidationError } from '../src/index.js'
import { serverRecord, testClient } from './support/testClient.js'
import { scriptedServer } from './transportTestServer.js'

interface SeenUpload {
  method: string
  url: string
  /** Multipart field names in the order sent (POST), or undefined (PUT). */
  fields: string[] | undefined
  contentType: string | null
}

/** A fetch that records the uploads (anything not under /api/v3/) and lets a test rewrite them. */
function uploadSpy(rewrite?: (request: Request) => Promise<Request>) {
  const uploads: SeenUpload[] = []
  const fetchFunction: typeof fetch = async (input, init) => {
    let request = new Request(input, init)
    if (new URL(request.url).pathname.startsWith('/api/v3/')) return fetch(request)
    if (rewrite) request = await rewrite(request)
    const isForm = request.headers.get('content-type')?.startsWith('multipart/form-data') ?? false
    const fields = isForm ? [...(await request.clone().formData()).keys()] : undefined
    uploads.push({ method: request.method, url: request.url, fields, contentType: request.headers.get('content-type') })
    return fetch(request)
  }
  return { uploads, fetchFunction }
}

async function setup(uploads: UploadMode, rewrite?: (request: Request) => Promise<Request>) {
  const emu = await testEmulator({ uploads })
  const ada = emu.createUser({ email: 'ada@example.com' })
  const spy = uploadSpy(rewrite)
  const { client, log } = testClient(emu, ada, { fetch: spy.fetchFunction })
  const page = (await client.getBlock((emu.context.records.get('space', ada.spaceId)!.value['pages'] as string[])[0]!)) as PageBlock
  return { emu, ada, client, log, page, seen: spy.uploads }
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

describe('uploadFile speaks both getUploadFileUrl shapes', () => {
  it("2026 POST slot: a multipart form, fields first and the file last; the block points at the attachment: URI", async () => {
    const { emu, ada, log, page, seen } = await setup('post')
    const image = page.children.addNew('image') as ImageBlock
    await image.committed
    const writesBefore = log.writes
    const uploaded = await image.uploadFile(new Blob([PNG], { type: 'image/png' }), { name: 'pixel.png' })

    expect(uploaded.url).toMatch(/^attachment:[0-9a-f-]{36}:pixel\.png$/)
    expect(uploaded.fileId).toBe(uploaded.url.split(':')[1])
    expect(uploaded).toMatchObject({ name: 'pixel.png', size: PNG.length, contentType: 'image/png' })
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ method: 'POST', url: `${emu.url}/uploads` })
    expect(seen[0]!.fields).toEqual(['Content-Type', 'tagging', 'bucket', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'key', 'Policy', 'X-Amz-Signature', 'file'])
    // The bucket Notion accepts since 2026, and one write for the three changes.
    expect(log.writes).toBe(writesBefore + 1)
    expect(emu.context.db.prepare('SELECT size FROM files WHERE id = ?').get(uploaded.fileId)).toEqual({ size: PNG.length })

    expect([image.source, image.displaySource, image.fileId]).toEqual([uploaded.url, uploaded.url, uploaded.fileId])
    expect(await serverRecord(emu, ada, 'block', image.id)).toMatchObject({
      properties: { source: [[uploaded.url]] },
      format: { display_source: uploaded.url },
      file_ids: [uploaded.fileId],
    })
    // Read back: through the slot's signed GET URL, and through the block (getSignedFileUrls).
    expect(new Uint8Array(await (await fetch(uploaded.signedGetUrl)).arrayBuffer())).toEqual(PNG)
    const signed = await image.signedSourceUrl()
    expect(signed).toMatch(new RegExp(`^${emu.url}/files/${uploaded.fileId}/pixel\\.png\\?exp=\\d+&sig=[0-9a-f]{64}$`))
    expect(new Uint8Array(await (await fetch(signed!)).arrayBuffer())).toEqual(PNG)
  })

  it('older PUT slot: a PUT of the bytes; the block points at the permanent file URL', async () => {
    const { emu, ada, page, seen } = await setup('put')
    const file = page.children.addNew('file') as FileBlock
    const bytes = new Uint8Array(3000).fill(7)
    const uploaded = await file.uploadFile(new Blob([bytes]), { name: 'report.pdf' })

    expect(uploaded.url).toBe(`${emu.url}/files/${uploaded.fileId}/report.pdf`)
    expect(seen).toEqual([{ method: 'PUT', url: expect.stringMatching(new RegExp(`^${uploaded.url}\\?exp=\\d+&sig=`)), fields: undefined, contentType: 'application/pdf' }])
    expect(await serverRecord(emu, ada, 'block', file.id)).toMatchObject({
      properties: { source: [[uploaded.url]], title: [['report.pdf']], size: [['2.9KB']] },
      format: { display_source: uploaded.url },
      file_ids: [uploaded.fileId],
    })
    expect(new Uint8Array(await (await fetch(uploaded.signedGetUrl)).arrayBuffer())).toEqual(bytes)
    const signed = await file.signedSourceUrl()
    expect(signed).toMatch(new RegExp(`^${uploaded.url}\\?exp=\\d+&sig=`))
    expect(new Uint8Array(await (await fetch(signed!)).arrayBuffer())).toEqual(bytes)
  })

  it('signedSourceUrl: a linked source comes back as it is, no source is undefined, another user gets undefined', async () => {
    const { emu, client, page } = await setup('post')
    const linked = page.children.addNew('image') as ImageBlock
    expect(await linked.signedSourceUrl()).toBeUndefined()
    linked.source = 'https://example.com/cat.png'
    expect(await linked.signedSourceUrl()).toBe('https://example.com/cat.png')
    const uploaded = page.children.addNew('image') as ImageBlock
    await uploaded.uploadFile(new Blob([PNG]), { name: 'a.png' })
    await client.flush()
    // Bob may not read Ada's page, so the server signs nothing for him.
    const bob = emu.createUser({ email: 'bob@example.com' })
    const { client: asBob } = testClient(emu, bob)
    expect(await asBob.signFileUrl(uploaded.source, { table: 'block', id: uploaded.id })).toBeUndefined()
    expect(await uploaded.signedSourceUrl()).toMatch(/sig=/)
  })

  it('a refused POST is a typed error with no signature, policy or token in it, and the block is left as it was', async () => {
    const secrets: string[] = []
    // Sends a wrong signature, as a corrupted or stale form would; the emulator, like S3, echoes it.
    const flipSignature = async (request: Request) => {
      const form = await request.formData()
      const signature = String(form.get('X-Amz-Signature'))
      const wrong = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1)
      secrets.push(signature, wrong, String(form.get('Policy')), String(form.get('X-Amz-Credential')))
      form.set('X-Amz-Signature', wrong)
      return new Request(request.url, { method: 'POST', body: form })
    }
    const { emu, page, seen } = await setup('post', flipSignature)
    const image = page.children.addNew('image') as ImageBlock
    await image.committed
    const error = await image.uploadFile(new Blob([PNG]), { name: 'x.png' }).catch((caught: unknown) => caught)
    // A typed API error, but not UnauthorizedError: no token_v2 goes to the file store, so logging in again would not help.
    expect(error).toBeInstanceOf(NotionApiError)
    expect(error).not.toBeInstanceOf(UnauthorizedError)
    expect(error).toMatchObject({ status: 403, code: 'api_error', notionName: 'SignatureDoesNotMatch', endpoint: 'upload', request: { method: 'POST', url: `${emu.url}/uploads` } })
    expect((error as Error).message).toMatch(/^upload: the file store refused the upload \(403 SignatureDoesNotMatch: The request signature we calculated does not match .*\): the slot getUploadFileUrl gave was altered or has expired/)
    expect(seen).toHaveLength(1)
    for (const text of [(error as Error).message, (error as Error).stack ?? '', JSON.stringify(error), inspect(error, { depth: 20, showHidden: true })]) {
      for (const secret of secrets) expect(text).not.toContain(secret)
    }
    expect([image.source, image.fileId]).toEqual(['', undefined])
    expect(emu.context.db.prepare('SELECT size FROM files').get()).toEqual({ size: null })
  })

  it('a file store that echoes the whole form in its error message: the credentials in it are redacted', async () => {
    const store = await scriptedServer([
      (_request, response) => {
        const echoed = store.requests.at(-1)!.body.replace(/[<>&]/g, ' ')
        response.writeHead(400, { 'content-type': 'application/xml' })
        response.end(`<?xml version="1.0"?><Error><Code>InvalidArgument</Code><Message>Got: ${echoed}</Message></Error>`)
      },
    ])
    const storeOrigin = new URL(store.apiUrl).origin
    let fields: Record<string, string> = {}
    const { emu, page } = await setup('post', async (request) => {
      const form = await request.formData()
      fields = Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === 'string')) as Record<string, string>
      return new Request(request.url.replace(emu.url, storeOrigin), { method: 'POST', body: form })
    })
    const image = page.children.addNew('image') as ImageBlock
    const error = await image.uploadFile(new Blob([PNG]), { name: 'x.png' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    const message = (error as ValidationError).serverMessage ?? ''
    // The echo arrived (the key is no secret), with every credential blanked.
    expect(message).toContain(fields['key'])
    expect(message).toContain(REDACTED)
    for (const name of ['Policy', 'X-Amz-Signature', 'X-Amz-Credential']) {
      expect(fields[name]!.length).toBeGreaterThan(6)
      expect(JSON.stringify(error)).not.toContain(fields[name])
      expect(inspect(error, { depth: 20 })).not.toContain(fields[name])
    }
  })

  it('a refused PUT is a typed error without the URL signature; an unreachable target is a NetworkError', async () => {
    let signature = ''
    const tamper = async (request: Request) => {
      const url = new URL(request.url)
      signature = url.searchParams.get('sig')!
      url.searchParams.set('exp', String(Date.now() + 10 ** 9))
      return new Request(url, { method: 'PUT', body: await request.arrayBuffer(), headers: request.headers })
    }
    const { page } = await setup('put', tamper)
    const image = page.children.addNew('image') as ImageBlock
    const error = await image.uploadFile(new Blob([PNG]), { name: 'x.png' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(NotionApiError)
    // The file store answers as S3 does: an XML AccessDenied, read into the error's name and message.
    expect(error).toMatchObject({ status: 403, notionName: 'AccessDenied', endpoint: 'upload', request: { method: 'PUT' } })
    expect((error as Error).message).toContain('the file store refused the upload (403 AccessDenied: Access Denied)')
    expect(signature).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(error)).not.toContain(signature)
    expect(inspect(error, { depth: 20 })).not.toContain(signature)

    const unreachable = await setup('post', async (request) => new Request(request.url.replace(/:\d+\//, ':1/'), { method: 'POST', body: await request.formData() }))
    const other = unreachable.page.children.addNew('image') as ImageBlock
    const failed = await other.uploadFile(new Blob([PNG]), { name: 'y.png' }).catch((caught: unknown) => caught)
    expect(failed).toBeInstanceOf(NetworkError)
    expect(other.fileId).toBeUndefined()
  })

  it('fileIdOf: the attachment: URI, an S3 or emulator URL, else the policy key', () => {
    expect(fileIdOf('attachment:4f1c2d3e-0000-4000-8000-000000000001:a b.png')).toBe('4f1c2d3e-0000-4000-8000-000000000001')
    expect(fileIdOf('https://s3-us-west-2.amazonaws.com/secure.notion-static.com/246e2166-e2d6-4396-82b5-559c723f57f9/test_file.svg')).toBe(
      '246e2166-e2d6-4396-82b5-559c723f57f9',
    )
    expect(fileIdOf('notion-file', 'space-id/246e2166-e2d6-4396-82b5-559c723f57f9/test.svg')).toBe('246e2166-e2d6-4396-82b5-559c723f57f9')
    expect(() => fileIdOf('notion-file')).toThrow(/no file id/)
  })
})
