import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import type { BlockModel } from '../src/viewModel.js'
import { DatabaseView } from './DatabaseView.js'
import { useChannel, useEdits, useReadOnly } from './hooks.js'
import { RichText } from './RichText.js'

function ToDo({ block }: { block: BlockModel }): JSX.Element {
  const edits = useEdits()
  const readOnly = useReadOnly()
  const checked = edits.value(`${block.id}:checked`, block.checked ?? false)
  return (
    <div class={`block to-do${checked ? ' checked' : ''}`} data-block-id={block.id}>
      <input
        type="checkbox"
        checked={checked}
        disabled={readOnly}
        onClick={(event) => {
          event.preventDefault()
          void edits.run(`${block.id}:checked`, !checked, { type: 'setChecked', blockId: block.id, checked: !checked })
        }}
      />
      <span class="to-do-text"><RichText spans={block.spans} /></span>
      <Blocks blocks={block.children} />
    </div>
  )
}

function Toggle({ block }: { block: BlockModel }): JSX.Element {
  const [open, setOpen] = useState(false)
  return (
    <div class={`block toggle${open ? ' open' : ''}`} data-block-id={block.id}>
      <button type="button" class="toggle-arrow" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? '▾' : '▸'}</button>
      <RichText spans={block.spans} />
      {open ? <div class="toggle-children"><Blocks blocks={block.children} /></div> : null}
    </div>
  )
}

function BlockView({ block, index, siblings }: { block: BlockModel; index: number; siblings: readonly BlockModel[] }): JSX.Element | null {
  const color = block.color ? ` color-${block.color}` : ''
  const common = { 'data-block-id': block.id, 'data-type': block.type }
  switch (block.type) {
    case 'header':
    case 'sub_header':
    case 'sub_sub_header': {
      const Tag = (`h${(block.level ?? 1) + 1}`) as 'h2'
      return <Tag class={`block heading${color}`} {...common}><RichText spans={block.spans} /></Tag>
    }
    case 'to_do':
      return <ToDo block={block} />
    case 'toggle':
      return <Toggle block={block} />
    case 'bulleted_list':
      return <ul class={`block${color}`} {...common}><li><RichText spans={block.spans} /><Blocks blocks={block.children} /></li></ul>
    case 'numbered_list': {
      let number = 1
      for (let i = index - 1; i >= 0 && siblings[i]?.type === 'numbered_list'; i--) number++
      return <ol class={`block${color}`} start={number} {...common}><li><RichText spans={block.spans} /><Blocks blocks={block.children} /></li></ol>
    }
    case 'quote':
      return <blockquote class={`block${color}`} {...common}><RichText spans={block.spans} /><Blocks blocks={block.children} /></blockquote>
    case 'callout':
      return <div class={`block callout${color}`} {...common}><span class="callout-icon">{block.icon ?? '💡'}</span><div><RichText spans={block.spans} /><Blocks blocks={block.children} /></div></div>
    case 'code':
      return <pre class="block code" data-language={block.language} {...common}><code><RichText spans={block.spans} /></code></pre>
    case 'equation':
      return <div class="block equation" {...common}><RichText spans={block.spans} /></div>
    case 'divider':
      return <hr class="block" {...common} />
    case 'image':
      return <figure class="block image" {...common}>{block.source ? <img src={block.source} alt={block.caption?.map((span) => span.text).join('') ?? ''} loading="lazy" /> : null}{block.caption && block.caption.length > 0 ? <figcaption><RichText spans={block.caption} /></figcaption> : null}</figure>
    case 'file':
    case 'pdf':
    case 'video':
    case 'audio':
      return <div class="block file" {...common}>📎 {block.source ? <a href={block.source} target="_blank" rel="noopener noreferrer"><RichText spans={block.spans.length > 0 ? block.spans : [{ text: block.type }]} /></a> : <RichText spans={block.spans} />}</div>
    case 'bookmark':
      return <div class="block bookmark" {...common}>🔖 {block.source ? <a href={block.source} target="_blank" rel="noopener noreferrer">{block.spans.length > 0 ? <RichText spans={block.spans} /> : block.source}</a> : null}</div>
    case 'column_list':
      return <div class="block columns" {...common}>{block.children.map((column) => <div key={column.id} class="column" data-block-id={column.id}><Blocks blocks={column.children} /></div>)}</div>
    case 'page':
      return <div class="block sub-page" {...common}>📄 <RichText spans={block.spans} /></div>
    case 'collection_view':
    case 'collection_view_page':
      return block.viewId ? <div class="block inline-database" {...common}><DatabaseView initialView={block.viewId} isRoot={false} /></div> : null
    case 'table_of_contents':
      return null
    default:
      return <div class={`block text${color}`} {...common}><RichText spans={block.spans} /><Blocks blocks={block.children} /></div>
  }
}

export function Blocks({ blocks }: { blocks: readonly BlockModel[] }): JSX.Element | null {
  if (blocks.length === 0) return null
  return <div class="blocks">{blocks.map((block, index) => <BlockView key={block.id} block={block} index={index} siblings={blocks} />)}</div>
}

/** A page: its title and blocks, updated in place as they change. */
export function PageView({ channel }: { channel: string }): JSX.Element {
  const { model, error } = useChannel(channel)
  if (error) return <div class="page error">Could not show this page: {error}</div>
  if (!model || model.kind !== 'page') return <div class="page loading">Loading…</div>
  const { page } = model
  return (
    <article class="page" data-page-id={page.id}>
      <h1 class="page-title">{page.icon ? <span class="page-icon">{page.icon}</span> : null}{page.title}</h1>
      <Blocks blocks={page.blocks} />
    </article>
  )
}
