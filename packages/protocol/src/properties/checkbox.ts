import { plainText } from '../query/storedCell.js'
import { AGGREGATES, FILTERS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'
import { single } from './shownValues.js'

/** What a checkbox reads as checked when converted from text, lower-cased (Notion documents no rule; this is notion-rx's choice). */
const CHECKED_TEXTS: ReadonlySet<string> = new Set(['yes', 'true', '1', 'x', 'checked', '✓', '✔', '☑'])

const isChecked = (raw: unknown) => plainText(raw).trim() === 'Yes'

/** `checkbox`: `Yes` or `No`; a cleared checkbox is stored unchecked, never empty. */
export const checkboxCodec = {
  type: 'checkbox',
  readOnly: false,
  accepts: 'a boolean',
  cleared: [['No']],
  filterOperators: FILTERS.checkbox,
  aggregators: AGGREGATES.checks,
  groupColumns: () => [false, true],
  cell: ({ raw }) => ({ kind: 'checkbox', checked: isChecked(raw) }),
  decode: ({ raw }) => isChecked(raw),
  encode: (value) => (typeof value === 'boolean' ? { richText: [[value ? 'Yes' : 'No']] } : { refused: value }),
  show: (value) => single(value === true ? 'Yes' : null),
  convertInto: (input) => {
    const shown = input.shown()
    return shown === undefined ? undefined : { value: CHECKED_TEXTS.has(shown.values.join(', ').trim().toLowerCase()) }
  },
} satisfies PropertyCodec
