import { propertySlug, type CollectionSchema } from '@notion-rx/core'

/** Slug of each property id, as `QueryResult.values` keys them (the first property wins a shared slug). */
export function propertySlugs(schema: CollectionSchema): Map<string, string> {
  const slugs = new Map<string, string>()
  const seen = new Set<string>()
  for (const [id, property] of Object.entries(schema)) {
    const slug = propertySlug(property.name) || id
    if (seen.has(slug)) continue
    seen.add(slug)
    slugs.set(id, slug)
  }
  return slugs
}
