import { readdirSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { describe, expect, it } from 'vitest'
import { postUploadSlotSchema, type PostUploadSlot } from '@notion-rx/protocol'
import { post, testEmulator } from '../src/testing/testEmulator.js'
import type { Emulator, EmulatorOptions } from '../src/index.js'

async function setup(options: EmulatorOptions = {}) {
  const emu = await testEmulator(options)
  const ada = emu.createUser({ email: 'ada@example.com' })
  return { emu, ada }
}

async function slotFor(emu: Emulator, tokenV2: string, body: Record<string, unknown> = {}): Promise<PostUploadSlot> {
  const response = await post(emu, 'getUploadFileUrl', { bucket: 'public', name: 'notes.txt', contentType: 'text/plain', ...body }, { tokenV2 })
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return postUploadSlotSchema.parse(response.body)
}

function fileIdOf(slot: PostUploadSlot): string {
  return /^attachment:([0-9a-f-]{36}):/.exec(slot.url)![1]!
}

type Part = [name: string, value: string] | [name: string, value: Blob, fileName: string]

/** The form as a client builds it: every policy field, then the file (or the given parts). */
function formOf(slot: PostUploadSlot, file: Blob | string, parts?: Part[]): FormData {
  const form = new FormData()
  const all: Part[] = parts ?? [...Object.entries(slot.fields), ['file', typeof file === 'string' ? new Blob([file]) : file, 'notes.txt']]
  for (const part of all) {
    if (part.length === 3) form.append(part[0], part[1], part[2])
    else form.append(part[0], part[1])
  }
  return form
}

async function upload(slot: PostUploadSlot, form: FormData): Promise<{ status: number; code: string | undefined; text: string }> {
  const response = await fetch(slot.signedUploadPostUrl, { method: 'POST', body: form })
  const text = await response.text()
  return { status: response.status, code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1], text }
}

function storedFiles(emu: Emulator): string[] {
  return readdirSync(emu.context.filesDir).sort()
}

function withField(slot: PostUploadSlot, name: string, value: string): PostUploadSlot {
  return { ...slot, fields: { ...slot.fields, [name]: value } }
}

describe("files (uploads: 'post', Notion's 2026 slot)", () => {
  it('answers the 2026 shape by default; a multipart POST of the fields then the file is a 204 and the bytes read back', async () => {
    const { emu, ada } = await setup()
    const slot = await slotFor(emu, ada.tokenV2, { name: 'report final.pdf', contentType: 'application/pdf', contentLength: 70_000 })
    expect(slot).toMatchObject({ type: 'POST', postHeaders: [], customerKeyApplied: false, signedUploadPostUrl: `${emu.url}/uploads` })
    expect(slot.url).toMatch(/^attachment:[0-9a-f-]{36}:report final\.pdf$/)
    const fileId = fileIdOf(slot)
    expect(slot.signedGetUrl).toMatch(new RegExp(`^${emu.url}/files/${fileId}/report%20final\\.pdf\\?exp=\\d+&sig=[0-9a-f]{64}$`))
    expect(slot.signedToken).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(Object.keys(slot.fields)).toEqual(['Content-Type', 'tagging', 'bucket', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'key', 'Policy', 'X-Amz-Signature'])
    expect(slot.fields).toMatchObject({ key: `${fileId}/report final.pdf`, 'Content-Type': 'application/pdf', bucket: 'uploads' })
    const policy = JSON.parse(Buffer.from(slot.fields['Policy']!, 'base64').toString('utf8'))
    expect(policy.conditions).toContainEqual(['eq', '$key', `${fileId}/report final.pdf`])
    // The declared size, not the server's limit (S3 holds the POST to it).
    expect(policy.conditions).toContainEqual(['content-length-range', 0, 70_000])
    expect(Date.parse(policy.expiration) - Date.now()).toBeGreaterThan(55 * 60 * 1000)

    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31 + 7) % 256))
    const response = await fetch(slot.signedUploadPostUrl, { method: 'POST', body: formOf(slot, new Blob([bytes], { type: 'application/pdf' })) })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')

    const get = await fetch(slot.signedGetUrl)
    expect(get.status).toBe(200)
    expect(get.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await get.arrayBuffer()).equals(bytes)).toBe(true)
    expect(storedFiles(emu)).toEqual([fileId])
    expect(emu.context.db.prepare('SELECT size FROM files WHERE id = ?').get(fileId)).toEqual({ size: 70_000 })

    // The generic and space aliases hand out the same shape.
    for (const endpoint of ['getUploadGenericFileUrl', 'getUploadSpaceFileUrl']) {
      const alias = await post(emu, endpoint, { bucket: 'public', name: 'a.png', contentType: 'image/png' }, { tokenV2: ada.tokenV2 })
      expect(postUploadSlotSchema.parse(alias.body).type).toBe('POST')
    }
  })

  it("only the public bucket, as Notion answered in 2026; 'secure' stays available with uploads: 'put'", async () => {
    const { emu, ada } = await setup()
    for (const bucket of ['secure', 'private']) {
      const response = await post(emu, 'getUploadFileUrl', { bucket, name: 'a.png', contentType: 'image/png' }, { tokenV2: ada.tokenV2 })
      expect(response.status, bucket).toBe(400)
      expect(response.body.name).toBe('ValidationError')
    }
    expect(emu.context.db.prepare('SELECT count(*) AS n FROM files').get()).toEqual({ n: 0 })
    const old = await setup({ uploads: 'put' })
    const secure = await post(old.emu, 'getUploadFileUrl', { bucket: 'secure', name: 'a.png', contentType: 'image/png' }, { tokenV2: old.ada.tokenV2 })
    expect(secure.status).toBe(200)
    expect(Object.keys(secure.body).sort()).toEqual(['signedGetUrl', 'signedPutUrl', 'url'])
    await expect(testEmulator({ uploads: 'patch' as never })).rejects.toThrow(/uploads must be one of 'post', 'put', not "patch"/)
  })

  it('a wrong signature, or a policy changed under its signature, is a 403 SignatureDoesNotMatch and nothing is stored', async () => {
    const { emu, ada } = await setup()
    const slot = await slotFor(emu, ada.tokenV2)
    const signature = slot.fields['X-Amz-Signature']!
    const flipped = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1)
    const policy = JSON.parse(Buffer.from(slot.fields['Policy']!, 'base64').toString('utf8'))
    policy.conditions = policy.conditions.map((condition: unknown) =>
      Array.isArray(condition) && condition[0] === 'content-length-range' ? ['content-length-range', 0, 10 ** 12] : condition,
    )
    const widened = Buffer.from(JSON.stringify(policy)).toString('base64')
    for (const bad of [withField(slot, 'X-Amz-Signature', flipped), withField(slot, 'Policy', widened), withField(slot, 'X-Amz-Signature', 'x')]) {
      const result = await upload(bad, formOf(bad, 'hello'))
      expect(result.status).toBe(403)
      expect(result.code).toBe('SignatureDoesNotMatch')
    }
    // As S3 does, the error echoes what was signed and what was sent.
    const echoed = await upload(slot, formOf(withField(slot, 'X-Amz-Signature', flipped), 'hello'))
    expect(echoed.text).toContain(`<SignatureProvided>${flipped}</SignatureProvided>`)
    const missing = { ...slot, fields: Object.fromEntries(Object.entries(slot.fields).filter(([name]) => name !== 'X-Amz-Signature')) }
    expect(await upload(missing, formOf(missing, 'hello'))).toMatchObject({ status: 403, code: 'AccessDenied' })
    expect(storedFiles(emu)).toEqual([])
    expect((await fetch(slot.signedGetUrl)).status).toBe(404)
    expect(await upload(slot, formOf(slot, 'hello'))).toMatchObject({ status: 204 })
    expect(await (await fetch(slot.signedGetUrl)).text()).toBe('hello')
  })

  it('an expired policy is a 403 AccessDenied', async () => {
    let now = 1_700_000_000_000
    const { emu, ada } = await setup({ now: () => now })
    const slot = await slotFor(emu, ada.tokenV2)
    now += 61 * 60 * 1000
    const result = await upload(slot, formOf(slot, 'late'))
    expect(result).toMatchObject({ status: 403, code: 'AccessDenied' })
    expect(result.text).toContain('Policy expired.')
    expect(storedFiles(emu)).toEqual([])
    now -= 2 * 60 * 1000
    expect((await upload(slot, formOf(slot, 'in time'))).status).toBe(204)
  })

  it("a key other than the policy's, an extra field, a missing key or a file before the fields is refused", async () => {
    const { emu, ada } = await setup()
    const slot = await slotFor(emu, ada.tokenV2)
    const other = await slotFor(emu, ada.tokenV2, { name: 'other.txt' })
    // Another slot's key under this slot's policy: the key condition fails.
    const swapped = withField(slot, 'key', other.fields['key']!)
    const result = await upload(swapped, formOf(swapped, 'x'))
    expect(result).toMatchObject({ status: 403, code: 'AccessDenied' })
    expect(result.text).toContain('Policy Condition failed: [&#34;eq&#34;,&#34;$key&#34;')
    const renamed = withField(slot, 'key', slot.fields['key']!.replace('notes.txt', 'evil.txt'))
    expect(await upload(renamed, formOf(renamed, 'x'))).toMatchObject({ status: 403, code: 'AccessDenied' })
    const typed = withField(slot, 'Content-Type', 'text/html')
    expect(await upload(typed, formOf(typed, 'x'))).toMatchObject({ status: 403, code: 'AccessDenied' })
    const extra = withField(slot, 'acl', 'public-read')
    const extraResult = await upload(extra, formOf(extra, 'x'))
    expect(extraResult).toMatchObject({ status: 403, code: 'AccessDenied' })
    expect(extraResult.text).toContain('Extra input fields: acl')
    const keyless = { ...slot, fields: Object.fromEntries(Object.entries(slot.fields).filter(([name]) => name !== 'key')) }
    expect(await upload(keyless, formOf(keyless, 'x'))).toMatchObject({ status: 400, code: 'InvalidArgument' })
    // S3 reads the fields before the file: a file sent first has no key to go to.
    const fileFirst = formOf(slot, '', [['file', new Blob(['x']), 'notes.txt'], ...Object.entries(slot.fields)])
    expect(await upload(slot, fileFirst)).toMatchObject({ status: 400, code: 'InvalidArgument' })
    expect(await upload(slot, formOf(slot, '', Object.entries(slot.fields)))).toMatchObject({ status: 400, code: 'InvalidArgument' })
    expect(storedFiles(emu)).toEqual([])
    // Fields after the file are ignored, as S3 does; x-ignore- fields need no condition.
    const trailing = formOf(slot, '', [['x-ignore-note', 'n'], ...Object.entries(slot.fields), ['file', new Blob(['ok']), 'notes.txt'], ['acl', 'public-read']])
    expect(await upload(slot, trailing)).toMatchObject({ status: 204 })
    expect(storedFiles(emu)).toEqual([fileIdOf(slot)])
  })

  it("a file larger than the policy's content-length-range is a 400 EntityTooLarge and nothing is stored; exactly at the limit is stored", async () => {
    const { emu, ada } = await setup({ maxUploadBytes: 1024 })
    const slot = await slotFor(emu, ada.tokenV2)
    expect(await upload(slot, formOf(slot, new Blob([Buffer.alloc(1025, 1)])))).toMatchObject({ status: 400, code: 'EntityTooLarge' })
    expect(storedFiles(emu)).toEqual([])
    // A body far past the limit is refused from its declared length, without reading it.
    expect(await upload(slot, formOf(slot, new Blob([Buffer.alloc(400 * 1024, 2)])))).toMatchObject({ status: 400, code: 'EntityTooLarge' })
    // And a chunked one (no declared length) is cut off once it passes the limit.
    const chunked = await postChunked(slot, [Buffer.alloc(200 * 1024, 3), Buffer.alloc(200 * 1024, 4)])
    expect(chunked).toBe(400)
    expect(storedFiles(emu)).toEqual([])
    expect((await fetch(slot.signedGetUrl)).status).toBe(404)

    const exact = Buffer.alloc(1024, 9)
    expect(await upload(slot, formOf(slot, new Blob([exact])))).toMatchObject({ status: 204 })
    expect(Buffer.from(await (await fetch(slot.signedGetUrl)).arrayBuffer()).equals(exact)).toBe(true)
    expect(storedFiles(emu)).toEqual([fileIdOf(slot)])
  })

  it('other methods, other content types and malformed bodies get S3 errors, never a crash', async () => {
    const { emu, ada } = await setup()
    const slot = await slotFor(emu, ada.tokenV2)
    expect((await fetch(`${emu.url}/uploads`)).status).toBe(405)
    const json = await fetch(`${emu.url}/uploads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(json.status).toBe(412)
    expect(json.headers.get('content-type')).toBe('application/xml')
    const broken = await fetch(`${emu.url}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="key"\r\n\r\nabc',
    })
    expect(broken.status).toBe(400)
    expect(await upload(slot, formOf(slot, 'still fine'))).toMatchObject({ status: 204 })
  })

  it('getSignedFileUrls signs the attachment: URI for a block that refers to it', async () => {
    const { emu, ada } = await setup()
    const bob = emu.createUser({ email: 'bob@example.com' })
    const slot = await slotFor(emu, ada.tokenV2, { name: 'photo.png', contentType: 'image/png' })
    expect((await upload(slot, formOf(slot, 'PNG'))).status).toBe(204)
    const page = emu.context.records.inSpace(ada.spaceId, 'block').find((record) => record.value['type'] === 'page')!
    emu.context.records.put('block', page.id, { ...page.value, version: page.version + 1, properties: { source: [[slot.url]] }, file_ids: [fileIdOf(slot)] })
    const body = { urls: [{ url: slot.url, permissionRecord: { table: 'block', id: page.id, spaceId: ada.spaceId } }] }
    const signed = (await post(emu, 'getSignedFileUrls', body, { tokenV2: ada.tokenV2 })).body.signedUrls[0]
    expect(signed).toMatch(/\/files\/[0-9a-f-]{36}\/photo\.png\?exp=\d+&sig=/)
    expect(await (await fetch(signed)).text()).toBe('PNG')
    expect((await post(emu, 'getSignedFileUrls', body, { tokenV2: bob.tokenV2 })).body.signedUrls).toEqual([''])
  })
})

/** Posts the slot's fields then a file sent in chunks, with no content-length. */
function postChunked(slot: PostUploadSlot, chunks: Buffer[]): Promise<number> {
  const boundary = 'notionrxboundary'
  const head = Object.entries(slot.fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('')
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      slot.signedUploadPostUrl,
      { method: 'POST', headers: { 'transfer-encoding': 'chunked', 'content-type': `multipart/form-data; boundary=${boundary}` } },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    // Once answered, a reset while the rest is still being written changes nothing (reject is then a no-op).
    req.on('error', reject)
    req.write(`${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n`)
    for (const chunk of chunks) req.write(chunk)
    req.end(`\r\n--${boundary}--\r\n`)
  })
}
