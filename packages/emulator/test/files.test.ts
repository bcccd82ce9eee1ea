import { readdirSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { describe, expect, it } from 'vitest'
import { sanitizeFileName } from '../src/files/sanitizeFileName.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'
import type { Emulator, EmulatorOptions } from '../src/index.js'

interface UploadUrls {
  url: string
  signedGetUrl: string
  signedPutUrl: string
}

/** These tests were written for the older PUT slot: the emulator keeps it with `uploads: 'put'`. */
async function setup(options: EmulatorOptions = {}) {
  const emu = await testEmulator({ uploads: 'put', ...options })
  const ada = emu.createUser({ email: 'ada@example.com' })
  return { emu, ada }
}

async function uploadUrls(emu: Emulator, tokenV2: string, body: Record<string, unknown>): Promise<UploadUrls> {
  const response = await post<UploadUrls>(emu, 'getUploadFileUrl', body, { tokenV2 })
  expect(response.status).toBe(200)
  return response.body
}

function fileIdOf(url: string): string {
  return new URL(url).pathname.split('/')[2]!
}

/** Everything under filesDir, including partial uploads. */
function storedFiles(emu: Emulator): string[] {
  return readdirSync(emu.context.filesDir).sort()
}

/** Sends a chunked body (no content-length), so the server has to count the bytes itself. */
function putChunked(url: string, chunks: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'PUT', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    for (const chunk of chunks) req.write(chunk)
    req.end()
  })
}

describe("files (uploads: 'put', the older signed PUT)", () => {
  it('getUploadFileUrl hands out URLs on the emulator itself; PUT then GET round-trips the bytes', async () => {
    const { emu, ada } = await setup()
    const urls = await uploadUrls(emu, ada.tokenV2, { bucket: 'secure', name: 'report final.pdf', contentType: 'application/pdf' })
    for (const url of [urls.url, urls.signedGetUrl, urls.signedPutUrl]) expect(url.startsWith(`${emu.url}/files/`)).toBe(true)
    expect(urls.url).toMatch(/\/files\/[0-9a-f-]{36}\/report%20final\.pdf$/)
    expect(urls.signedPutUrl).not.toBe(urls.signedGetUrl)

    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31 + 7) % 256))
    const put = await fetch(urls.signedPutUrl, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/pdf' } })
    expect(put.status).toBe(200)

    const get = await fetch(urls.signedGetUrl)
    expect(get.status).toBe(200)
    expect(get.headers.get('content-type')).toBe('application/pdf')
    expect(get.headers.get('content-length')).toBe(String(bytes.length))
    expect(get.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await get.arrayBuffer()).equals(bytes)).toBe(true)
    // On disk under the id, never under the user's name.
    expect(storedFiles(emu)).toEqual([fileIdOf(urls.url)])
  })

  it('accepts the public bucket and the generic/space aliases, and rejects other buckets and bad bodies with 400', async () => {
    const { emu, ada } = await setup()
    for (const endpoint of ['getUploadGenericFileUrl', 'getUploadSpaceFileUrl']) {
      const response = await post(emu, endpoint, { bucket: 'public', name: 'a.png', contentType: 'image/png' }, { tokenV2: ada.tokenV2 })
      expect(response.status).toBe(200)
      expect(response.body.signedPutUrl).toContain(`${emu.url}/files/`)
    }
    const bad = [
      { bucket: 'private', name: 'a.png', contentType: 'image/png' },
      { bucket: 'public', name: '', contentType: 'image/png' },
      { bucket: 'public', name: 'a.png' },
      { bucket: 'public', name: 'a.png', contentType: 'text/plain\r\nset-cookie: x=1' },
      { bucket: 'public', name: 'a.png', contentType: 'image/png', contentLength: 10 ** 12 },
      { bucket: 'public', name: 'a.png', contentType: 'image/png', contentLength: -1 },
    ]
    for (const body of bad) {
      const response = await post(emu, 'getUploadFileUrl', body, { tokenV2: ada.tokenV2 })
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.name).toBe('ValidationError')
    }
    const anonymous = await post(emu, 'getUploadFileUrl', { bucket: 'public', name: 'a.png', contentType: 'image/png' })
    expect(anonymous.status).toBe(401)
    expect(emu.context.db.prepare('SELECT count(*) AS n FROM files').get()).toEqual({ n: 2 })
  })

  it('refuses an upload for a record the caller cannot edit', async () => {
    const { emu, ada } = await setup()
    const bob = emu.createUser({ email: 'bob@example.com' })
    const adaPage = emu.context.records.inSpace(ada.spaceId, 'block')[0]!
    const response = await post(
      emu,
      'getUploadFileUrl',
      { bucket: 'secure', name: 'x.png', contentType: 'image/png', record: { table: 'block', id: adaPage.id, spaceId: ada.spaceId } },
      { tokenV2: bob.tokenV2 },
    )
    expect(response.status).toBe(400)
    const own = await post(
      emu,
      'getUploadFileUrl',
      { bucket: 'secure', name: 'x.png', contentType: 'image/png', record: { table: 'block', id: adaPage.id } },
      { tokenV2: ada.tokenV2 },
    )
    expect(own.status).toBe(200)
  })

  it('an oversize upload is a 413 and nothing is stored, whether declared or streamed', async () => {
    const { emu, ada } = await setup({ maxUploadBytes: 1024 })
    const urls = await uploadUrls(emu, ada.tokenV2, { bucket: 'public', name: 'big.bin', contentType: 'application/octet-stream' })

    const declared = await fetch(urls.signedPutUrl, { method: 'PUT', body: Buffer.alloc(1025, 1) })
    expect(declared.status).toBe(413)
    expect(((await declared.json()) as { name: string }).name).toBe('PayloadTooLargeError')
    expect((await fetch(urls.signedGetUrl)).status).toBe(404)
    expect(storedFiles(emu)).toEqual([])

    const streamed = await putChunked(urls.signedPutUrl, [Buffer.alloc(600, 2), Buffer.alloc(600, 3)])
    expect(streamed).toBe(413)
    expect((await fetch(urls.signedGetUrl)).status).toBe(404)
    expect(storedFiles(emu)).toEqual([])

    // Exactly at the limit is fine, and a later oversize attempt leaves the stored file intact.
    const exact = Buffer.alloc(1024, 9)
    expect((await fetch(urls.signedPutUrl, { method: 'PUT', body: exact })).status).toBe(200)
    expect(await putChunked(urls.signedPutUrl, [Buffer.alloc(700, 4), Buffer.alloc(700, 5)])).toBe(413)
    const get = await fetch(urls.signedGetUrl)
    expect(Buffer.from(await get.arrayBuffer()).equals(exact)).toBe(true)
    expect(storedFiles(emu)).toEqual([fileIdOf(urls.url)])
    expect(emu.context.db.prepare('SELECT size FROM files').get()).toEqual({ size: 1024 })
  })

  it('traversal names never escape filesDir and are sanitized in the URL', async () => {
    const { emu, ada } = await setup()
    const cases: Array<[string, string]> = [
      ['../../etc/passwd', 'passwd'],
      ['a/b', 'b'],
      ['..\\x', 'x'],
      ['evil\u0000.txt', 'evil.txt'],
      ['..', 'file'],
      ['x/..', 'file'],
      ['C:\\Windows\\system32\\drivers', 'drivers'],
      ['what?<is>:"this"|*.txt', 'what__is___this___.txt'],
    ]
    for (const [name, expected] of cases) {
      const urls = await uploadUrls(emu, ada.tokenV2, { bucket: 'public', name, contentType: 'text/plain' })
      const url = new URL(urls.url)
      const segments = url.pathname.split('/')
      expect(segments.length, name).toBe(4)
      expect(decodeURIComponent(segments[3]!), name).toBe(expected)
      const put = await fetch(urls.signedPutUrl, { method: 'PUT', body: `content of ${JSON.stringify(name)}` })
      expect(put.status, name).toBe(200)
      const get = await fetch(urls.signedGetUrl)
      expect(await get.text()).toBe(`content of ${JSON.stringify(name)}`)
    }
    // Only id-named files directly in filesDir: nothing was written anywhere else.
    const files = storedFiles(emu)
    expect(files).toHaveLength(cases.length)
    for (const file of files) expect(file).toMatch(/^[0-9a-f-]{36}$/)
    expect(sanitizeFileName('x'.repeat(500) + '.png')).toHaveLength(200)
    expect(sanitizeFileName('x'.repeat(500) + '.png').endsWith('.png')).toBe(true)
  })

  it('a bad, missing, swapped or expired signature, or an unknown file id, is a 403', async () => {
    let now = 1_700_000_000_000
    const { emu, ada } = await setup({ now: () => now })
    const urls = await uploadUrls(emu, ada.tokenV2, { bucket: 'public', name: 'a.txt', contentType: 'text/plain' })
    const put = new URL(urls.signedPutUrl)
    const tampered = new URL(put)
    const sig = tampered.searchParams.get('sig')!
    tampered.searchParams.set('sig', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1))
    const longer = new URL(put)
    longer.searchParams.set('exp', String(now + 10 ** 9))
    const renamed = new URL(put.href.replace('/a.txt?', '/b.txt?'))
    const unknown = new URL(put.href.replace(fileIdOf(urls.url), '00000000-0000-4000-8000-000000000000'))
    const traversal = `${emu.url}/files/${fileIdOf(urls.url)}/..%2F..%2Fetc%2Fpasswd${put.search}`
    for (const target of [tampered.href, longer.href, renamed.href, unknown.href, urls.url, traversal, urls.signedGetUrl]) {
      const response = await fetch(target, { method: 'PUT', body: 'x' })
      expect(response.status, target).toBe(403)
    }
    expect(storedFiles(emu)).toEqual([])
    expect((await fetch(urls.signedPutUrl, { method: 'PUT', body: 'hello' })).status).toBe(200)
    // GET needs the GET signature: the PUT one and the bare URL do not read.
    expect((await fetch(urls.signedPutUrl)).status).toBe(403)
    expect((await fetch(urls.url)).status).toBe(403)
    expect(await (await fetch(urls.signedGetUrl)).text()).toBe('hello')
    now += 7 * 60 * 60 * 1000
    expect((await fetch(urls.signedGetUrl)).status).toBe(403)
    expect((await fetch(urls.signedPutUrl, { method: 'PUT', body: 'overwrite' })).status).toBe(403)
    expect((await fetch(`${emu.url}/files/`, { method: 'DELETE' })).status).toBe(405)
  })

  it('getSignedFileUrls: positional, foreign URLs unchanged, "" for unreadable records, fresh URLs for own files', async () => {
    let now = 1_700_000_000_000
    const { emu, ada } = await setup({ now: () => now })
    const bob = emu.createUser({ email: 'bob@example.com' })
    const urls = await uploadUrls(emu, ada.tokenV2, { bucket: 'secure', name: 'photo.png', contentType: 'image/png' })
    expect((await fetch(urls.signedPutUrl, { method: 'PUT', body: 'PNG' })).status).toBe(200)

    // Attach the file to Ada's page (as a client does with an update op after uploading).
    const page = emu.context.records.inSpace(ada.spaceId, 'block').find((record) => record.value['type'] === 'page')!
    emu.context.records.put('block', page.id, { ...page.value, version: page.version + 1, file_ids: [fileIdOf(urls.url)] })
    const other = emu.context.records.inSpace(ada.spaceId, 'block').find((record) => record.value['type'] !== 'page')!
    const foreign = 'https://s3.us-west-2.amazonaws.com/secure.notion-static.com/x/y.pdf'
    const permissionRecord = { table: 'block', id: page.id, spaceId: ada.spaceId }
    const body = {
      urls: [
        { url: foreign, permissionRecord },
        { url: urls.url, permissionRecord },
        { url: foreign },
        { url: urls.url, permissionRecord: { table: 'block', id: '00000000-0000-4000-8000-000000000000' } },
        { url: urls.url, permissionRecord: { table: 'block', id: other.id } },
        { url: `${emu.url}/files/00000000-0000-4000-8000-000000000000/x.png` },
        { url: `attachment:${fileIdOf(urls.url)}:photo.png`, permissionRecord },
      ],
    }
    now += 60_000
    const asAda = await post(emu, 'getSignedFileUrls', body, { tokenV2: ada.tokenV2 })
    expect(asAda.status).toBe(200)
    const signed: string[] = asAda.body.signedUrls
    expect(signed).toHaveLength(7)
    expect(signed[0]).toBe(foreign)
    expect(signed[1]).toMatch(new RegExp(`^${urls.url.replace(/[.?]/g, '\\$&')}\\?exp=\\d+&sig=[0-9a-f]{64}$`))
    expect(signed[1]).not.toBe(urls.signedGetUrl)
    expect(signed[2]).toBe(foreign)
    expect(signed[3]).toBe('')
    // Readable record that does not refer to the file: still fine for the uploader.
    expect(signed[4]).toMatch(/sig=/)
    expect(signed[5]).toBe('')
    expect(signed[6]).toMatch(/sig=/)
    expect(await (await fetch(signed[1]!)).text()).toBe('PNG')
    expect(await (await fetch(signed[6]!)).text()).toBe('PNG')

    // Bob reads nothing of Ada's; anonymous callers neither.
    for (const auth of [{ tokenV2: bob.tokenV2 }, {}]) {
      const response = await post(emu, 'getSignedFileUrls', body, auth)
      expect(response.status).toBe(200)
      expect(response.body.signedUrls).toEqual(['', '', foreign, '', '', '', ''])
    }

    const invalid = await post(emu, 'getSignedFileUrls', { urls: [{ url: 5 }] }, { tokenV2: ada.tokenV2 })
    expect(invalid.status).toBe(400)
    expect((await post(emu, 'getSignedFileUrls', { urls: [] }, { tokenV2: ada.tokenV2 })).body).toEqual({ signedUrls: [] })
  })

  it('the signing secret is kept in the database and survives a restart of a file-backed emulator', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = mkdtempSync(join(tmpdir(), 'notion-rx-files-test-'))
    try {
      const db = join(dir, 'emu.sqlite')
      const first = await testEmulator({ db, uploads: 'put' })
      const ada = first.createUser({ email: 'ada@example.com' })
      const urls = await uploadUrls(first, ada.tokenV2, { bucket: 'public', name: 'keep.txt', contentType: 'text/plain' })
      expect((await fetch(urls.signedPutUrl, { method: 'PUT', body: 'kept' })).status).toBe(200)
      await first.close()
      // A new port (and connection): the signature covers the file, not the origin.
      const second = await testEmulator({ db, uploads: 'put' })
      expect(await (await fetch(urls.signedGetUrl.replace(first.url, second.url))).text()).toBe('kept')
      await second.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
