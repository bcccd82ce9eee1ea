import { readFileSync } from 'node:fs'
import ts from 'typescript'

/**
 * A ```ts block of a markdown file, with what the line before it declares (see docs/writing-docs.md):
 * `<!-- doc-test: prelude=<name> run -->`.
 */
export interface DocSnippet {
  /** The markdown file, relative to the repository root. */
  doc: string
  /** 1-based line of the block's first code line in the markdown file. */
  line: number
  code: string
  /** A module under docs/preludes/ whose exports the block may use. */
  prelude: string | undefined
  /** Run the block (after type-checking it); it must end by itself. */
  run: boolean
  /** Problems with the block's declaration itself (an unknown directive). */
  problems: string[]
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/
const DIRECTIVE = /^<!--\s*doc-test:(.*?)-->\s*$/
const TYPESCRIPT = new Set(['ts', 'typescript'])

/** Every TypeScript block of a markdown text, in order, with its doc-test directive. */
export function docSnippets(doc: string, markdown: string): DocSnippet[] {
  const lines = markdown.split('\n')
  const snippets: DocSnippet[] = []
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index]!)
    if (!open) continue
    const [, indent, fence, language] = open
    let end = index + 1
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence!)) end++
    if (TYPESCRIPT.has(language!)) {
      const body = lines.slice(index + 1, end).map((line) => (line.startsWith(indent!) ? line.slice(indent!.length) : line))
      snippets.push({ doc, line: index + 2, code: body.join('\n'), ...directiveBefore(lines, index) })
    }
    index = end
  }
  return snippets
}

function directiveBefore(lines: readonly string[], fenceIndex: number): Pick<DocSnippet, 'prelude' | 'run' | 'problems'> {
  let previous = fenceIndex - 1
  while (previous >= 0 && lines[previous]!.trim() === '') previous--
  const declared = previous >= 0 ? DIRECTIVE.exec(lines[previous]!.trim()) : null
  const result: Pick<DocSnippet, 'prelude' | 'run' | 'problems'> = { prelude: undefined, run: false, problems: [] }
  if (!declared) return result
  for (const word of declared[1]!.trim().split(/\s+/).filter(Boolean)) {
    const prelude = /^prelude=([\w-]+)$/.exec(word)
    if (prelude) result.prelude = prelude[1]
    else if (word === 'run') result.run = true
    else result.problems.push(`unknown doc-test directive "${word}" (known: prelude=<name>, run)`)
  }
  return result
}

/** The names a module's top level binds (declarations and imports): a block's own names. */
export function topLevelNames(code: string): Set<string> {
  const source = ts.createSourceFile('block.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS)
  const names = new Set<string>()
  const bind = (name: ts.BindingName | undefined) => {
    if (!name) return
    if (ts.isIdentifier(name)) names.add(name.text)
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name)
  }
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) bind(declaration.name)
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.add(statement.name.text)
    else if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement))) names.add(statement.name.text)
    else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause
      if (clause.name) names.add(clause.name.text)
      const bindings = clause.namedBindings
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text)
      else if (bindings) for (const element of bindings.elements) names.add(element.name.text)
    }
  }
  return names
}

/**
 * The values a prelude module exports (declarations marked `export`, and `export { ... }` lists).
 * Preludes export values only: a block imports them all in one plain `import { ... }`.
 */
export function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS)
  const names: string[] = []
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text)
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name && exported(statement)) {
      names.push(statement.name.text)
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.push(element.name.text)
    }
  }
  return names
}
