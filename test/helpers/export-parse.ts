import { marked, type Token, type Tokens } from 'marked';

/** Every token in a marked token tree, depth first, in document order (table cells and list items included). */
export function allTokens(tokens: Token[]): Token[] {
  const out: Token[] = [];
  const visit = (list: Token[] | undefined) => {
    for (const t of list ?? []) {
      out.push(t);
      if (t.type === 'table') {
        const table = t as Tokens.Table;
        for (const cell of table.header) visit(cell.tokens);
        for (const row of table.rows) for (const cell of row) visit(cell.tokens);
      } else if (t.type === 'list') {
        visit((t as Tokens.List).items);
      } else if ('tokens' in t) visit(t.tokens);
    }
  };
  visit(tokens);
  return out;
}

/** The text a reader sees: escapes resolved, hard breaks and <br> as line breaks, nested list items on lines of their own. */
export function plainText(tokens: Token[] | undefined): string {
  let s = '';
  for (const t of tokens ?? []) {
    if (t.type === 'br' || (t.type === 'html' && t.raw === '<br>')) s += '\n';
    else if (t.type === 'list') s += `\n${(t as Tokens.List).items.map((i) => plainText(i.tokens)).join('\n')}`;
    else if ('tokens' in t && t.tokens) s += plainText(t.tokens);
    else if ('text' in t) s += t.text;
  }
  return s;
}

export const lex = (markdown: string): Token[] => marked.lexer(markdown);

/** How the Markdown writer is expected to show a user's text: each line trimmed, empty lines dropped. */
export const shownLines = (text: string, join = '\n'): string =>
  text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(join);
