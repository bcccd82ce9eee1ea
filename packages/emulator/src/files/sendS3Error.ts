import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { S3Failure } from './uploadPolicy.js'

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * S3's error body, `<Error><Code>…</Code><Message>…</Message>…</Error>` as application/xml: the
 * emulated file store answers as the bucket it stands in for, not with Notion's JSON. A HEAD gets
 * the status and headers only, as S3 answers it.
 */
export function sendS3Error(response: ServerResponse, failure: S3Failure, options: { close?: boolean; head?: boolean } = {}): void {
  const details = Object.entries(failure.details ?? {})
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('')
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${failure.code}</Code><Message>${escapeXml(failure.message)}</Message>${details}<RequestId>${randomUUID()}</RequestId></Error>`
  response.writeHead(failure.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(xml),
    // Past the size limit the rest of the body is not worth reading.
    ...(options.close ? { connection: 'close' } : {}),
  })
  response.end(options.head ? undefined : xml)
}

/** S3's 500: internals stay in the server. */
export const S3_INTERNAL_ERROR = { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' } as const
