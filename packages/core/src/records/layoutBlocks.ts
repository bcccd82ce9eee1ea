import type { Operation } from '@notion-rx/protocol'
import { COLOR } from './basicBlock.js'
import { Block } from './block.js'
import { fieldMap, fieldOperation, numberField } from './blockField.js'
import { defineFieldAccessors, type FieldAccessors } from './fieldAccessors.js'
import { MediaBlock } from './mediaBlocks.js'

export class DividerBlock extends Block {}

const COLUMN_RATIO = numberField('columnRatio', 'format.column_ratio', { above: 0, atMost: 1 })

const COLUMN_FIELDS = {
  /** The column's share of its list's width, in (0, 1] (`format.column_ratio`); undefined removes it. */
  columnRatio: COLUMN_RATIO,
}

// The accessors COLUMN_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface ColumnBlock extends FieldAccessors<typeof COLUMN_FIELDS> {}

/** `column`: one column of a `column_list`; `columnRatio` is its share of the width (0..1]. */
export class ColumnBlock extends Block {
  static override readonly fields = fieldMap(Block.fields, COLUMN_FIELDS)

  static {
    defineFieldAccessors(this)
  }
}

/** `column_list`: its children are `column` blocks. */
export class ColumnListBlock extends Block {
  /** Gives every column the same width (`column_ratio = 1/n`), in one batch; resolves on commit. */
  evenlySpaceColumns(): Promise<void> {
    const columns = this.children.ids
    if (columns.length === 0) return Promise.resolve()
    const ratio = 1 / columns.length
    const operations: Operation[] = columns.map((id) => {
      const spaceId = this.spaceId
      return fieldOperation(spaceId === undefined ? { table: 'block', id } : { table: 'block', id, spaceId }, COLUMN_RATIO, ratio)
    })
    return this.write(operations)
  }
}

const TABLE_OF_CONTENTS_FIELDS = {
  /** `format.block_color`: a text colour or a `*_background` colour; `'default'` when unset. */
  color: COLOR,
}

// The accessors TABLE_OF_CONTENTS_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface TableOfContentsBlock extends FieldAccessors<typeof TABLE_OF_CONTENTS_FIELDS> {}

/** `table_of_contents`: its headings come from the page; it has a `color`. */
export class TableOfContentsBlock extends Block {
  static override readonly fields = fieldMap(Block.fields, TABLE_OF_CONTENTS_FIELDS)

  static {
    defineFieldAccessors(this)
  }
}

export class BreadcrumbBlock extends MediaBlock {}
export class TabBlock extends Block {}
/** `link_to_page`: points at another page (`properties`/`format` as Notion stores them). */
export class LinkToPageBlock extends Block {}
/** `link_to_collection`: a linked view of a database elsewhere. */
export class LinkToCollectionBlock extends MediaBlock {}
/** `alias`: shows another block (`format.alias_pointer`). */
export class AliasBlock extends Block {
  /** The id of the block shown here. */
  get aliasedId(): string | undefined {
    return this.value?.format?.alias_pointer?.id
  }
}
export class CopyIndicatorBlock extends Block {}
/** `transclusion_container`: the original of a synced block; its children are the synced content. */
export class TransclusionContainerBlock extends Block {}
/** `transclusion_reference`: a copy of a synced block (`format.transclusion_reference_pointer`). */
export class TransclusionReferenceBlock extends Block {
  /** The id of the synced block's original (its transclusion_container). */
  get referencedId(): string | undefined {
    return this.value?.format?.transclusion_reference_pointer?.id
  }
}
/** `table`: a simple table; its children are `table_row`s, columns in `format.table_block_column_order`. */
export class TableBlock extends Block {
  get columnOrder(): readonly string[] {
    return this.value?.format?.table_block_column_order ?? []
  }
}
/** `table_row`: a row of a simple table; each cell is rich text at `properties.<column id>`. */
export class TableRowBlock extends Block {}
