import type { Observable } from 'rxjs'
import { BasicBlock } from './basicBlock.js'
import { booleanField, fieldMap, optionalStringField, plainTextField, yesNoField } from './blockField.js'

export class TextBlock extends BasicBlock {}
export class HeaderBlock extends BasicBlock {}
export class SubHeaderBlock extends BasicBlock {}
export class SubSubHeaderBlock extends BasicBlock {}
export class Header4Block extends BasicBlock {}
export class BulletedListBlock extends BasicBlock {}
export class NumberedListBlock extends BasicBlock {}
export class ToggleBlock extends BasicBlock {}
export class QuoteBlock extends BasicBlock {}

const CHECKED = yesNoField('checked', 'properties.checked')

/** `to_do`: `checked` is stored as `[["Yes"]]` / `[["No"]]`. */
export class ToDoBlock extends BasicBlock {
  static override readonly fields = fieldMap(BasicBlock.fields, CHECKED)

  get checked(): boolean {
    return this.read(CHECKED)
  }

  set checked(value: boolean) {
    this.assign(CHECKED, value)
  }

  get checked$(): Observable<boolean> {
    return this.observe(CHECKED)
  }
}

const CALLOUT_ICON = optionalStringField('icon', 'format.page_icon')

/** `callout`: `icon` is an emoji or a URL (`format.page_icon`). */
export class CalloutBlock extends BasicBlock {
  static override readonly fields = fieldMap(BasicBlock.fields, CALLOUT_ICON)

  get icon(): string | undefined {
    return this.read(CALLOUT_ICON)
  }

  set icon(value: string | undefined) {
    this.assign(CALLOUT_ICON, value)
  }

  get icon$(): Observable<string | undefined> {
    return this.observe(CALLOUT_ICON)
  }
}

const LANGUAGE = plainTextField('language', 'properties.language')
const WRAP = booleanField('wrap', 'format.code_wrap')

/** `code`: the code is the title; `language` (e.g. `TypeScript`, `Plain Text`) and `wrap`. */
export class CodeBlock extends BasicBlock {
  static override readonly fields = fieldMap(BasicBlock.fields, LANGUAGE, WRAP)

  get language(): string {
    return this.read(LANGUAGE)
  }

  set language(value: string) {
    this.assign(LANGUAGE, value)
  }

  get language$(): Observable<string> {
    return this.observe(LANGUAGE)
  }

  get wrap(): boolean {
    return this.read(WRAP)
  }

  set wrap(value: boolean) {
    this.assign(WRAP, value)
  }

  get wrap$(): Observable<boolean> {
    return this.observe(WRAP)
  }
}

const LATEX = plainTextField('latex', 'properties.title')

/** `equation`: a block equation, its LaTeX stored as the title. */
export class EquationBlock extends BasicBlock {
  static override readonly fields = fieldMap(BasicBlock.fields, LATEX)

  get latex(): string {
    return this.read(LATEX)
  }

  set latex(value: string) {
    this.assign(LATEX, value)
  }

  get latex$(): Observable<string> {
    return this.observe(LATEX)
  }
}
