// The node types of directives and math (textDirective, inlineMath) come from these plugins.
/// <reference types="remark-directive" />
/// <reference types="remark-math" />
import type { Decoration } from '@notion-rx/protocol'
import type { PhrasingContent } from 'mdast'

/** Where in the mdast tree a decoration is being written. */
export interface WrapContext {
  /** Inside a link: markdown links cannot nest, so a second `a` needs the generic form. */
  readonly inLink: boolean
  /**
   * Inside a directive label, whose end is found by counting brackets: a code span or math span
   * there must not hold `[` or `]`.
   */
  readonly inLabel: boolean
}

/** What a form reads back from one mdast node. */
export type MdastRead =
  /** A wrapper: `decoration` applies to everything converted from `children`. */
  | { readonly decoration: Decoration; readonly children: readonly PhrasingContent[] }
  /** A leaf (inline code, inline math): one segment of `text`. */
  | { readonly decoration: Decoration; readonly text: string }

/** The mdast node kinds a form reads: a node type, or a text directive by name. */
export type MdastSelector = { readonly type: 'strong' | 'emphasis' | 'delete' | 'link' | 'inlineCode' | 'inlineMath' } | { readonly directive: string }

/**
 * The markdown form of one decoration code, both directions: one handler per kind, so that adding
 * a decoration adds a file and shared code never branches on the code.
 */
export interface DecorationForm<D extends Decoration = Decoration> {
  readonly reads: MdastSelector
  /** Nesting order when two decorations cover the same segments: lower ranks go outside. */
  readonly rank: number
  /**
   * Leaf forms (inline code, inline math) replace the segment text itself; undefined when this
   * text cannot be written that way.
   */
  leaf?(decoration: D, text: string, context: WrapContext): PhrasingContent | undefined
  /**
   * The node carrying `decoration` around the content, or undefined when this form cannot carry
   * it here (the generic directive then does). `content` builds the children in a context.
   */
  wrap?(decoration: D, content: (context: WrapContext) => PhrasingContent[], context: WrapContext): PhrasingContent | undefined
  /** The decoration a node of `reads` stands for, or undefined when the node is malformed. */
  read(node: PhrasingContent): MdastRead | undefined
}

/** The mdast node of `:name[label]{attributes}` (typed by remark-directive). */
export type TextDirective = Extract<PhrasingContent, { type: 'textDirective' }>
