// Retypes convert cells with the property codecs of @notion-rx/protocol (each type's `show` and
// `convertInto`); the collection's changePropertyType loads the names and titles they show.
export { cellOptionValues, convertCell, convertsCells, dateText, mergeOptions } from '@notion-rx/protocol'
export type { CellConversionContext } from '@notion-rx/protocol'
