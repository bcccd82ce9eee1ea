import type { BlockHandler } from '../exportState.js'

/** `table_of_contents`: `::table_of_contents`, a leaf directive (it has no content; it imports back as the same block). */
export const tableOfContents: BlockHandler = () => [{ type: 'leafDirective', name: 'table_of_contents', attributes: {}, children: [] }]
