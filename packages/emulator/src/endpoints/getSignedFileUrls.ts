import { getSignedFileUrlsRequestSchema } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import { filesOf } from '../files/fileStore.js'
import { canRead } from '../access/roles.js'

/**
 * Positional signing: `signedUrls[i]` answers `urls[i]`. A permission record the caller cannot
 * read gives `""`. Foreign URLs come back unchanged. The emulator's own files get a fresh signed
 * GET URL when the caller uploaded them, or when the readable permission record refers to the
 * file (its value mentions the file id), so read access to one page does not unlock every file.
 */
export const getSignedFileUrls = defineEndpoint({
  name: 'getSignedFileUrls',
  auth: 'optional',
  body: getSignedFileUrlsRequestSchema,
  handle({ emulator, user }, body) {
    const store = filesOf(emulator)
    const signedUrls = body.urls.map(({ url, permissionRecord }) => {
      let recordMentions: ((fileId: string) => boolean) | undefined
      if (permissionRecord) {
        const { table, id } = permissionRecord
        const record = emulator.records.get(table, id)
        if (!record || !canRead(emulator.permissions.roleFor(user?.id, table, id, record))) return ''
        const text = JSON.stringify(record.value)
        recordMentions = (fileId) => text.includes(fileId)
      }
      if (!store.isOwnFileUrl(url)) return url
      const file = store.fileOfUrl(url)
      if (!file) return ''
      const allowed = (user !== undefined && file.userId === user.id) || (recordMentions?.(file.id) ?? false)
      return allowed ? store.signedUrl(file, 'GET') : ''
    })
    return { signedUrls }
  },
})
