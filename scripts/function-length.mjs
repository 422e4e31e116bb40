// `node scripts/function-length.mjs [--fail-on renderer,src,main,web] [--limit 80] [--top N]`: no function over 80 lines.
//
// A function's length is the lines from its first to its last, less the lines that are JSX (the markup a
// component returns is not logic; its handlers are functions of their own and are measured on their own). It
// covers every function form: declarations, expressions, arrows (components, hooks, callbacks), methods,
// accessors and constructors; a function's nested functions count towards it too, as they are read with it.
// Every folder is reported; only the folders named by --fail-on (all of them when it is not given) fail the run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const FOLDERS = ['src', 'main', 'renderer', 'web'];
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const limit = Number(option('--limit', '80'));
const failOn = option('--fail-on', FOLDERS.join(',')).split(',').filter(Boolean);
const top = Number(option('--top', '0'));
const unknown = failOn.filter((f) => !FOLDERS.includes(f));
if (unknown.length || !Number.isInteger(limit) || limit < 1) {
  console.error(`function-length: --fail-on takes ${FOLDERS.join(', ')}; --limit a whole number (got ${unknown.join(', ') || limit})`);
  process.exit(2);
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

const isFunction = (n) =>
  ts.isFunctionDeclaration(n) ||
  ts.isFunctionExpression(n) ||
  ts.isArrowFunction(n) ||
  ts.isMethodDeclaration(n) ||
  ts.isConstructorDeclaration(n) ||
  ts.isGetAccessorDeclaration(n) ||
  ts.isSetAccessorDeclaration(n);
const isJsx = (n) => ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n);

/** The 0-based lines that hold only JSX: inside an outermost JSX node, with no code before or after it on the line. */
function jsxLines(sf) {
  const lines = new Set();
  const text = sf.text;
  const visit = (n) => {
    if (!isJsx(n)) return ts.forEachChild(n, visit);
    const start = n.getStart(sf);
    const end = n.getEnd();
    const first = sf.getLineAndCharacterOfPosition(start).line;
    const last = sf.getLineAndCharacterOfPosition(end).line;
    const lineStart = sf.getPositionOfLineAndCharacter(first, 0);
    const lineEnd = last + 1 < sf.getLineStarts().length ? sf.getPositionOfLineAndCharacter(last + 1, 0) : text.length;
    const codeBefore = text.slice(lineStart, start).trim() !== '';
    const codeAfter = text.slice(end, lineEnd).trim() !== '';
    for (let l = first; l <= last; l++) if ((l !== first || !codeBefore) && (l !== last || !codeAfter)) lines.add(l);
  };
  visit(sf);
  return lines;
}

function nameOf(n, sf) {
  if (n.name) return n.name.getText(sf);
  if (ts.isConstructorDeclaration(n)) return 'constructor';
  const p = n.parent;
  if (p && ts.isVariableDeclaration(p)) return p.name.getText(sf);
  if (p && ts.isPropertyAssignment(p)) return p.name.getText(sf);
  if (p && ts.isCallExpression(p)) {
    // memo(function X() {}), useCallback(() => …): named by the variable the call is assigned to.
    const holder = p.parent && ts.isVariableDeclaration(p.parent) ? p.parent.name.getText(sf) : null;
    return `${holder ?? '(anonymous)'} (${p.expression.getText(sf)} callback)`;
  }
  return '(anonymous)';
}

function measure(path) {
  const sf = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const markup = jsxLines(sf);
  const found = [];
  const visit = (n) => {
    if (isFunction(n)) {
      const first = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
      let lines = 0;
      for (let l = first; l <= last; l++) if (!markup.has(l)) lines++;
      found.push({ file: path, line: first + 1, name: nameOf(n, sf), lines });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

const root = process.cwd();
let failed = false;
for (const folder of FOLDERS) {
  const all = [...sourceFiles(join(root, folder))].flatMap(measure).sort((a, b) => b.lines - a.lines);
  const over = all.filter((f) => f.lines > limit);
  const fails = failOn.includes(folder) && over.length > 0;
  failed ||= fails;
  const longest = all[0] ? `longest ${all[0].lines} (${relative(root, all[0].file)}:${all[0].line} ${all[0].name})` : 'no functions';
  console.log(
    `${folder}/: ${all.length} functions, ${over.length} over ${limit} lines, ${longest}${fails ? '' : over.length ? ' (reported only)' : ''}`,
  );
  for (const f of top > 0 ? all.slice(0, top) : over) console.log(`  ${f.lines} lines  ${relative(root, f.file)}:${f.line}  ${f.name}`);
}
if (failed) {
  console.error(`function-length: functions over ${limit} lines in ${failOn.join(', ')}: split them`);
  process.exit(1);
}
