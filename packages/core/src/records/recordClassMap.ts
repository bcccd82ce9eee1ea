/**
 * The record class of a table, by table name, for tables whose class lives above records/ (the
 * databases wing's Collection and CollectionView). Empty here: the registry (model/recordFor.ts)
 * fills it in by declaration merging, so a file can name such a class without importing it, and
 * the import graph keeps one direction (a row's `collection` getter does not import the
 * Collection class, whose queries import rows).
 */
// Declaration merging needs an interface, not a type alias.
export interface RecordClassMap {}

/** The record class of `table`: `RecordOf<'collection'>` is `Collection`. */
export type RecordOf<T extends string> = T extends keyof RecordClassMap ? RecordClassMap[T] : never
