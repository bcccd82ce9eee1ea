import { z } from 'zod'
import { unknownLiteralSchema } from './unknownLiteral.js'

/**
 * Rich text ("title arrays", docs/protocol.md#rich-text-format): an array of segments, each `[text]` or
 * `[text, decorations]`, each decoration `[code]` or `[code, arg]`. The same format holds every
 * property value of a block (titles, checkbox `[["Yes"]]`, numbers, dates, relations, files).
 */

/** Every decoration code notion-rx knows. Unknown codes are still accepted and kept. */
export const DECORATION_CODES = [
  'b',
  'i',
  's',
  'c',
  '_',
  'a',
  'h',
  'e',
  'p',
  'u',
  'd',
  '‣',
  'm',
  'lm',
  'eoi',
  'si',
  'ce',
] as const

export type DecorationCode = (typeof DECORATION_CODES)[number]

const knownCodes: ReadonlySet<string> = new Set(DECORATION_CODES)

export function isDecorationCode(code: string): code is DecorationCode {
  return knownCodes.has(code)
}

/** Text and background colours of `h` (and of `format.block_color`). Others are accepted too. */
export const COLORS = [
  'default',
  'gray',
  'brown',
  'orange',
  'yellow',
  'teal',
  'blue',
  'purple',
  'pink',
  'red',
  'gray_background',
  'brown_background',
  'orange_background',
  'yellow_background',
  'teal_background',
  'blue_background',
  'purple_background',
  'pink_background',
  'red_background',
] as const

export type Color = (typeof COLORS)[number] | (string & {})

/** The placeholder text of mention segments (`u`, `p`, `d`, `‣`, ...). */
export const MENTION_PLACEHOLDER = '‣'
/** The placeholder text of inline-equation segments (`e`). */
export const EQUATION_PLACEHOLDER = '⁍'

/** `reminder` of a date (notionapi-agent `DateTime`). */
export const notionDateReminderSchema = z.looseObject({
  value: z.number(),
  unit: z.string(),
  time: z.string().optional(),
})

export const NOTION_DATE_TYPES = ['date', 'datetime', 'daterange', 'datetimerange'] as const
export type NotionDateType = (typeof NOTION_DATE_TYPES)[number] | (string & {})

/**
 * The argument of a `d` decoration, and the stored value of date properties.
 * @example { type: 'daterange', start_date: '2010-07-31', end_date: '2020-07-31' }
 */
export const notionDateSchema = z.looseObject({
  /** `date`, `datetime`, `daterange` or `datetimerange`. */
  type: z.string(),
  /** `YYYY-MM-DD`. */
  start_date: z.string(),
  /** `HH:mm`, for the `datetime*` types. */
  start_time: z.string().optional(),
  end_date: z.string().optional(),
  end_time: z.string().optional(),
  /** IANA zone, e.g. `America/Los_Angeles`. */
  time_zone: z.string().optional(),
  /** `relative`, `MMM DD, YYYY`, `MM/DD/YYYY`, `DD/MM/YYYY` or `YYYY/MM/DD`. */
  date_format: z.string().optional(),
  /** `H:mm` or `h:mm A`. */
  time_format: z.string().optional(),
  reminder: notionDateReminderSchema.optional(),
})
export type NotionDate = z.infer<typeof notionDateSchema>

/**
 * The argument of an `lm` decoration. notion-types says string, its renderer reads an object,
 * so both are accepted.
 */
export const linkMentionSchema = z.looseObject({
  href: z.string().optional(),
  title: z.string().optional(),
  icon_url: z.string().optional(),
  description: z.string().optional(),
  link_provider: z.string().optional(),
  thumbnail_url: z.string().optional(),
})
export type LinkMention = z.infer<typeof linkMentionSchema>

function flag<C extends string>(code: C) {
  return z.tuple([z.literal(code)])
}

function withArg<C extends string, A extends z.ZodType>(code: C, arg: A) {
  return z.tuple([z.literal(code), arg])
}

export const boldDecorationSchema = flag('b')
export const italicDecorationSchema = flag('i')
export const strikeDecorationSchema = flag('s')
export const codeDecorationSchema = flag('c')
export const underlineDecorationSchema = flag('_')
/** `["a", url]`; the URL may be missing (`["a"]`, KJK `title7`) or relative (`/<pageid>#<block>`). */
export const linkDecorationSchema = z.union([flag('a'), withArg('a', z.string())])
export const colorDecorationSchema = withArg('h', z.string() as z.ZodType<Color>)
export const equationDecorationSchema = withArg('e', z.string())
export const pageMentionDecorationSchema = withArg('p', z.string())
export const userMentionDecorationSchema = withArg('u', z.string())
export const dateMentionDecorationSchema = withArg('d', notionDateSchema)
/** `["‣", [kind, id]]`: a user or record possibly in another workspace. Extra elements are kept. */
export const externalMentionDecorationSchema = withArg('‣', z.tuple([z.string(), z.string()], z.unknown()))
export const discussionDecorationSchema = withArg('m', z.string())
export const linkMentionDecorationSchema = withArg('lm', z.union([linkMentionSchema, z.string()]))
export const externalObjectDecorationSchema = withArg('eoi', z.string())
export const suggestionDecorationSchema = withArg('si', z.string())
export const customEmojiDecorationSchema = withArg('ce', z.string())

/**
 * Any decoration whose code is not in DECORATION_CODES, kept as it came. Known codes are excluded
 * so that a malformed known decoration is reported instead of slipping through here.
 */
export const unknownDecorationSchema = z.tuple([unknownLiteralSchema(knownCodes)], z.unknown())

export type BoldDecoration = z.infer<typeof boldDecorationSchema>
export type ItalicDecoration = z.infer<typeof italicDecorationSchema>
export type StrikeDecoration = z.infer<typeof strikeDecorationSchema>
export type CodeDecoration = z.infer<typeof codeDecorationSchema>
export type UnderlineDecoration = z.infer<typeof underlineDecorationSchema>
export type LinkDecoration = z.infer<typeof linkDecorationSchema>
export type ColorDecoration = z.infer<typeof colorDecorationSchema>
export type EquationDecoration = z.infer<typeof equationDecorationSchema>
export type PageMentionDecoration = z.infer<typeof pageMentionDecorationSchema>
export type UserMentionDecoration = z.infer<typeof userMentionDecorationSchema>
export type DateMentionDecoration = z.infer<typeof dateMentionDecorationSchema>
export type ExternalMentionDecoration = z.infer<typeof externalMentionDecorationSchema>
export type DiscussionDecoration = z.infer<typeof discussionDecorationSchema>
export type LinkMentionDecoration = z.infer<typeof linkMentionDecorationSchema>
export type ExternalObjectDecoration = z.infer<typeof externalObjectDecorationSchema>
export type SuggestionDecoration = z.infer<typeof suggestionDecorationSchema>
export type CustomEmojiDecoration = z.infer<typeof customEmojiDecorationSchema>
export type UnknownDecoration = z.infer<typeof unknownDecorationSchema>

export const knownDecorationSchema = z.union([
  boldDecorationSchema,
  italicDecorationSchema,
  strikeDecorationSchema,
  codeDecorationSchema,
  underlineDecorationSchema,
  linkDecorationSchema,
  colorDecorationSchema,
  equationDecorationSchema,
  pageMentionDecorationSchema,
  userMentionDecorationSchema,
  dateMentionDecorationSchema,
  externalMentionDecorationSchema,
  discussionDecorationSchema,
  linkMentionDecorationSchema,
  externalObjectDecorationSchema,
  suggestionDecorationSchema,
  customEmojiDecorationSchema,
])
export type KnownDecoration = z.infer<typeof knownDecorationSchema>

export const decorationSchema = z.union([knownDecorationSchema, unknownDecorationSchema])
/** Narrow with `isKnownDecoration` first: the unknown member keeps `d[0] === 'a'` from narrowing. */
export type Decoration = KnownDecoration | UnknownDecoration

export function isKnownDecoration(decoration: Decoration): decoration is KnownDecoration {
  return knownCodes.has(decoration[0])
}

/** `[text]` or `[text, decorations]`. */
export const richTextSegmentSchema = z.union([
  z.tuple([z.string()]),
  z.tuple([z.string(), z.array(decorationSchema)]),
])
export type RichTextSegment = z.infer<typeof richTextSegmentSchema>

/** A title array. Empty arrays are accepted (Notion stores them for cleared values). */
export const richTextSchema = z.array(richTextSegmentSchema)
export type RichText = z.infer<typeof richTextSchema>

export interface RichTextToPlainTextOptions {
  /**
   * Text for a mention segment (text `‣`: user, page, date, external mention). Without it mentions
   * give nothing, as in notion-types' `getTextContent`: resolving them needs other records.
   * @default () => ''
   * @example { mention: (segment) => segment[1]?.[0]?.[0] === 'u' ? '@someone' : '' }
   */
  mention?: (segment: RichTextSegment) => string
}

/**
 * The text a reader sees, without formatting: segment texts joined, inline equations as their
 * LaTeX, mentions as `options.mention` says (nothing by default).
 * @example richTextToPlainText([['Hello '], ['world', [['b']]]]) // 'Hello world'
 */
export function richTextToPlainText(richText: RichText, options?: RichTextToPlainTextOptions): string {
  let out = ''
  for (const segment of richText) {
    const [text, decorations] = segment
    if (text === EQUATION_PLACEHOLDER) {
      const equation = decorations?.find((d): d is EquationDecoration => d[0] === 'e')
      if (equation) {
        out += equation[1]
        continue
      }
    }
    if (text === MENTION_PLACEHOLDER && decorations && decorations.length > 0) {
      out += options?.mention?.(segment) ?? ''
      continue
    }
    out += text
  }
  return out
}

/**
 * Plain text as a title array without decorations; the empty string gives `[]`.
 * @example plainTextToRichText('Ship it') // [['Ship it']]
 */
export function plainTextToRichText(text: string): RichText {
  return text === '' ? [] : [[text]]
}
