/**
 * Collection property (column) types: notion-types' `PropertyType`, plus the newer types of the
 * Notion UI (`rollup`, `button`, `verification`, `location`) and `unique_id`, the public-API
 * name notion-py meets for `auto_increment_id` (notion-py's `collection.py`).
 */
export const PROPERTY_TYPES = [
  'title',
  'text',
  'number',
  'select',
  'status',
  'multi_select',
  'date',
  'person',
  'file',
  'checkbox',
  'url',
  'email',
  'phone_number',
  'relation',
  'formula',
  'rollup',
  'created_time',
  'last_edited_time',
  'created_by',
  'last_edited_by',
  'auto_increment_id',
  'unique_id',
  'button',
  'verification',
  'location',
] as const

export type KnownPropertyType = (typeof PROPERTY_TYPES)[number]
export type PropertyType = KnownPropertyType | (string & {})

const known: ReadonlySet<string> = new Set(PROPERTY_TYPES)

export function isKnownPropertyType(type: string): type is KnownPropertyType {
  return known.has(type)
}
