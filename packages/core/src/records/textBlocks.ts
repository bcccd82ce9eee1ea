import { BasicBlock } from './basicBlock.js'
import { booleanField, fieldMap, optionalStringField, plainTextField, yesNoField } from './blockField.js'
import { defineFieldAccessors, type FieldAccessors } from './fieldAccessors.js'

export class TextBlock extends BasicBlock {}
export class HeaderBlock extends BasicBlock {}
export class SubHeaderBlock extends BasicBlock {}
export class SubSubHeaderBlock extends BasicBlock {}
export class Header4Block extends BasicBlock {}
export class BulletedListBlock extends BasicBlock {}
export class NumberedListBlock extends BasicBlock {}
export class ToggleBlock extends BasicBlock {}
export class QuoteBlock extends BasicBlock {}

const TO_DO_FIELDS = {
  /** Whether the to-do is ticked (`properties.checked`, `[["Yes"]]` / `[["No"]]`; missing reads false). */
  checked: yesNoField('checked', 'properties.checked'),
}

// The accessors TO_DO_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface ToDoBlock extends FieldAccessors<typeof TO_DO_FIELDS> {}

/** `to_do`: `checked` is stored as `[["Yes"]]` / `[["No"]]`. */
export class ToDoBlock extends BasicBlock {
  static override readonly fields = fieldMap(BasicBlock.fields, TO_DO_FIELDS)

  static {
    defineFieldAccessors(this)
  }
}

const CALLOUT_FIELDS = {
  /** An emoji or a URL (`format.page_icon`); undefined removes it. */
  icon: optionalStringField('icon', 'format.page_icon'),
}

// The accessors CALLOUT_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface CalloutBlock extends FieldAccessors<typeof CALLOUT_FIELDS> {}

/** `callout`: `icon` is an emoji or a URL (`format.page_icon`). */
export class CalloutBlock extends BasicBlock {
  static override readonly fields = fieldMap(BasicBlock.fields, CALLOUT_FIELDS)

  static {
    defineFieldAccessors(this)
  }
}

const CODE_FIELDS = {
  /** The code's language as Notion names it (`TypeScript`, `Plain Text`...). */
  language: plainTextField('language', 'properties.language'),
  /** Whether long lines wrap (`format.code_wrap`). */
  wrap: booleanField('wrap', 'format.code_wrap'),
}

// The accessors CODE_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface CodeBlock extends FieldAccessors<typeof CODE_FIELDS> {}

/** `code`: the code is the title; `language` (e.g. `TypeScript`, `Plain Text`) and `wrap`. */
export class CodeBlock extends BasicBlock {
  static override readonly fields = fieldMap(BasicBlock.fields, CODE_FIELDS)

  static {
    defineFieldAccessors(this)
  }
}

const EQUATION_FIELDS = {
  /** The equation's LaTeX, stored as the block's title. */
  latex: plainTextField('latex', 'properties.title'),
}

// The accessors EQUATION_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface EquationBlock extends FieldAccessors<typeof EQUATION_FIELDS> {}

/** `equation`: a block equation, its LaTeX stored as the title. */
export class EquationBlock extends BasicBlock {
  static override readonly fields = fieldMap(BasicBlock.fields, EQUATION_FIELDS)

  static {
    defineFieldAccessors(this)
  }
}
