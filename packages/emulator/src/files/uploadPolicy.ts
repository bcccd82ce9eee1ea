import { z } from 'zod'
import type { FileSigner } from './fileSigner.js'

/** The emulated S3 bucket; POST uploads go to its root, `<origin>/uploads`, as S3's path-style URLs. */
export const UPLOAD_BUCKET = 'uploads'
export const UPLOAD_PATH = `/${UPLOAD_BUCKET}`

// Shape only: the emulator signs with its own HMAC over the policy text, not with AWS keys.
const ALGORITHM = 'AWS4-HMAC-SHA256'
const TAGGING = '<Tagging><TagSet><Tag><Key>uploader</Key><Value>notion-rx-emulator</Value></Tag></TagSet></Tagging>'

/** What S3 answers when a POST does not satisfy its policy: a status and an XML `<Error>`. */
export interface S3Failure {
  status: number
  code: string
  message: string
  /** Further `<Error>` elements, as S3 adds (`StringToSign`, `SignatureProvided`). */
  details?: Record<string, string>
}

export type PolicyVerdict = { ok: true; key: string; minBytes: number; maxBytes: number } | { ok: false; failure: S3Failure }

export interface PolicyInput {
  key: string
  contentType: string
  /** Largest accepted file, in bytes (the policy's `content-length-range`). */
  maxBytes: number
  expiresAt: number
  now: number
}

/** `20260103T040506Z`, as `X-Amz-Date`. */
function amzDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

/**
 * The form fields of a POST upload, as S3's POST policies have them (docs/protocol.md#file-uploads): the
 * object `key`, `Content-Type`, `tagging`, the signing fields, the base64 `Policy` listing a
 * condition for each of them plus `content-length-range`, and `X-Amz-Signature` over the policy.
 */
export function uploadPolicyFields(signer: FileSigner, input: PolicyInput): Record<string, string> {
  const date = amzDate(input.now)
  const signed: Record<string, string> = {
    'Content-Type': input.contentType,
    tagging: TAGGING,
    bucket: UPLOAD_BUCKET,
    'X-Amz-Algorithm': ALGORITHM,
    'X-Amz-Credential': `notion-rx-emulator/${date.slice(0, 8)}/us-west-2/s3/aws4_request`,
    'X-Amz-Date': date,
  }
  const conditions: PolicyCondition[] = [
    ...Object.entries(signed).map(([name, value]) => ({ [name]: value })),
    ['eq', '$key', input.key],
    ['content-length-range', 0, input.maxBytes],
  ]
  const policy = Buffer.from(JSON.stringify({ expiration: new Date(input.expiresAt).toISOString(), conditions })).toString('base64')
  return { ...signed, key: input.key, Policy: policy, 'X-Amz-Signature': signer.signPolicy(policy) }
}

const conditionSchema = z.union([
  z.record(z.string(), z.string()),
  z.tuple([z.string(), z.union([z.string(), z.number()]), z.union([z.string(), z.number()])]),
])
type PolicyCondition = z.infer<typeof conditionSchema>
const policySchema = z.object({ expiration: z.string(), conditions: z.array(conditionSchema) })

/** Fields S3 never expects a condition for. */
const UNCONDITIONED = new Set(['policy', 'x-amz-signature', 'file'])

function denied(message: string): { ok: false; failure: S3Failure } {
  return { ok: false, failure: { status: 403, code: 'AccessDenied', message } }
}

function conditionFailed(condition: PolicyCondition): { ok: false; failure: S3Failure } {
  return denied(`Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`)
}

/**
 * Checks a POST upload's form fields (names lowercased, the file excluded) as S3 does before it
 * stores anything: a `key`, the signature over `Policy`, the policy's expiry, every condition
 * (`{name: value}`, `eq`, `starts-with`; `content-length-range` is returned for the caller to
 * apply while the file streams in), and no field the policy does not mention.
 */
export function checkUploadPolicy(signer: FileSigner, form: ReadonlyMap<string, string>, now: number): PolicyVerdict {
  const key = form.get('key')
  if (key === undefined) {
    return { ok: false, failure: { status: 400, code: 'InvalidArgument', message: "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields." } }
  }
  const policy = form.get('policy')
  const signature = form.get('x-amz-signature')
  if (policy === undefined || signature === undefined) return denied("Bucket POST must contain the fields 'Policy' and 'X-Amz-Signature'.")
  if (!signer.verifyPolicy(policy, signature)) {
    const message = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'
    return { ok: false, failure: { status: 403, code: 'SignatureDoesNotMatch', message, details: { StringToSign: policy, SignatureProvided: signature } } }
  }
  let document: z.infer<typeof policySchema>
  try {
    document = policySchema.parse(JSON.parse(Buffer.from(policy, 'base64').toString('utf8')))
  } catch {
    return { ok: false, failure: { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid JSON.' } }
  }
  const expiresAt = Date.parse(document.expiration)
  if (!(expiresAt > now)) return denied('Invalid according to Policy: Policy expired.')

  // The bucket is the one the form was posted to, unless the form names one itself.
  const valueOf = (name: string) => form.get(name.toLowerCase()) ?? (name.toLowerCase() === 'bucket' ? UPLOAD_BUCKET : undefined)
  const covered = new Set<string>()
  let minBytes = 0
  let maxBytes = Number.POSITIVE_INFINITY
  for (const condition of document.conditions) {
    if (!Array.isArray(condition)) {
      const entries = Object.entries(condition)
      const [name, expected] = entries[0] ?? []
      if (entries.length !== 1 || name === undefined || valueOf(name) !== expected) return conditionFailed(condition)
      covered.add(name.toLowerCase())
      continue
    }
    const [operator, subject, operand] = condition
    if (operator === 'content-length-range') {
      minBytes = Number(subject)
      maxBytes = Number(operand)
      continue
    }
    const name = typeof subject === 'string' && subject.startsWith('$') ? subject.slice(1) : undefined
    const value = name === undefined ? undefined : valueOf(name)
    const holds =
      value !== undefined &&
      ((operator === 'eq' && value === String(operand)) || (operator === 'starts-with' && value.startsWith(String(operand))))
    if (!holds) return conditionFailed(condition)
    covered.add(name!.toLowerCase())
  }
  for (const name of form.keys()) {
    if (!covered.has(name) && !UNCONDITIONED.has(name) && !name.startsWith('x-ignore-')) {
      return denied(`Invalid according to Policy: Extra input fields: ${name}`)
    }
  }
  return { ok: true, key, minBytes, maxBytes }
}
