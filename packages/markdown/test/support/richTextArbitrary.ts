import { COLORS, DECORATION_CODES, EQUATION_PLACEHOLDER, MENTION_PLACEHOLDER, NOTION_DATE_TYPES } from '@notion-rx/protocol'
import type { Decoration, NotionDate, RichText, RichTextSegment } from '@notion-rx/protocol'
import fc from 'fast-check'

/** Characters that mean something in markdown or in our directives, and some that do not. */
const special = [...'*_~`$[](){}<>#!\\:|&;.=+-\'"@/%^', ' ', '\t', '\n', '1', '9', 'a', 'Z', 'w']
const unicode = ['é', '中', '😀', '\u00a0', '\u200b', MENTION_PLACEHOLDER, EQUATION_PLACEHOLDER, '⸻', '\u2028']

const char = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...special) },
  { weight: 1, arbitrary: fc.constantFrom(...unicode) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
)

/** Any text: markdown-significant characters, unicode, words that look like URLs. */
export const textArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: char, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('www.example.com', 'https://x.org/a_b', 'a@b.co', '# h', '- item', '1. one', ':user{#x}', '&amp;', '\\') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
)

const idArbitrary = fc.oneof(fc.uuid(), textArbitrary)
const urlArbitrary = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.uuid().map((id) => `/${id.replaceAll('-', '')}#${id}`),
  textArbitrary,
)

const dateArbitrary: fc.Arbitrary<NotionDate> = fc.record(
  {
    type: fc.constantFrom(...NOTION_DATE_TYPES),
    start_date: fc.constantFrom('2020-07-23', '1999-12-31'),
    start_time: fc.constantFrom('09:00', '23:59'),
    end_date: fc.constant('2030-01-01'),
    end_time: fc.constant('10:30'),
    time_zone: fc.constantFrom('America/Los_Angeles', 'Europe/Paris'),
    date_format: fc.constantFrom('relative', 'MMM DD, YYYY', 'YYYY/MM/DD'),
    time_format: fc.constantFrom('H:mm', 'h:mm A'),
    reminder: fc.record({ value: fc.integer({ min: 0, max: 90 }), unit: fc.constantFrom('minute', 'day'), time: fc.constant('09:00') }, { requiredKeys: ['value', 'unit'] }),
    extra_field: textArbitrary,
  },
  { requiredKeys: ['type', 'start_date'] },
)

/** JSON as it comes over the wire (no `-0`, which JSON cannot carry). */
const json = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown)

const unknownCode = fc.string({ minLength: 1, maxLength: 4 }).filter((code) => !(DECORATION_CODES as readonly string[]).includes(code))

/** One decoration of any code, arguments included. */
export const decorationArbitrary: fc.Arbitrary<Decoration> = fc.oneof(
  fc.constantFrom<Decoration>(['b'], ['i'], ['s'], ['c'], ['_'], ['a']),
  urlArbitrary.map((url): Decoration => ['a', url]),
  fc.oneof(fc.constantFrom(...COLORS), textArbitrary).map((color): Decoration => ['h', color]),
  textArbitrary.map((latex): Decoration => ['e', latex]),
  fc.constantFrom('p', 'u', 'm', 'eoi', 'si', 'ce').chain((code) => idArbitrary.map((id) => [code, id] as Decoration)),
  dateArbitrary.map((date): Decoration => ['d', date]),
  fc.tuple(fc.constantFrom('u', 'block', 'collection'), fc.uuid()).map((target): Decoration => ['‣', target]),
  fc.tuple(fc.constant('u'), fc.uuid(), json).map((target): Decoration => ['‣', target]),
  fc.oneof(
    fc.record({ href: fc.webUrl(), title: textArbitrary, icon_url: fc.webUrl(), link_provider: textArbitrary }, { requiredKeys: ['href'] }),
    fc.webUrl(),
  ).map((target): Decoration => ['lm', target]),
  fc.tuple(unknownCode, fc.array(json, { maxLength: 2 })).map(([code, rest]): Decoration => [code, ...rest] as Decoration),
)

const segmentArbitrary: fc.Arbitrary<RichTextSegment> = fc.tuple(
  fc.oneof({ weight: 4, arbitrary: textArbitrary }, { weight: 1, arbitrary: fc.constantFrom(MENTION_PLACEHOLDER, EQUATION_PLACEHOLDER) }),
  fc.array(decorationArbitrary, { maxLength: 4 }),
).map(([text, decorations]): RichTextSegment => (decorations.length === 0 ? [text] : [text, decorations]))

/** Any well-formed title array. */
export const richTextArbitrary: fc.Arbitrary<RichText> = fc.array(segmentArbitrary, { maxLength: 8 })
