import { getPublicPageDataRequestSchema, type Role } from '@notion-rx/protocol'
import { ancestorsOf } from '../reads/ancestry.js'
import { defineEndpoint } from '../http/endpoint.js'
import type { EmulatorContext } from '../emulatorContext.js'
import { spaceRole } from '../access/permissions.js'
import type { RecordValue, StoredRecord } from '../storage/recordRepository.js'
import { canRead } from '../access/roles.js'

const PAGE_TYPES: ReadonlySet<string> = new Set(['page', 'collection_view_page'])

/** A user permission on the block or an ancestor, or membership of the space: access not granted by the public link. */
function hasExplicitAccess(chain: readonly StoredRecord[], space: StoredRecord | undefined, userId: string): boolean {
  if (spaceRole(space?.value, userId) !== 'none') return true
  return chain.some((record) => {
    const permissions = Array.isArray(record.value['permissions']) ? (record.value['permissions'] as RecordValue[]) : []
    return permissions.some((item) => item['type'] === 'user_permission' && item['user_id'] === userId && canRead(item['role'] as Role))
  })
}

function ownerOf(space: RecordValue): string | undefined {
  if (typeof space['created_by_id'] === 'string') return space['created_by_id']
  const permissions = Array.isArray(space['permissions']) ? (space['permissions'] as RecordValue[]) : []
  const owner = permissions.find((item) => item['type'] === 'user_permission' && item['role'] === 'editor')
  return typeof owner?.['user_id'] === 'string' ? owner['user_id'] : undefined
}

/** Logged-in outsiders may join a space that admits their email domain (`email_domains`). */
function canJoin(emulator: EmulatorContext, space: RecordValue, userId: string): boolean {
  const domains = Array.isArray(space['email_domains']) ? space['email_domains'] : []
  const email = emulator.records.get('notion_user', userId)?.value['email']
  const domain = typeof email === 'string' ? email.slice(email.lastIndexOf('@') + 1).toLowerCase() : undefined
  return domain !== undefined && domains.some((allowed) => typeof allowed === 'string' && allowed.toLowerCase() === domain)
}

function optionalString(key: string, value: unknown): Record<string, string> {
  return typeof value === 'string' && value !== '' ? { [key]: value } : {}
}

/**
 * What the sharing screen needs before loading a page (docs/protocol.md#bootstrap-endpoints). An anonymous caller
 * asking about a private (or missing) page learns nothing but `{"publicAccessRole": "none"}`; a
 * logged-in caller asking about a block that does not exist gets `{}`, which notion-py reads as
 * "hard-deleted" (its `get_public_page_data` callers check for an empty answer).
 */
export const getPublicPageData = defineEndpoint({
  name: 'getPublicPageData',
  auth: 'optional',
  body: getPublicPageDataRequestSchema,
  handle({ emulator, user }, body) {
    const block = emulator.records.get('block', body.blockId)
    if (!block) return user ? {} : { publicAccessRole: 'none' }
    const publicRole = emulator.permissions.roleFor(undefined, 'block', block.id, block)
    const hasPublicAccess = canRead(publicRole)
    if (!user && !hasPublicAccess) return { publicAccessRole: 'none' }

    const chain = [block, ...ancestorsOf(emulator.records, block)]
    const space = block.spaceId ? emulator.records.get('space', block.spaceId) : undefined
    const explicit = user ? hasExplicitAccess(chain, space, user.id) : false
    const member = user ? spaceRole(space?.value, user.id) !== 'none' : false
    const page = chain.find((record) => record.table === 'block' && PAGE_TYPES.has(String(record.value['type']))) ?? block
    const betaEnabled = space?.value['beta_enabled']
    return {
      ...(space ? { spaceId: space.id } : {}),
      ...optionalString('spaceName', space?.value['name']),
      ...optionalString('spaceDomain', space?.value['domain']),
      ...optionalString('icon', space?.value['icon']),
      ...optionalString('ownerUserId', space ? ownerOf(space.value) : undefined),
      ...(typeof betaEnabled === 'boolean' ? { betaEnabled } : {}),
      canJoinSpace: user && space && !member ? canJoin(emulator, space.value, user.id) : false,
      canRequestAccess: user !== undefined && !explicit,
      hasPublicAccess,
      userHasExplicitAccess: explicit,
      publicAccessRole: hasPublicAccess ? publicRole : 'none',
      requireLogin: !hasPublicAccess,
      pageId: page.id,
    }
  },
})
