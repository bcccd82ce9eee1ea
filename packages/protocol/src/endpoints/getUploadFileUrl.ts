import { z } from 'zod'
import { recordPointerSchema } from './recordPointer.js'

/** Buckets the emulator accepts: `secure` (tied to a record, older clients) and `public` (2026 clients). */
export const UPLOAD_BUCKETS = ['secure', 'public'] as const
export type UploadBucket = (typeof UPLOAD_BUCKETS)[number]

/**
 * getUploadFileUrl (and getUploadGenericFileUrl / getUploadSpaceFileUrl), old body
 * (protocol.md §2.10): `{bucket, name, contentType}` plus `record`, `contentLength`,
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

/** `url` is the permanent (unsigned) address; the client PUTs the bytes to `signedPutUrl`. */
export const getUploadFileUrlResponseSchema = z.looseObject({
  url: z.string(),
  signedGetUrl: z.string(),
  signedPutUrl: z.string(),
})
export type GetUploadFileUrlResponse = z.infer<typeof getUploadFileUrlResponseSchema>
