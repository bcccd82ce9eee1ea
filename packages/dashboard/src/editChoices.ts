import { Space, recordFor, type Collection, type CollectionSchema, type NotionClient } from '@notion-rx/core'
import { pageTitle, userName } from './richTextSpans.js'
import type { Choice } from './viewModel.js'

/** At most this many pages of a related database are offered (and accepted) by a relation editor. */
export const MAX_RELATION_CHOICES = 200

/** Ids of the people and pages a database's cells may name, loaded once per schema. */
export interface EditChoices {
  /** Members of the database's space. */
  people: readonly string[]
  /** Rows of each related database (by its collection id). */
  pages: ReadonlyMap<string, readonly string[]>
}

export const NO_CHOICES: EditChoices = { people: [], pages: new Map() }

/** The related databases of a schema's relation properties. */
export function relationTargets(schema: CollectionSchema): string[] {
  const targets = Object.values(schema).flatMap((property) => {
    const target = (property as { collection_id?: unknown }).collection_id
    return property.type === 'relation' && typeof target === 'string' ? [target] : []
  })
  return [...new Set(targets)].sort()
}

/** The members of a space, loading the space and their user records when the store lacks them. */
export async function spaceMembers(client: NotionClient, spaceId: string | undefined): Promise<string[]> {
  if (!spaceId) return []
  if (!client.store.get('space', spaceId)) await client.loadRecords([{ table: 'space', id: spaceId }])
  const space = recordFor(client, 'space', spaceId)
  const ids = space instanceof Space ? space.users.map((user) => user.id) : []
  const missing = ids.filter((id) => !client.store.get('notion_user', id))
  if (missing.length > 0) await client.loadRecords(missing.map((id) => ({ table: 'notion_user', id }))).catch(() => {})
  return ids
}

/** Loads who and what a database's person and relation cells may name. */
export async function loadEditChoices(client: NotionClient, collection: Collection): Promise<EditChoices> {
  const schema = collection.schema
  const types = new Set(Object.values(schema).map((property) => property.type))
  const people = types.has('person') ? await spaceMembers(client, collection.spaceId) : []
  const pages = new Map<string, string[]>()
  for (const target of relationTargets(schema)) {
    try {
      const related = await client.getCollection(target)
      const { ids } = await related.query().execute()
      pages.set(target, ids.slice(0, MAX_RELATION_CHOICES))
    } catch {
      // A related database we cannot read offers no pages (its cells stay readable).
      pages.set(target, [])
    }
  }
  return { people, pages }
}

/** The choices of a person or relation column, labelled from the store. */
export function columnChoices(client: NotionClient, property: CollectionSchema[string], choices: EditChoices): Choice[] | undefined {
  if (property.type === 'person') return choices.people.map((id) => ({ id, label: userName(client.store, id) }))
  if (property.type === 'relation') {
    const target = (property as { collection_id?: unknown }).collection_id
    const ids = typeof target === 'string' ? (choices.pages.get(target) ?? []) : []
    return ids.map((id) => ({ id, label: pageTitle(client.store, id) }))
  }
  return undefined
}
