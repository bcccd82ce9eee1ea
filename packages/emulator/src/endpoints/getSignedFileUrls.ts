import { getSignedFileUrlsRequestSchema } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import { filesOf, type StoredFile } from '../files/fileStore.js'
import type { StoredRecord } from '../storage/recordRepository.js'
import { canRead } from '../access/roles.js'

/**
 * Positional signing: `signedUrls[i]` answers `urls[i]`. A permission record the caller cannot
 * read gives `""`. Foreign URLs come back unchanged. The emulator's own files get a fresh signed
 * GET URL for their uploader, or when the file belongs to the readable permission record: it was
 * uploaded for that record, or for its space and the record refers to it. Knowing a file id (and
 * writing it into a block of one's own) unlocks nothing: the tie is fixed when the slot is issued.
 */
export const getSignedFileUrls = defineEndpoint({
  name: 'getSignedFileUrls',
  auth: 'optional',
  body: getSignedFileUrlsRequestSchema,
  handle({ emulator, user }, body) {
    const store = filesOf(emulator)
    const signedUrls = body.urls.map(({ url, permissionRecord }) => {
      let belongs: ((file: StoredFile) => boolean) | undefined
      if (permissionRecord) {
        const { table, id } = permissionRecord
        const record = emulator.records.get(table, id)
        if (!record || !canRead(emulator.permissions.roleFor(user?.id, table, id, record))) return ''
        belongs = (file) => belongsTo(file, record)
      }
      if (!store.isOwnFileUrl(url)) return url
      const file = store.fileOfUrl(url)
      if (!file) return ''
      const allowed = (user !== undefined && file.userId === user.id) || (belongs?.(file) ?? false)
      return allowed ? store.signedUrl(file, 'GET') : ''
    })
    return { signedUrls }
  },
})

function belongsTo(file: StoredFile, record: StoredRecord): boolean {
  if (file.record?.table === record.table && file.record.id === record.id) return true
  return file.spaceId !== undefined && file.spaceId === record.spaceId && JSON.stringify(record.value).includes(file.id)
}
