/** The code languages Notion offers, as it names them. */
const NOTION_LANGUAGES = [
  'ABAP', 'Agda', 'Arduino', 'Assembly', 'Bash', 'BASIC', 'BNF', 'C', 'C#', 'C++', 'Clojure', 'CoffeeScript', 'Coq', 'CSS',
  'Dart', 'Dhall', 'Diff', 'Docker', 'EBNF', 'Elixir', 'Elm', 'Erlang', 'F#', 'Flow', 'Fortran', 'Gherkin', 'GLSL', 'Go',
  'GraphQL', 'Groovy', 'Haskell', 'HCL', 'HTML', 'Idris', 'Java', 'JavaScript', 'JSON', 'Julia', 'Kotlin', 'LaTeX', 'Less',
  'Lisp', 'LiveScript', 'LLVM IR', 'Lua', 'Makefile', 'Markdown', 'Markup', 'MATLAB', 'Mathematica', 'Mermaid', 'Nix',
  'Notion Formula', 'Objective-C', 'OCaml', 'Pascal', 'Perl', 'PHP', 'Plain Text', 'PowerShell', 'Prolog', 'Protobuf',
  'PureScript', 'Python', 'R', 'Racket', 'Reason', 'Ruby', 'Rust', 'Sass', 'Scala', 'Scheme', 'SCSS', 'Shell', 'Solidity',
  'SQL', 'Swift', 'TOML', 'TypeScript', 'VB.Net', 'Verilog', 'VHDL', 'Visual Basic', 'WebAssembly', 'XML', 'YAML',
  'Java/C/C++/C#',
]

const byTag = new Map(NOTION_LANGUAGES.map((name) => [languageTag(name), name]))

/**
 * A Notion language as a fence info word: lower case, spaces as `-` (`Plain Text` → `plain-text`);
 * `languageName` reads it back.
 */
export function languageTag(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '-')
}

/** The Notion name of a fence's language (`typescript` → `TypeScript`); an unknown tag is kept. */
export function languageName(tag: string): string {
  return byTag.get(tag.toLowerCase()) ?? tag
}
