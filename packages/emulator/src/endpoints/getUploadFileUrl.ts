import { getUploadFileUrlRequestSchema } from '@notion-rx/protocol'
import { validationError } from '../apiError.js'
import { defineEndpoint, type Endpoint } from '../endpoint.js'
import { filesOf } from '../fileStore.js'
import { canEdit } from '../roles.js'

// Printable ASCII only: the type is echoed in a response header when the file is served.
const CONTENT_TYPE = /^[\x20-\x7e]*$/

/**
 * Hands out an upload slot on the emulator itself (old response shape, protocol.md §2.10):
 * `url` (permanent), `signedGetUrl` and `signedPutUrl`, all on the emulator's own origin.
 */
function uploadEndpoint(name: string): Endpoint<typeof getUploadFileUrlRequestSchema> {
  return defineEndpoint({
    name,
    auth: 'required',
    body: getUploadFileUrlRequestSchema,
    handle({ emulator, user }, body) {
      if (!CONTENT_TYPE.test(body.contentType)) throw validationError('contentType must be printable ASCII.')
      if (body.contentLength !== undefined && body.contentLength > emulator.maxUploadBytes) {
        throw validationError(`contentLength ${body.contentLength} exceeds the upload limit of ${emulator.maxUploadBytes} bytes.`)
      }
      if (body.record) {
        // A record that does not exist yet is fine: clients upload first, then create the block.
        const { table, id } = body.record
        const existing = emulator.records.get(table, id)
        if (existing && !canEdit(emulator.permissions.roleFor(user?.id, table, id, existing))) {
          throw validationError(`No edit access to ${table} ${id}.`)
        }
      }
      const store = filesOf(emulator)
      const file = store.create({ name: body.name, contentType: body.contentType.trim() || 'application/octet-stream', userId: user!.id })
      return { url: store.url(file), signedGetUrl: store.signedUrl(file, 'GET'), signedPutUrl: store.signedUrl(file, 'PUT') }
    },
  })
}

export const getUploadFileUrl = uploadEndpoint('getUploadFileUrl')
export const getUploadGenericFileUrl = uploadEndpoint('getUploadGenericFileUrl')
export const getUploadSpaceFileUrl = uploadEndpoint('getUploadSpaceFileUrl')
