import type { KnownBlockType } from '@notion-rx/protocol'

/**
 * The class of every known block type, by type. Empty here: the registry (model/blockRegistry.ts,
 * which knows the database block classes too) fills it in by declaration merging, so records/
 * can name `BlockFor<'to_do'>` without importing the classes that extend Block.
 */
export interface BlockClassMap {}

/** The block class of a known type: `BlockFor<'to_do'>` is `ToDoBlock`. */
export type BlockFor<T extends KnownBlockType> = T extends keyof BlockClassMap ? InstanceType<BlockClassMap[T]> : never

type IfEquals<X, Y, A, B> = (<G>() => G extends X ? 1 : 2) extends <G>() => G extends Y ? 1 : 2 ? A : B

/** The names of a record object's settable accessors (getter + setter pairs; no methods, no getter-only members). */
export type WritableAccessors<R> = {
  [K in keyof R]-?: R[K] extends (...args: never[]) => unknown
    ? never
    : IfEquals<{ [Q in K]: R[K] }, { -readonly [Q in K]: R[K] }, K, never>
}[keyof R]

/** What `addNew(type, props)` accepts: the class's settable accessors, all optional (none for e.g. `divider`). */
export type BlockProps<T extends KnownBlockType> = [WritableAccessors<BlockFor<T>>] extends [never]
  ? Record<string, never>
  : Partial<Pick<BlockFor<T>, WritableAccessors<BlockFor<T>>>>
