import type { JSX } from 'preact'
import type { Span } from '../src/viewModel.js'

function SpanView({ span }: { span: Span }): JSX.Element {
  const classes = [
    span.bold && 'b',
    span.italic && 'i',
    span.strike && 's',
    span.underline && 'u',
    span.mention && `mention mention-${span.mention}`,
    span.equation && 'equation',
    span.color && `color-${span.color}`,
  ].filter(Boolean)
  let content: JSX.Element | string = span.text
  if (span.code) content = <code>{content}</code>
  if (span.href) content = <a href={span.href} target="_blank" rel="noopener noreferrer">{content}</a>
  return classes.length > 0 ? <span class={classes.join(' ')}>{content}</span> : <>{content}</>
}

/** Rich text with its decorations. */
export function RichText({ spans }: { spans: readonly Span[] }): JSX.Element {
  return <>{spans.map((span, index) => <SpanView key={index} span={span} />)}</>
}

export function plain(spans: readonly Span[]): string {
  return spans.map((span) => span.text).join('')
}
