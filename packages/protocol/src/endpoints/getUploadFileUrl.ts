import { z } from 'zod'
import { recordPointerSchema } from './recordPointer.js'

/**
 * Buckets the emulator accepts: `secure` (tied to a record, older clients) and `public` (the only
 * one Notion accepted in 2026, docs/protocol.md#file-uploads; `secure`/`private` were a 400 there).
 */
export const UPLOAD_BUCKETS = ['secure', 'public'] as const
export type UploadBucket = (typeof UPLOAD_BUCKETS)[number]

/**
 * getUploadFileUrl (and getUploadGenericFileUrl / getUploadSpaceFileUrl), old body
 * (docs/protocol.md#file-uploads): `{bucket, name, contentType}` plus `record`, `contentLength`,
 * `supportExtraHeaders` from newer clients.
 */
export const getUploadFileUrlRequestSchema = z.looseObject({
  bucket: z.enum(UPLOAD_BUCKETS),
  name: z.string().min(1).max(4096),
  contentType: z.string().max(255),
  record: recordPointerSchema.optional(),
  contentLength: z.number().int().nonnegative().optional(),
  supportExtraHeaders: z.boolean().optional(),
})
export type GetUploadFileUrlRequest = z.infer<typeof getUploadFileUrlRequestSchema>

/** An extra header the upload request must carry (`postHeaders` / `putHeaders`; `[]` in practice). */
export const uploadHeaderSchema = z.looseObject({ name: z.string(), value: z.string() })
export type UploadHeader = z.infer<typeof uploadHeaderSchema>

/**
 * The old slot (KJK, notion-py): `url` is the permanent S3 address, the client PUTs the bytes to
 * `signedPutUrl`. Some clients also saw `type: "PUT"` with `putHeaders`.
 */
export const putUploadSlotSchema = z.looseObject({
  type: z.literal('PUT').optional(),
  url: z.string(),
  signedGetUrl: z.string(),
  signedPutUrl: z.string(),
  putHeaders: z.array(uploadHeaderSchema).optional(),
})
export type PutUploadSlot = z.infer<typeof putUploadSlotSchema>

/**
 * The 2026 slot (docs/protocol.md#file-uploads): `url` is an `attachment:<fileId>:<name>` URI; the client POSTs a
 * multipart form to `signedUploadPostUrl` (the bucket root) with every `fields` entry (S3
 * POST-policy fields: key, Policy, X-Amz-Signature, …) first and the file last; S3 answers 204.
 * `signedGetUrl` reads the file for 6 h.
 */
export const postUploadSlotSchema = z.looseObject({
  type: z.literal('POST').optional(),
  url: z.string(),
  signedGetUrl: z.string(),
  signedUploadPostUrl: z.string(),
  postHeaders: z.array(uploadHeaderSchema).optional(),
  fields: z.record(z.string(), z.string()),
  signedToken: z.string().optional(),
  customerKeyApplied: z.boolean().optional(),
})
export type PostUploadSlot = z.infer<typeof postUploadSlotSchema>

/** Either shape; tell them apart with `isPostUploadSlot`. */
export const getUploadFileUrlResponseSchema = z.union([postUploadSlotSchema, putUploadSlotSchema])
export type GetUploadFileUrlResponse = PostUploadSlot | PutUploadSlot

/**
 * True for the 2026 POST slot. `type` decides when present; without it, a `signedUploadPostUrl`
 * does (the order the response schema tries the shapes in).
 */
export function isPostUploadSlot(slot: GetUploadFileUrlResponse): slot is PostUploadSlot {
  if (slot.type !== undefined) return slot.type === 'POST'
  return typeof (slot as Partial<PostUploadSlot>).signedUploadPostUrl === 'string'
}
