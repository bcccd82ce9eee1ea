import type { Element, ElementContent, Root } from 'hast'

/** Deeper than this, elements are left as they are (the readers after this bound their own walks). */
const MAX_DEPTH = 256

const hasClass = (node: Element, name: string): boolean => {
  const className = node.properties['className']
  return Array.isArray(className) && className.includes(name)
}

const elements = (children: readonly ElementContent[]): Element[] => children.filter((child): child is Element => child.type === 'element')

const isBlank = (node: ElementContent): boolean => node.type === 'comment' || (node.type === 'text' && node.value.trim() === '')

/** The `<body>` when the HTML is a whole document, so the head's title and styles are not content. */
export function bodyOf(root: Root): Root {
  const html = elements(root.children as ElementContent[]).find((node) => node.tagName === 'html')
  const body = html && elements(html.children).find((node) => node.tagName === 'body')
  return body ? { type: 'root', children: body.children } : root
}

/**
 * Rewrites what real-world HTML says in ways the markdown readers would miss, before sanitizing:
 * Notion's exported to-dos (`<div class="checkbox checkbox-on">`) become checkbox inputs, images
 * wrapped in a link (badges, Notion's figures) become bare images with their caption as alt text,
 * and empty anchors (heading permalinks) go. Changes the tree in place.
 */
export function tidyHtml(root: Root): Root {
  const visit = (parent: Root | Element, depth: number): void => {
    if (depth > MAX_DEPTH) return
    const out: ElementContent[] = []
    for (const child of parent.children as ElementContent[]) {
      if (child.type !== 'element') {
        out.push(child)
        continue
      }
      if (child.tagName === 'div' && hasClass(child, 'checkbox')) {
        out.push({ type: 'element', tagName: 'input', properties: { type: 'checkbox', checked: hasClass(child, 'checkbox-on'), disabled: true }, children: [] })
        continue
      }
      if (child.tagName === 'figure') {
        const caption = elements(child.children).find((node) => node.tagName === 'figcaption')
        const image = findImage(child, 0)
        if (image) {
          const alt = caption ? textOf(caption) : ''
          if (alt !== '' && !image.properties['alt']) image.properties['alt'] = alt
          out.push({ type: 'element', tagName: 'p', properties: {}, children: [image] })
          continue
        }
      }
      if (child.tagName === 'a') {
        const meaningful = child.children.filter((node) => !isBlank(node))
        if (meaningful.length === 0) continue
        const only = meaningful[0]
        if (meaningful.length === 1 && only?.type === 'element' && only.tagName === 'img') {
          out.push(only)
          continue
        }
      }
      visit(child, depth + 1)
      out.push(child)
    }
    parent.children = out as never
  }
  visit(root, 0)
  return root
}

/** After sanitizing: a link whose address was removed (`javascript:`…) keeps its text, not an empty link. */
export function unwrapLinksWithoutAddress(root: Root): Root {
  const visit = (parent: Root | Element, depth: number): void => {
    if (depth > MAX_DEPTH) return
    const out: ElementContent[] = []
    for (const child of parent.children as ElementContent[]) {
      if (child.type === 'element') visit(child, depth + 1)
      if (child.type === 'element' && child.tagName === 'a' && typeof child.properties['href'] !== 'string') out.push(...child.children)
      else out.push(child)
    }
    parent.children = out as never
  }
  visit(root, 0)
  return root
}

function findImage(node: Element, depth: number): Element | undefined {
  if (depth > 8) return undefined
  for (const child of elements(node.children)) {
    if (child.tagName === 'img') return child
    const found = findImage(child, depth + 1)
    if (found) return found
  }
  return undefined
}

/** Text of a node, walked without recursion so hostile nesting cannot overflow the stack. */
export function textOf(node: Root | Element): string {
  let text = ''
  const stack: (Root | ElementContent)[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()!
    if (current.type === 'text') text += current.value
    else if ('children' in current) for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as ElementContent)
  }
  return text.replace(/\s+/g, ' ').trim()
}
