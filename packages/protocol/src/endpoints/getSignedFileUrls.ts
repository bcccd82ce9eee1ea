import { z } from 'zod'
import { recordPointerSchema } from './recordPointer.js'

/** One URL to sign, with the record whose permissions decide whether the caller may see it. */
export const signedFileUrlRequestSchema = z.looseObject({
  url: z.string(),
  permissionRecord: recordPointerSchema.optional(),
})
export type SignedFileUrlRequest = z.infer<typeof signedFileUrlRequestSchema>

export const getSignedFileUrlsRequestSchema = z.looseObject({
  urls: z.array(signedFileUrlRequestSchema),
})
export type GetSignedFileUrlsRequest = z.infer<typeof getSignedFileUrlsRequestSchema>

/** Positional: `signedUrls[i]` answers `urls[i]`; `""` where the caller may not see the file. */
export const getSignedFileUrlsResponseSchema = z.looseObject({
  signedUrls: z.array(z.string()),
})
export type GetSignedFileUrlsResponse = z.infer<typeof getSignedFileUrlsResponseSchema>
