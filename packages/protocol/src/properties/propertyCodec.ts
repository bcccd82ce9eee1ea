import type { Aggregator, FilterOperator } from '../endpoints/queryVocabulary.js'
import type { FormulaValue } from '../formula/formulaValue.js'
import type { CellContext } from '../query/cellContext.js'
import type { CellValue } from '../query/cellKind.js'
import type { CollectionProperty } from '../records/collection.js'
import type { RichText } from '../richText.js'
import type { RowValue, SchemaProperty } from './collectionSchema.js'
import type { EncodedProperty, PropertyValue, RollupValue } from './propertyValue.js'
import type { Shown } from './shownValues.js'

/** What a formula could not compute (its value is then `undefined`). */
export interface FormulaIssue {
  propertyId: string
  propertyName: string
  unsupported: string[]
}

/** What a codec's `decode` is given: the stored cell, its row and property, and how to reach other cells. */
export interface ValueContext {
  /** The stored cell (`properties.<id>`, as written, unchecked). */
  readonly raw: unknown
  readonly row: RowValue
  readonly property: SchemaProperty
  /** The zone formulas' date parts are read in; `undefined` means UTC. */
  readonly timeZone: string | undefined
  readonly now: Date | undefined
  /** How title and text cells become strings. @default richTextToPlainText */
  readonly richTextToString: ((richText: RichText) => string) | undefined
  /** Told what a formula could not compute. */
  readonly onFormulaIssue: ((issue: FormulaIssue) => void) | undefined
  /** Another property of the row as a formula's `prop()` reads it; `undefined` when it cannot be computed. */
  formulaInput(propertyId: string): FormulaValue | undefined
  /** This rollup's value from the related rows; `undefined` when it cannot be computed. */
  rollup(): RollupValue | undefined
}

/** What a codec's `encode` is given besides the value. */
export interface EncodeContext {
  readonly property: SchemaProperty
  /** How strings written to title and text cells become rich text. @default plainTextToRichText */
  readonly stringToRichText: ((text: string) => RichText) | undefined
  /** The zone `Date` inputs are written in. @default 'UTC' */
  readonly timeZone: string | undefined
  /** Ids of select options created for unknown values. */
  readonly newOptionId: () => string
}

/** An encoded cell, or the value (or the item of a list) the type refuses. */
export type EncodeOutcome = EncodedProperty | { readonly refused: unknown }

/** What a codec shows of a cell to one of another type (names for ids, a URL property wants links...). */
export interface ShowContext {
  readonly toType: string
  readonly timeZone: string
  readonly userName: (id: string) => string
  readonly pageTitle: (id: string) => string
}

/** What a retype's target codec reads to choose the value its cell gets. */
export interface ConversionInput {
  readonly from: SchemaProperty
  readonly to: SchemaProperty
  readonly timeZone: string
  /** Whether the old type's value is a user id (`created_by`, `last_edited_by`). */
  readonly fromAuthor: boolean
  /** The cell as the old type shows it; `undefined` when it cannot be read (a formula notion-rx cannot compute). */
  shown(): Shown | undefined
  /** The old type's value (formulas computed over the schema before the change). */
  fromValue(): PropertyValue
  /** The stored cell read as the new type (mentions and links already in it). */
  toValue(): PropertyValue
}

/** The operators and aggregators a property takes. */
export interface PropertyOperators {
  /** The filter operators the Notion UI offers for it. */
  readonly filterOperators: readonly FilterOperator[]
  /** The aggregators of a table footer's "Calculate" menu. */
  readonly aggregators: readonly Aggregator[]
}

/**
 * Everything notion-rx knows about one property type, in one object: how a stored cell decodes
 * (as a JS value, and as a query cell), how a value encodes, how cells convert when a property is
 * retyped, which operators and aggregators it takes, whether it is read-only. `codecFor(type)`
 * finds it; a type notion-rx does not know gets `unknownPropertyCodec`.
 */
export interface PropertyCodec extends PropertyOperators {
  readonly type: string
  /** Computed by Notion (formula, rollup, created/edited time and by, ids, button): writes are refused. */
  readonly readOnly: boolean
  /** What `encode` accepts, as error messages say it. */
  readonly accepts: string
  /** The stored form of an empty cell. */
  readonly cleared: RichText
  /** The value comes from a formula or from related rows, and is `undefined` when it cannot be computed. */
  readonly computed?: true
  /** The value is the id of the user who created or last edited the row. */
  readonly author?: true
  /** The cell holds `‣` mentions of users (`u`) or pages (`p`). */
  readonly mentions?: 'u' | 'p'
  /** Rich text kept as is when retyped to another text-like type. */
  readonly textLike?: true
  /** Select-like: the schema keeps `options`, and a cell holds one or many of them. */
  readonly options?: 'one' | 'many'
  /** The value can change with nothing written to the row (another row, another database). */
  readonly outsideRow?: true
  /** The table of the records the value names (users, pages), for loading their names. */
  readonly references?: 'notion_user' | 'block'
  /** Group columns that exist even when empty; default: "No value", then the schema's options. */
  groupColumns?(options: readonly string[]): Array<string | boolean | undefined>
  /** Operators that depend on the property's settings (a formula's result type). */
  operatorsOf?(property: Pick<CollectionProperty, 'formula'>, codecFor: (type: string) => PropertyCodec): PropertyOperators
  /** The cell as the query evaluator reads it. */
  cell(context: CellContext): CellValue
  /** The property as a formula reads it in the query evaluator; default: `cell`, as a formula value. */
  formulaInput?(context: CellContext): FormulaValue | undefined
  /** The cell as a JS value (see `PropertyValueMap`). */
  decode(context: ValueContext): PropertyValue
  /** A JS value as the stored cell (not called for read-only types, nor for values that clear). */
  encode(value: unknown, context: EncodeContext): EncodeOutcome
  /** The cell as this type shows it to a retype; absent when a retype cannot read it. */
  show?(value: PropertyValue, context: ShowContext): Shown | undefined
  /** The value a retype to this type writes; `undefined` leaves the cell. Absent: cells are not converted to it. */
  convertInto?(input: ConversionInput): { readonly value: unknown } | undefined
}
