// Every public function keeps its documentation: the TypeScript compiler reads the three entries
// (`servicereach`, `servicereach/engine`, `servicereach/node`), follows each exported name to its
// declaration and checks the JSDoc there — a summary, a `@param` for every parameter and an
// `@example`. A new export without them, or a renamed parameter whose `@param` was left behind,
// fails here with the name, file and line to fix. Interfaces, types and constants are not checked.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ENTRIES = ['src/index.ts', 'src/engine.ts', 'src/node.ts'];

// PENDING: symbols whose files other engineers are rewriting in parallel (the OSM reader split,
// field renames in the coverage analysis and its outputs); they document them there. Until that
// lands their problems are not failures. The lead empties this list after the merge, and an entry
// that has become clean (or is gone) fails the last test below, so none can linger.
const PENDING: ReadonlySet<string> = new Set([]);

/** One checked function, constructor or method, and what its documentation lacks. */
interface Documented {
  /** `name` for a function or class, `Class.constructor` or `Class.method` for a member. */
  readonly name: string;
  /** `name (src/file.ts:12): missing @param x`, one line per problem. */
  readonly problems: string[];
}

/** The project's own program, as `tsc --noEmit` sees it, rooted at the three entries. */
function projectProgram(): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${ROOT}tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  return ts.createProgram(
    ENTRIES.map((e) => `${ROOT}${e}`),
    config.options,
  );
}

/** `src/file.ts:12`, the place a reader opens to fix the comment. */
function where(node: ts.Node, root: string): string {
  const file = node.getSourceFile();
  const at = ts.isFunctionLike(node) || ts.isClassLike(node) ? (node.name ?? node) : node;
  const { line } = file.getLineAndCharacterOfPosition(at.getStart());
  return `${file.fileName.slice(root.length)}:${line + 1}`;
}

/** The comment closest to the declaration: a stray block further up does not count. */
function jsDocOf(node: ts.Node): ts.JSDoc | undefined {
  return ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1);
}

/** A comment's text; a TSDoc `@param x -` with nothing after the hyphen is empty. */
function text(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  if (comment === undefined) return '';
  const raw = typeof comment === 'string' ? comment : (ts.getTextOfJSDocComment(comment) ?? '');
  return raw.trim().replace(/^-\s*/, '');
}

function hasExample(node: ts.Node): boolean {
  const tags = jsDocOf(node)?.tags ?? [];
  return tags.some((t) => t.tagName.text === 'example' && text(t.comment) !== '');
}

/** `options` of `@param options.k`: a dotted tag documents a field of that parameter. */
function tagRoot(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : tagRoot(name.left);
}

/**
 * The problems of one signature. `docNode` is where its comment sits (the variable statement of
 * `export const f = () => …`); `exampleElsewhere` when its example may live on a sibling (the
 * class of a constructor, another overload).
 */
function checkSignature(
  fn: ts.SignatureDeclaration,
  docNode: ts.Node,
  exampleElsewhere: boolean,
): string[] {
  const doc = jsDocOf(docNode);
  if (!doc) return ['missing JSDoc'];
  const problems: string[] = [];
  if (text(doc.comment) === '') problems.push('missing summary');

  const tags: readonly ts.JSDocTag[] = doc.tags ?? [];
  const paramTags = tags.filter(ts.isJSDocParameterTag);
  const names = fn.parameters
    .map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined))
    .filter((n) => n !== 'this');
  const ownNames = new Set(names.filter((n) => n !== undefined));
  const documented = new Set(paramTags.map((t) => tagRoot(t.name)));
  // A destructured parameter has no name of its own: one `@param options - …` (a name no other
  // parameter has), taken in order, documents the whole object.
  const spareNames = [...documented].filter((n) => !ownNames.has(n));
  const accepted = new Set(ownNames);
  for (const [i, name] of names.entries()) {
    if (name === undefined) {
      const spare = spareNames.shift();
      if (spare === undefined)
        problems.push(`missing @param for parameter ${i + 1} (destructured)`);
      else accepted.add(spare);
    } else if (!documented.has(name)) {
      problems.push(`missing @param ${name}`);
    }
  }
  for (const tag of paramTags) {
    const shown = tag.name.getText();
    if (!accepted.has(tagRoot(tag.name))) problems.push(`@param ${shown} names no parameter`);
    else if (text(tag.comment) === '') problems.push(`@param ${shown} has no description`);
  }
  if (!exampleElsewhere && !hasExample(docNode)) problems.push('missing @example');
  return problems;
}

/**
 * The problems of a function or method with all its overloads. Overloads are what callers see
 * (the implementation signature behind them is not), and an editor shows each overload's own
 * comment for its call, so each needs its summary and `@param`s; one example among them is enough.
 */
function checkCallable(
  decls: readonly ts.FunctionLikeDeclaration[],
  label: string,
  root: string,
  exampleElsewhere = false,
): string[] {
  const overloads = decls.filter((d) => d.body === undefined);
  const shown = overloads.length > 0 ? overloads : decls;
  const example = exampleElsewhere || (shown.length > 1 && shown.some(hasExample));
  return shown.flatMap((d) =>
    checkSignature(d, d, example).map((p) => `${label} (${where(d, root)}): ${p}`),
  );
}

function isPublicMember(member: ts.ClassElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return false;
  const flags = ts.getCombinedModifierFlags(member as ts.Declaration);
  return (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0;
}

/** The class (summary and example), its public constructor and its public methods. */
function checkClass(cls: ts.ClassDeclaration, name: string, root: string): Documented[] {
  const doc = jsDocOf(cls);
  const classProblems: string[] = [];
  if (!doc) classProblems.push('missing JSDoc');
  else {
    if (text(doc.comment) === '') classProblems.push('missing summary');
    if (!hasExample(cls)) classProblems.push('missing @example');
  }
  const out: Documented[] = [
    { name, problems: classProblems.map((p) => `${name} (${where(cls, root)}): ${p}`) },
  ];

  // `new Class(…)` is naturally shown in the class's example, so constructors may rely on it.
  const ctors = cls.members.filter(ts.isConstructorDeclaration).filter(isPublicMember);
  if (ctors.length > 0) {
    const id = `${name}.constructor`;
    out.push({ name: id, problems: checkCallable(ctors, id, root, true) });
  }
  const methods = new Map<string, ts.MethodDeclaration[]>();
  for (const member of cls.members) {
    if (!ts.isMethodDeclaration(member) || !isPublicMember(member)) continue;
    const key = member.name.getText();
    methods.set(key, [...(methods.get(key) ?? []), member]);
  }
  for (const [key, decls] of methods) {
    const id = `${name}.${key}`;
    out.push({ name: id, problems: checkCallable(decls, id, root) });
  }
  return out;
}

/** The declaration of the class `cls` extends, when it is ours (not `Error` or a library's). */
function baseClass(
  checker: ts.TypeChecker,
  cls: ts.ClassDeclaration,
  root: string,
): ts.ClassDeclaration | undefined {
  const heritage = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const expr = heritage?.types[0]?.expression;
  if (!expr) return undefined;
  let symbol = checker.getSymbolAtLocation(expr);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const decl = symbol?.declarations?.find(ts.isClassDeclaration);
  const file = decl?.getSourceFile().fileName ?? '';
  return file.startsWith(root) && !file.includes('/node_modules/') ? decl : undefined;
}

/**
 * Every function, class and `const` arrow function the entries export (each declaration once,
 * under its public name), with its documentation problems.
 */
function documentation(prog: ts.Program, root: string, entries: readonly string[]): Documented[] {
  const checker = prog.getTypeChecker();
  const seen = new Set<ts.Node>();
  const out: Documented[] = [];
  for (const entry of entries) {
    const file = prog.getSourceFile(`${root}${entry}`);
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    if (!moduleSymbol) throw new Error(`${entry} is not a module of the program`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decls = symbol.declarations ?? [];
      if (decls.some((d) => seen.has(d))) continue;
      for (const d of decls) seen.add(d);
      const name = exported.name;

      const functions = decls.filter(ts.isFunctionDeclaration);
      if (functions.length > 0) {
        out.push({ name, problems: checkCallable(functions, name, root) });
        continue;
      }
      const cls = decls.find(ts.isClassDeclaration);
      if (cls) {
        out.push(...checkClass(cls, name, root));
        // A base class's constructor and methods are part of the surface too (InputError is
        // constructed with ServiceReachError's signature), exported or not.
        for (
          let c = baseClass(checker, cls, root);
          c && !seen.has(c);
          c = baseClass(checker, c, root)
        ) {
          seen.add(c);
          out.push(...checkClass(c, c.name?.text ?? name, root));
        }
        continue;
      }
      for (const d of decls) {
        if (!ts.isVariableDeclaration(d) || !d.initializer) continue;
        const init = d.initializer;
        if (!ts.isArrowFunction(init) && !ts.isFunctionExpression(init)) continue;
        // The comment of `export const f = () => …` sits on the statement, two levels up.
        const problems = checkSignature(init, d.parent.parent, false);
        out.push({ name, problems: problems.map((p) => `${name} (${where(d, root)}): ${p}`) });
      }
    }
  }
  return out;
}

/** A program over source text held in memory, rooted at `/fixture/`, for testing the checker. */
function fixtureProgram(files: Record<string, string>): ts.Program {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noLib: true,
    types: [],
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const source = (path: string) => files[path.replace('/fixture/', '')];
  host.fileExists = (path) => source(path) !== undefined;
  host.readFile = (path) => source(path);
  host.directoryExists = (path) => path === '/fixture' || path === '/fixture/';
  host.getCurrentDirectory = () => '/fixture/';
  host.getSourceFile = (path, version) => {
    const content = source(path);
    return content === undefined ? undefined : ts.createSourceFile(path, content, version, true);
  };
  return ts.createProgram(['/fixture/entry.ts'], options, host);
}

describe('the documentation check', () => {
  const problemsOf = (files: Record<string, string>) =>
    documentation(fixtureProgram(files), '/fixture/', ['entry.ts']).flatMap((d) => d.problems);

  it('accepts a summary, a @param per parameter (one for a destructured object) and an example', () => {
    const ok = `
/**
 * Adds.
 *
 * @param a - First, seconds.
 * @param options - \`b\`: second, seconds.
 * @param options.b - Also fine.
 * @example
 * add(1, { b: 2 }); // 3
 */
export function add(a: number, { b }: { b: number }): number { return a + b; }`;
    expect(problemsOf({ 'entry.ts': ok })).toEqual([]);
  });

  it('names each missing or stray tag with the file and line', () => {
    const bad = `
/**
 * Subtracts.
 *
 * @param x - First.
 * @param z - Renamed long ago.
 * @param y -
 */
export function sub(x: number, y: number, { w }: { w: number }): number { return x - y - w; }

export const mul = (a: number) => a;
`;
    expect(problemsOf({ 'entry.ts': bad })).toEqual([
      'sub (entry.ts:9): @param y has no description',
      'sub (entry.ts:9): missing @example',
      'mul (entry.ts:11): missing JSDoc',
    ]);
    const stray = `
/** Subtracts.
 * @param x - First.
 * @param z - Renamed long ago.
 * @example sub(1, 2);
 */
export function sub(x: number, y: number): number { return x - y; }`;
    expect(problemsOf({ 'entry.ts': stray })).toEqual([
      'sub (entry.ts:7): missing @param y',
      'sub (entry.ts:7): @param z names no parameter',
    ]);
  });

  it('checks a class, its public constructor and methods, its base class and re-exports', () => {
    const base = `
/** Base.
 * @example new Base(1);
 */
export class Base {
  constructor(code: number) {}
  /** Shows.
   * @param n - How many.
   */
  show(n: number): void {}
}`;
    const derived = `
import { Base } from './base';
/** Derived.
 * @example new Derived(1);
 */
export class Derived extends Base {
  private hidden(x: number): void {}
  protected also(x: number): void {}
  /** One. @param a - A. @example d.over('a'); */
  over(a: string): void;
  /** Two. @param a - A. @param b - B. */
  over(a: number, b: number): void;
  over(a: unknown, b?: number): void {}
}`;
    const entry = `export { Derived as Renamed } from './derived';`;
    expect(problemsOf({ 'entry.ts': entry, 'base.ts': base, 'derived.ts': derived })).toEqual([
      'Base.constructor (base.ts:6): missing JSDoc',
      'Base.show (base.ts:10): missing @example',
    ]);
  });
});

describe('the public API documentation', () => {
  const all = documentation(projectProgram(), ROOT, ENTRIES);

  it('finds the exported functions and classes of the three entries', () => {
    const names = new Set(all.map((d) => d.name));
    for (const expected of ['coverage', 'RoadNetwork', 'SearchEngine.run', 'withSearchPool'])
      expect(names, expected).toContain(expected);
  });

  it('gives every function, constructor and public method a summary, @param for each parameter and an @example', () => {
    const problems = all.filter((d) => !PENDING.has(d.name)).flatMap((d) => d.problems);
    expect(problems).toEqual([]);
  });

  it('keeps PENDING to the names that still lack documentation', () => {
    const stale = [...PENDING].filter((n) =>
      all.every((d) => d.name !== n || d.problems.length === 0),
    );
    expect(stale, 'documented or gone now: remove from PENDING').toEqual([]);
  });
});
