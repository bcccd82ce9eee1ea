import type { OperationPointer, RecordTable } from '@notion-rx/protocol'
import type { Observable } from 'rxjs'
import type { ClientContext } from '../clientContext.js'
import type { RecordValue } from '../store/snapshot.js'
import { fieldOperation, type AnyBlockField, type BlockField, type FieldDeclarations, type FieldMap } from './blockField.js'
import { valueAtPath } from './recordPath.js'
import { queueWrite } from './recordWrites.js'

/** The value type of a field declaration. */
export type FieldValue<F> = F extends BlockField<infer T, string> ? T : never

type ReadOnlyKeys<F extends FieldDeclarations> = { [K in keyof F]: F[K] extends { readonly readOnly: true } ? K : never }[keyof F]

/**
 * The accessors the fields `F` give a record class, typed from the one declaration: `x` (read and
 * write; read only for a `readOnlyField`) and `x$`, its value now and on every change. A class
 * declares them by interface merging, `interface ToDoBlock extends FieldAccessors<typeof TO_DO_FIELDS> {}`,
 * and `defineFieldAccessors` puts them on its prototype. The value accessors keep the doc comments
 * of `F`'s keys (mapped types that only filter keys carry them over).
 */
export type FieldAccessors<F extends FieldDeclarations> = {
  -readonly [K in keyof F as K extends ReadOnlyKeys<F> ? never : K]: FieldValue<F[K]>
} & {
  readonly [K in keyof F as K extends ReadOnlyKeys<F> ? K : never]: FieldValue<F[K]>
} & {
  readonly [K in keyof F as `${K & string}$`]: Observable<FieldValue<F[K]>>
}

/** What a generated accessor needs of its record object (NotionRecord's public side). */
interface FieldHost {
  readonly table: RecordTable
  readonly id: string
  readonly context: ClientContext
  readonly value: RecordValue | undefined
  pointer(): OperationPointer
}

/** A mapped accessor's current value. */
export function readField<T>(record: FieldHost, field: BlockField<T>): T {
  return field.decode(valueAtPath(record.value, field.path), record.context)
}

/** A mapped accessor's value, now and on every change. */
export function observeField<T>(record: FieldHost, field: BlockField<T>): Observable<T> {
  return record.context.store.selectValue(record.table, record.id, (stored) => field.decode(valueAtPath(stored?.value, field.path), record.context))
}

/**
 * Checks and queues a mapped accessor's write (fire and forget: failures reach
 * `transactions.errors$`); nothing for an unchanged value of a `skipsUnchanged` field.
 * @throws InvalidValueError when the field does not accept `value` (nothing queued)
 */
export function writeField<T>(record: FieldHost, field: BlockField<T>, value: T): void {
  if (field.skipsUnchanged && value === readField(record, field)) return
  void queueWrite(record.context, [fieldOperation(record.pointer(), field, value)])
}

/** A record class with its field declarations (`Block`'s subclasses, `Space`, `User`). */
export interface FieldedClass {
  readonly fields: FieldMap
  readonly prototype: object
}

function defineAccessor(prototype: object, field: AnyBlockField): void {
  const { name } = field
  if (Object.hasOwn(prototype, name) || Object.hasOwn(prototype, `${name}$`)) {
    throw new TypeError(`defineFieldAccessors: ${name} is already defined on ${prototype.constructor.name}; declare it once`)
  }
  const set = field.readOnly
    ? undefined
    : function (this: FieldHost, value: unknown): void {
        writeField(this, field, value)
      }
  Object.defineProperty(prototype, name, {
    configurable: true,
    get(this: FieldHost): unknown {
      return readField(this, field)
    },
    ...(set ? { set } : {}),
  })
  Object.defineProperty(prototype, `${name}$`, {
    configurable: true,
    get(this: FieldHost): Observable<unknown> {
      return observeField(this, field)
    },
  })
}

/**
 * Puts on `recordClass.prototype` a getter, a setter (not for read-only fields) and an `x$` twin
 * for each field of its `static fields` that its parent class does not already have, once, when
 * the class is defined (`static { defineFieldAccessors(this) }`). Their types come from
 * `FieldAccessors`, merged into the class's interface.
 * @throws TypeError when the class already defines an accessor of that name by hand
 */
export function defineFieldAccessors(recordClass: FieldedClass): void {
  const inherited = (Object.getPrototypeOf(recordClass) as Partial<FieldedClass>).fields ?? {}
  for (const [name, field] of Object.entries(recordClass.fields)) {
    if (Object.hasOwn(inherited, name) && inherited[name] === field) continue
    defineAccessor(recordClass.prototype, field)
  }
}
