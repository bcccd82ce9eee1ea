import { formulaDate } from '../formula/formulaValue.js'
import { dayInZone } from '../query/calendarDay.js'
import type { DateCell } from '../query/cellKind.js'
import { READ_ONLY_ACCEPTS, refuseAll } from './codecParts.js'
import { AGGREGATES, FILTERS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'
import { instantText, single } from './shownValues.js'

const finiteMs = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/** The codec of created_time and last_edited_time: the row's own field (epoch ms), read-only. */
export function editTimeCodec(type: 'created_time' | 'last_edited_time'): PropertyCodec {
  return {
    type,
    readOnly: true,
    accepts: READ_ONLY_ACCEPTS,
    cleared: [],
    filterOperators: FILTERS.dateSet,
    aggregators: AGGREGATES.dates,
    cell: ({ row, timeZone }) => {
      const ms = row.value[type]
      const date: DateCell | undefined = finiteMs(ms) ? { startDay: dayInZone(ms, timeZone), endDay: undefined, start: ms } : undefined
      return { kind: 'date', date }
    },
    formulaInput: ({ row }) => {
      const ms = row.value[type]
      return finiteMs(ms) ? formulaDate(new Date(ms)) : null
    },
    decode: ({ row }) => (finiteMs(row[type]) ? new Date(row[type]) : null),
    encode: refuseAll,
    show: (value, context) => single(value instanceof Date ? instantText(value, context.timeZone) : null),
  }
}
