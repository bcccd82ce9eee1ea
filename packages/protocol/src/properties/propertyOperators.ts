import type { Aggregator, FilterOperator } from '../endpoints/queryVocabulary.js'
import type { CollectionProperty } from '../records/collection.js'
import type { PropertyOperators } from './propertyCodec.js'
import { codecFor } from './propertyCodecs.js'

function operatorsOf(property: Pick<CollectionProperty, 'type' | 'formula'>): PropertyOperators {
  const codec = codecFor(property.type)
  return codec.operatorsOf ? codec.operatorsOf(property, codecFor) : codec
}

/**
 * The filter operators a property accepts, as the Notion UI offers them (its codec's). Formulas
 * follow their `result_type`; rollups and types notion-rx does not know accept every operator.
 */
export function filterOperatorsFor(property: Pick<CollectionProperty, 'type' | 'formula'>): readonly FilterOperator[] {
  return operatorsOf(property).filterOperators
}

/** The aggregators a property accepts (the "Calculate" menu of a table footer), its codec's. */
export function aggregatorsFor(property: Pick<CollectionProperty, 'type' | 'formula'>): readonly Aggregator[] {
  return operatorsOf(property).aggregators
}
