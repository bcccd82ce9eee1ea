import { mentionIds } from '../query/storedCell.js'
import { MENTION_PLACEHOLDER } from '../richText.js'
import { commaJoined, idOf, listOf } from './codecParts.js'
import { mentionedIds } from './mentionedIds.js'
import { AGGREGATES, FILTERS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'
import { listed } from './shownValues.js'

/** The codec of person (`u` mentions of users) and relation (`p` mentions of pages): record ids. */
export function mentionCodec(type: 'person' | 'relation'): PropertyCodec {
  const code = type === 'person' ? 'u' : 'p'
  return {
    type,
    readOnly: false,
    accepts: type === 'person' ? 'a user id, a user, or a list of them' : 'a page id, a page, or a list of them',
    cleared: [],
    mentions: code,
    references: type === 'person' ? 'notion_user' : 'block',
    ...(type === 'relation' ? { outsideRow: true } : {}),
    filterOperators: type === 'person' ? FILTERS.person : FILTERS.relation,
    aggregators: AGGREGATES.counts,
    cell: ({ raw }) => ({ kind: 'ids', ids: mentionIds(raw, code) }),
    decode: ({ raw }) => mentionedIds(raw, code),
    encode: (value) => {
      const ids: string[] = []
      for (const item of listOf(value)) {
        const id = idOf(item)
        if (id === undefined) return { refused: item }
        ids.push(id)
      }
      return { richText: commaJoined([...new Set(ids)].map((id) => [MENTION_PLACEHOLDER, [[code, id]]])) }
    },
    show: (value, context) => listed((value as string[]).map(type === 'person' ? context.userName : context.pageTitle)),
    // Mentions of this kind already in the cell stay (an @-mention in a text cell, the user of
    // `created_by` for a person); everything else goes.
    convertInto: (input) => {
      const author = input.fromAuthor ? input.fromValue() : undefined
      if (typeof author === 'string') return { value: type === 'person' ? [author] : [] }
      return { value: input.toValue() }
    },
  }
}
