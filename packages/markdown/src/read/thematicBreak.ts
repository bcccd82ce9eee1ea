import { blockNode, type NodeReader } from './importState.js'

/** `---`: a `divider`. */
export const thematicBreak: NodeReader = () => [blockNode('divider')]
