import type { RichText } from '@notion-rx/protocol'
import type { CollectionSchema } from './collectionSchema.js'
import type { RelatedRowLookup } from './relatedRows.js'

/** Options shared by `decodeProperty`, `decodeRow` and `encodeProperty`. */
export interface PropertyCodecOptions {
  /**
   * The whole collection schema: formulas need it to read the properties they reference.
   * Without it, formulas that reference properties decode to `undefined`.
   */
  schema?: CollectionSchema | undefined
  /**
   * How title and text cells become strings (e.g. rich text to markdown).
   * @default richTextToPlainText from @notion-rx/protocol
   */
  richTextToString?: ((richText: RichText) => string) | undefined
  /**
   * How strings written to title and text cells become rich text (e.g. markdown to rich text).
   * @default plainTextToRichText from @notion-rx/protocol (`'x'` → `[['x']]`, `''` → `[]`)
   */
  stringToRichText?: ((text: string) => RichText) | undefined
  /**
   * The zone `Date` inputs are written in, and formulas' date parts are read in.
   * @default 'UTC'
   */
  timeZone?: string | undefined
  /** What formulas' `now()` returns. @default the time of decoding */
  now?: Date | undefined
  /**
   * Finds the rows relations point at, so rollups can be computed (rows' `prop`/`properties` pass
   * one over the client's store). Without it, rollups decode to `undefined`.
   */
  related?: RelatedRowLookup | undefined
  /** Told what a formula could not compute (its value is then `undefined`). */
  onFormulaIssue?: ((issue: { propertyId: string; propertyName: string; unsupported: string[] }) => void) | undefined
  /** Ids of select options created for unknown values. @default crypto.randomUUID */
  newOptionId?: (() => string) | undefined
}
