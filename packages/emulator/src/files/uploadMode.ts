/**
 * Which getUploadFileUrl answer the emulator gives: `post`, Notion's 2026 shape (an S3 POST policy,
 * an `attachment:` URI, only the `public` bucket), or `put`, the older one (a signed PUT URL and a
 * permanent file URL; `secure` and `public` buckets) that clients like notion-py still speak.
 */
export const UPLOAD_MODES = ['post', 'put'] as const
export type UploadMode = (typeof UPLOAD_MODES)[number]

export function isUploadMode(value: unknown): value is UploadMode {
  return (UPLOAD_MODES as readonly unknown[]).includes(value)
}
