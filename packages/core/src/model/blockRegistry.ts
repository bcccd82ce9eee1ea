import { isKnownBlockType, type KnownBlockType } from '@notion-rx/protocol'
import { Block } from '../records/block.js'
import { CollectionViewBlock, CollectionViewPageBlock, FormBlock } from '../databases/databaseBlocks.js'
import {
  AliasBlock,
  BreadcrumbBlock,
  ColumnBlock,
  ColumnListBlock,
  CopyIndicatorBlock,
  DividerBlock,
  LinkToCollectionBlock,
  LinkToPageBlock,
  TabBlock,
  TableBlock,
  TableOfContentsBlock,
  TableRowBlock,
  TransclusionContainerBlock,
  TransclusionReferenceBlock,
} from '../records/layoutBlocks.js'
import {
  AudioBlock,
  BookmarkBlock,
  CodepenBlock,
  DriveBlock,
  EmbedBlock,
  ExcalidrawBlock,
  ExternalObjectInstanceBlock,
  FigmaBlock,
  FileBlock,
  FramerBlock,
  GistBlock,
  ImageBlock,
  InvisionBlock,
  LoomBlock,
  MapsBlock,
  MiroBlock,
  PdfBlock,
  ReplitBlock,
  TweetBlock,
  TypeformBlock,
  VideoBlock,
} from '../records/mediaBlocks.js'
import { CollectionRowBlock } from '../databases/collectionRowBlock.js'
import { PageBlock } from '../records/pageBlocks.js'
import type { BlockClass } from '../records/recordRegistry.js'
import { ButtonBlock, FactoryBlock, TemplateBlock } from '../records/templateBlocks.js'
import {
  BulletedListBlock,
  CalloutBlock,
  CodeBlock,
  EquationBlock,
  Header4Block,
  HeaderBlock,
  NumberedListBlock,
  QuoteBlock,
  SubHeaderBlock,
  SubSubHeaderBlock,
  TextBlock,
  ToDoBlock,
  ToggleBlock,
} from '../records/textBlocks.js'

/** The class of every known block type. `satisfies` keeps it exhaustive: a new BLOCK_TYPES entry fails to compile here. */
export const BLOCK_CLASSES = {
  page: PageBlock,
  text: TextBlock,
  header: HeaderBlock,
  sub_header: SubHeaderBlock,
  sub_sub_header: SubSubHeaderBlock,
  header_4: Header4Block,
  bulleted_list: BulletedListBlock,
  numbered_list: NumberedListBlock,
  to_do: ToDoBlock,
  toggle: ToggleBlock,
  quote: QuoteBlock,
  callout: CalloutBlock,
  code: CodeBlock,
  divider: DividerBlock,
  equation: EquationBlock,
  image: ImageBlock,
  video: VideoBlock,
  audio: AudioBlock,
  file: FileBlock,
  pdf: PdfBlock,
  bookmark: BookmarkBlock,
  embed: EmbedBlock,
  codepen: CodepenBlock,
  figma: FigmaBlock,
  gist: GistBlock,
  maps: MapsBlock,
  drive: DriveBlock,
  tweet: TweetBlock,
  typeform: TypeformBlock,
  excalidraw: ExcalidrawBlock,
  miro: MiroBlock,
  replit: ReplitBlock,
  framer: FramerBlock,
  loom: LoomBlock,
  invision: InvisionBlock,
  collection_view: CollectionViewBlock,
  collection_view_page: CollectionViewPageBlock,
  form: FormBlock,
  column_list: ColumnListBlock,
  column: ColumnBlock,
  table_of_contents: TableOfContentsBlock,
  breadcrumb: BreadcrumbBlock,
  tab: TabBlock,
  link_to_page: LinkToPageBlock,
  link_to_collection: LinkToCollectionBlock,
  alias: AliasBlock,
  factory: FactoryBlock,
  template: TemplateBlock,
  button: ButtonBlock,
  copy_indicator: CopyIndicatorBlock,
  transclusion_container: TransclusionContainerBlock,
  transclusion_reference: TransclusionReferenceBlock,
  table: TableBlock,
  table_row: TableRowBlock,
  external_object_instance: ExternalObjectInstanceBlock,
} as const satisfies Record<KnownBlockType, BlockClass>

type RegisteredClasses = typeof BLOCK_CLASSES

// Fills in records/' BlockClassMap (types only), so `BlockFor<'to_do'>` is `ToDoBlock` everywhere.
declare module '../records/blockClassMap.js' {
  interface BlockClassMap extends RegisteredClasses {}
}

/**
 * The class for a block: CollectionRowBlock for database rows (`parent_table: 'collection'`),
 * else the class of its type, else Block (unknown or missing types keep all their data).
 */
export function blockClassFor(type: string | undefined, value?: Readonly<Record<string, unknown>>): BlockClass {
  if (value?.['parent_table'] === 'collection') return CollectionRowBlock
  return type !== undefined && isKnownBlockType(type) ? BLOCK_CLASSES[type] : Block
}
