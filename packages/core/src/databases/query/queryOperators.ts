// The vocabulary itself is protocol: the emulator evaluates the same words. Which operators and
// aggregators a property takes is its codec's (protocol's properties/).
export { AGGREGATORS, FILTER_OPERATORS, RELATIVE_DATE_RANGES, RELATIVE_DATES, aggregatorsFor, filterOperatorsFor } from '@notion-rx/protocol'
export type { Aggregator, FilterOperator, RelativeDate, RelativeDateRange } from '@notion-rx/protocol'
