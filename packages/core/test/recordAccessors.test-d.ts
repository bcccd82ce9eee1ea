// Type tests: checked by `npm run typecheck` (tsc over packages/*/test), not run by vitest.
// The accessors generated from `static fields` keep the exact types the hand-written triples had:
// `x` reads (and, unless read-only, writes) the field's value, `x$` is an Observable of it.
import { expectTypeOf } from 'vitest'
import type { Observable } from 'rxjs'
import type { RichText } from '@notion-rx/protocol'
import type {
  BasicBlock,
  BlockProps,
  BookmarkBlock,
  CalloutBlock,
  CodeBlock,
  CollectionViewBlock,
  CollectionViewPageBlock,
  ColumnBlock,
  EmbedBlock,
  EquationBlock,
  FileBlock,
  MediaBlock,
  PageBlock,
  Space,
  TableOfContentsBlock,
  ToDoBlock,
  User,
  WritableAccessors,
} from '../src/index.js'
import { fieldMap, stringField, booleanField } from '../src/records/blockField.js'
import type { FieldAccessors } from '../src/records/fieldAccessors.js'

/** `R[K]` and `R[K$]` are `T` and `Observable<T>`, and `K` is settable. */
declare function accessor<R, K extends WritableAccessors<R> & string>(record: R, name: K): { value: R[K]; observed: R[`${K}$` & keyof R] }

declare const basic: BasicBlock
expectTypeOf(accessor(basic, 'title')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
expectTypeOf(accessor(basic, 'titlePlaintext')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
expectTypeOf(accessor(basic, 'titleRichText')).toEqualTypeOf<{ value: RichText; observed: Observable<RichText> }>()
expectTypeOf(accessor(basic, 'color')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()

declare const todo: ToDoBlock
expectTypeOf(accessor(todo, 'checked')).toEqualTypeOf<{ value: boolean; observed: Observable<boolean> }>()
expectTypeOf(accessor(todo, 'title')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
declare const callout: CalloutBlock
expectTypeOf(accessor(callout, 'icon')).toEqualTypeOf<{ value: string | undefined; observed: Observable<string | undefined> }>()
declare const code: CodeBlock
expectTypeOf(accessor(code, 'language')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
expectTypeOf(accessor(code, 'wrap')).toEqualTypeOf<{ value: boolean; observed: Observable<boolean> }>()
declare const equation: EquationBlock
expectTypeOf(accessor(equation, 'latex')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()

declare const page: PageBlock
expectTypeOf(accessor(page, 'icon')).toEqualTypeOf<{ value: string | undefined; observed: Observable<string | undefined> }>()
expectTypeOf(accessor(page, 'cover')).toEqualTypeOf<{ value: string | undefined; observed: Observable<string | undefined> }>()
expectTypeOf(accessor(page, 'locked')).toEqualTypeOf<{ value: boolean; observed: Observable<boolean> }>()

declare const media: MediaBlock
expectTypeOf(accessor(media, 'caption')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
declare const embed: EmbedBlock
expectTypeOf(accessor(embed, 'source')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
expectTypeOf(accessor(embed, 'displaySource')).toEqualTypeOf<{ value: string | undefined; observed: Observable<string | undefined> }>()
expectTypeOf(accessor(embed, 'width')).toEqualTypeOf<{ value: number | undefined; observed: Observable<number | undefined> }>()
expectTypeOf(accessor(embed, 'height')).toEqualTypeOf<{ value: number | undefined; observed: Observable<number | undefined> }>()
expectTypeOf(accessor(embed, 'fullWidth')).toEqualTypeOf<{ value: boolean; observed: Observable<boolean> }>()
expectTypeOf(accessor(embed, 'pageWidth')).toEqualTypeOf<{ value: boolean; observed: Observable<boolean> }>()
expectTypeOf(accessor(embed, 'caption')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
declare const file: FileBlock
expectTypeOf(accessor(file, 'title')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
expectTypeOf(accessor(file, 'size')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
declare const bookmark: BookmarkBlock
expectTypeOf(accessor(bookmark, 'title')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
expectTypeOf(accessor(bookmark, 'link')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
expectTypeOf(accessor(bookmark, 'description')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
expectTypeOf(accessor(bookmark, 'bookmarkIcon')).toEqualTypeOf<{ value: string | undefined; observed: Observable<string | undefined> }>()
expectTypeOf(accessor(bookmark, 'bookmarkCover')).toEqualTypeOf<{ value: string | undefined; observed: Observable<string | undefined> }>()

declare const column: ColumnBlock
expectTypeOf(accessor(column, 'columnRatio')).toEqualTypeOf<{ value: number | undefined; observed: Observable<number | undefined> }>()
declare const toc: TableOfContentsBlock
expectTypeOf(accessor(toc, 'color')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()

declare const database: CollectionViewBlock
expectTypeOf(accessor(database, 'locked')).toEqualTypeOf<{ value: boolean; observed: Observable<boolean> }>()
// Hand-written accessors of database blocks stay as they were.
expectTypeOf(accessor(database, 'title')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
declare const databasePage: CollectionViewPageBlock
expectTypeOf(accessor(databasePage, 'icon')).toEqualTypeOf<{ value: string | undefined; observed: Observable<string | undefined> }>()
expectTypeOf(accessor(databasePage, 'cover')).toEqualTypeOf<{ value: string | undefined; observed: Observable<string | undefined> }>()

declare const space: Space
expectTypeOf(accessor(space, 'name')).toEqualTypeOf<{ value: string; observed: Observable<string> }>()
expectTypeOf(accessor(space, 'icon')).toEqualTypeOf<{ value: string | undefined; observed: Observable<string | undefined> }>()
expectTypeOf(space.domain).toEqualTypeOf<string | undefined>()
// @ts-expect-error a read-only field has no setter
space.domain = 'acme'

declare const user: User
expectTypeOf(user.email).toEqualTypeOf<string | undefined>()
expectTypeOf(user.email$).toEqualTypeOf<Observable<string | undefined>>()
expectTypeOf(user.givenName).toEqualTypeOf<string | undefined>()
expectTypeOf(user.familyName$).toEqualTypeOf<Observable<string | undefined>>()
expectTypeOf(user.profilePhoto).toEqualTypeOf<string | undefined>()
expectTypeOf<WritableAccessors<User>>().toEqualTypeOf<never>()
// @ts-expect-error users are read-only
user.email = 'ada@example.com'
// @ts-expect-error an `x$` twin is read-only
todo.checked$ = basic.title$.pipe() as never

// Setters take the field's type only.
// @ts-expect-error checked is a boolean
todo.checked = 'yes'
// @ts-expect-error width is a number or undefined
embed.width = '100px'

// addNew's props are the settable accessors, generated ones included.
expectTypeOf<BlockProps<'to_do'>>().toEqualTypeOf<Partial<{ checked: boolean; title: string; titlePlaintext: string; titleRichText: RichText; color: string }>>()
expectTypeOf<BlockProps<'column'>>().toEqualTypeOf<Partial<{ columnRatio: number | undefined }>>()

// A declaration's keys must be its fields' names.
const FLAGS = { hidden: booleanField('hidden', 'format.hidden'), label: stringField('label', 'format.label', '') }
type Flags = FieldAccessors<typeof FLAGS>
expectTypeOf<Pick<Flags, keyof Flags>>().toEqualTypeOf<{
  hidden: boolean
  label: string
  readonly hidden$: Observable<boolean>
  readonly label$: Observable<string>
}>()
void fieldMap({}, FLAGS)
// @ts-expect-error the key `shown` does not name the field `hidden`
void fieldMap({}, { shown: booleanField('hidden', 'format.hidden') })
