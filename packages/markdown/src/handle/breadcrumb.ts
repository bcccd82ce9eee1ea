import type { BlockHandler } from '../exportState.js'

/** `breadcrumb`: `::breadcrumb`, a leaf directive (it has no content; it imports back as the same block). */
export const breadcrumb: BlockHandler = () => [{ type: 'leafDirective', name: 'breadcrumb', attributes: {}, children: [] }]
