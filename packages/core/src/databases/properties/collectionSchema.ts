// The schema and row shapes property codecs read are protocol's (the codecs live there).
export type { CollectionSchema, RowValue, SchemaProperty } from '@notion-rx/protocol'
