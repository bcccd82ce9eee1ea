import { describe, expect, it } from 'vitest'
import { getUploadFileUrlResponseSchema, isPostUploadSlot, type GetUploadFileUrlResponse } from '../src/index.js'

// docs/protocol.md#file-uploads: notion-py/KJK's answer, and the 2026 one the upload research note recorded.
const OLD = {
  url: 'https://s3-us-west-2.amazonaws.com/secure.notion-static.com/246e2166-e2d6-4396-82b5-559c723f57f9/test_file.svg',
  signedGetUrl: 'https://s3-us-west-2.amazonaws.com/secure.notion-static.com/246e2166/test_file.svg?X-Amz-Signature=g',
  signedPutUrl: 'https://s3-us-west-2.amazonaws.com/secure.notion-static.com/246e2166/test_file.svg?X-Amz-Signature=p',
}
const NEW = {
  type: 'POST',
  url: 'attachment:246e2166-e2d6-4396-82b5-559c723f57f9:test_file.svg',
  signedGetUrl: 'https://file.notion.so/f/f/x/test_file.svg?X-Amz-Expires=21600',
  signedUploadPostUrl: 'https://s3.us-west-2.amazonaws.com/public.notion-static.com',
  postHeaders: [],
  fields: { key: 'space/246e2166-e2d6-4396-82b5-559c723f57f9/test_file.svg', Policy: 'eyJ9', 'X-Amz-Signature': 'abc', tagging: '<Tagging/>' },
  signedToken: 'a'.repeat(43) + '=',
  customerKeyApplied: false,
}

function parse(body: unknown): GetUploadFileUrlResponse {
  return getUploadFileUrlResponseSchema.parse(body)
}

describe('getUploadFileUrl response: both shapes', () => {
  it('reads the older PUT slot and the 2026 POST slot, and tells them apart', () => {
    const old = parse(OLD)
    expect(isPostUploadSlot(old)).toBe(false)
    expect(old).toEqual(OLD)
    const post = parse(NEW)
    expect(isPostUploadSlot(post)).toBe(true)
    if (isPostUploadSlot(post)) expect(post.fields['key']).toContain('246e2166')
    // `type: "PUT"` with putHeaders, as some clients handle, is the PUT slot.
    expect(isPostUploadSlot(parse({ ...OLD, type: 'PUT', putHeaders: [{ name: 'x-amz-tagging', value: 't' }] }))).toBe(false)
    // Without `type`, a signedUploadPostUrl with fields is the POST slot (other upload endpoints answer so).
    const { type: _type, ...untyped } = NEW
    expect(isPostUploadSlot(parse(untyped))).toBe(true)
  })

  it('refuses answers that are neither', () => {
    const { fields: _fields, ...noFields } = NEW
    const { signedPutUrl: _put, ...noPut } = OLD
    for (const body of [noFields, noPut, { ...NEW, type: 'PATCH' }, { ...NEW, fields: { key: 5 } }, { ...OLD, type: 'POST' }]) {
      expect(getUploadFileUrlResponseSchema.safeParse(body).success, JSON.stringify(body)).toBe(false)
    }
  })
})
