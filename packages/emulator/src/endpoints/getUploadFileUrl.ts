import { getUploadFileUrlRequestSchema, isKnownTable } from '@notion-rx/protocol'
import { spaceRole } from '../access/permissions.js'
import type { EmulatorContext } from '../emulatorContext.js'
import { validationError } from '../http/apiError.js'
import { defineEndpoint, type Endpoint } from '../http/endpoint.js'
import { filesOf, SIGNED_PUT_TTL_MS } from '../files/fileStore.js'
import { canEdit } from '../access/roles.js'
import { UPLOAD_PATH, uploadPolicyFields } from '../files/uploadPolicy.js'

// Printable ASCII only: the type is echoed in a response header when the file is served.
const CONTENT_TYPE = /^[\x20-\x7e]*$/

/**
 * The record and space a new upload belongs to. An existing record must be editable, and gives its
 * own space; a record not created yet (clients upload first, then create the block) takes the
 * space the pointer names only if the caller may edit in that space, else none.
 */
function uploadTie(
  emulator: EmulatorContext,
  userId: string,
  pointer: { table: string; id: string; spaceId?: string | undefined } | undefined,
): { record: { table: string; id: string } | undefined; spaceId: string | undefined } {
  if (!pointer) return { record: undefined, spaceId: undefined }
  const { table, id } = pointer
  if (!isKnownTable(table)) throw validationError(`record.table ${JSON.stringify(table).slice(0, 80)} is not a record table.`)
  const existing = emulator.records.get(table, id)
  if (existing) {
    if (!canEdit(emulator.permissions.roleFor(userId, table, id, existing))) throw validationError(`No edit access to ${table} ${id}.`)
    return { record: { table, id }, spaceId: existing.spaceId }
  }
  const space = pointer.spaceId === undefined ? undefined : emulator.records.get('space', pointer.spaceId)
  const spaceId = space && canEdit(spaceRole(space.value, userId)) ? space.id : undefined
  return { record: { table, id }, spaceId }
}

/**
 * Hands out an upload slot on the emulator itself, in the shape the emulator was started with
 * (docs/protocol.md#file-uploads). `post` (2026): `type: "POST"`, an `attachment:<fileId>:<name>` URI as
 * `url`, `signedGetUrl`, the bucket root as `signedUploadPostUrl` and the signed policy `fields`;
 * only the `public` bucket, as Notion answered then. `put` (older): `url` (permanent),
 * `signedGetUrl` and `signedPutUrl`.
 */
function uploadEndpoint(name: string): Endpoint<typeof getUploadFileUrlRequestSchema> {
  return defineEndpoint({
    name,
    auth: 'required',
    body: getUploadFileUrlRequestSchema,
    handle({ emulator, user, profile }, body) {
      if ((emulator.uploads === 'post' || profile.strict) && body.bucket !== 'public') {
        throw validationError(`bucket "${body.bucket}" is not accepted: Notion takes only "public" since 2026 (start the emulator with uploads: 'put' for the older buckets).`)
      }
      if (!CONTENT_TYPE.test(body.contentType)) throw validationError('contentType must be printable ASCII.')
      if (body.contentLength !== undefined && body.contentLength > emulator.maxUploadBytes) {
        throw validationError(`contentLength ${body.contentLength} exceeds the upload limit of ${emulator.maxUploadBytes} bytes.`)
      }
      const tie = uploadTie(emulator, user!.id, body.record)
      const maxBytes = Math.min(body.contentLength ?? emulator.maxUploadBytes, emulator.maxUploadBytes)
      const store = filesOf(emulator)
      const file = store.create({
        name: body.name,
        contentType: body.contentType.trim() || 'application/octet-stream',
        userId: user!.id,
        record: tie.record,
        spaceId: tie.spaceId,
        maxBytes,
      })
      if (emulator.uploads === 'put') {
        return { url: store.url(file), signedGetUrl: store.signedUrl(file, 'GET'), signedPutUrl: store.signedUrl(file, 'PUT') }
      }
      const now = emulator.now()
      const policy = { key: store.objectKey(file), contentType: file.contentType, maxBytes: file.maxBytes, expiresAt: now + SIGNED_PUT_TTL_MS, now }
      return {
        type: 'POST',
        url: store.attachmentUri(file),
        signedGetUrl: store.signedUrl(file, 'GET'),
        signedUploadPostUrl: `${emulator.origin()}${UPLOAD_PATH}`,
        postHeaders: [],
        fields: uploadPolicyFields(store.signer, policy),
        signedToken: store.signer.token(file.id),
        customerKeyApplied: false,
      }
    },
  })
}

export const getUploadFileUrl = uploadEndpoint('getUploadFileUrl')
export const getUploadGenericFileUrl = uploadEndpoint('getUploadGenericFileUrl')
export const getUploadSpaceFileUrl = uploadEndpoint('getUploadSpaceFileUrl')
