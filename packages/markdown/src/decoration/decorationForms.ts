import { isKnownDecoration } from '@notion-rx/protocol'
import type { Decoration, DecorationCode, KnownDecoration } from '@notion-rx/protocol'
import type { PhrasingContent } from 'mdast'
import { bold } from './bold.js'
import { code } from './code.js'
import { color } from './color.js'
import { customEmoji } from './customEmoji.js'
import { dateMention } from './dateMention.js'
import type { DecorationForm } from './decorationForm.js'
import { discussion } from './discussion.js'
import { equation } from './equation.js'
import { externalMention } from './externalMention.js'
import { externalObject } from './externalObject.js'
import { genericDecoration } from './genericDecoration.js'
import { italic } from './italic.js'
import { link } from './link.js'
import { linkMention } from './linkMention.js'
import { pageMention } from './pageMention.js'
import { strike } from './strike.js'
import { suggestion } from './suggestion.js'
import { underline } from './underline.js'
import { userMention } from './userMention.js'

type DecorationOf<C extends DecorationCode> = Extract<KnownDecoration, [C, ...unknown[]]>

/** The markdown form of every known decoration code. */
export const decorationForms: { readonly [C in DecorationCode]: DecorationForm<DecorationOf<C>> } = {
  b: bold,
  i: italic,
  s: strike,
  c: code,
  _: underline,
  a: link,
  h: color,
  e: equation,
  p: pageMention,
  u: userMention,
  d: dateMention,
  '‣': externalMention,
  m: discussion,
  lm: linkMention,
  eoi: externalObject,
  si: suggestion,
  ce: customEmoji,
}

/** The form that writes `decoration`: its code's, or the generic one for unknown codes. */
export function formFor(decoration: Decoration): DecorationForm {
  if (!isKnownDecoration(decoration)) return genericDecoration
  // The map pairs each code with the form of that code's decoration type; TypeScript cannot
  // correlate the index with the argument, hence the widening.
  return decorationForms[decoration[0]] as DecorationForm
}

const byNodeType = new Map<string, DecorationForm>()
const byDirectiveName = new Map<string, DecorationForm>()
for (const form of [...Object.values(decorationForms), genericDecoration] as DecorationForm[]) {
  if ('type' in form.reads) byNodeType.set(form.reads.type, form)
  else byDirectiveName.set(form.reads.directive, form)
}

/** The form that reads `node`, if any. */
export function formReading(node: PhrasingContent): DecorationForm | undefined {
  return node.type === 'textDirective' ? byDirectiveName.get(node.name) : byNodeType.get(node.type)
}
