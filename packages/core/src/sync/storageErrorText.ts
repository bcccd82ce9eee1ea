const ERROR_DOCUMENT = /<Error>[\s\S]*<\/Error>/

function unescapeXml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

function element(xml: string, name: string): string | undefined {
  const text = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]
  return text === undefined ? undefined : unescapeXml(text)
}

/**
 * An S3 error body (`<Error><Code>AccessDenied</Code><Message>…</Message>…</Error>`) as the JSON
 * `{name, message}` the transport's errors read, keeping only the code and the message: S3 also
 * echoes `StringToSign`, `SignatureProvided` and the canonical request, which are credentials.
 * Any other body is returned as it is.
 */
export function storageErrorText(text: string): string {
  const xml = ERROR_DOCUMENT.exec(text)?.[0]
  if (xml === undefined) return text
  const code = element(xml, 'Code')
  const message = element(xml, 'Message')
  return JSON.stringify({ ...(code !== undefined ? { name: code } : {}), ...(message !== undefined ? { message } : {}) })
}
