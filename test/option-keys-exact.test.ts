// The unknown-key check is only as right as its key tables. Each is declared
// `{ … } satisfies OptionKeys<T>`: the mapped type makes a key `T` gains and the table lacks a
// compile error, and the excess-property check does the same for a key written in the table that
// `T` lacks — but not for keys that come in by a spread (`...SNAP_KEYS`), which the compiler never
// checks for excess. So the compiler is asked here, for every such table in src and for every
// `optionsObject(options, where, TABLE)` call, whether the table's keys are exactly `T`'s: a
// spread table with a key the options type lacks would let an unknown key through unnoticed.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The keys of a type; for a union, of any member (as `OptionKeys` takes them). */
function keysOf(checker: ts.TypeChecker, type: ts.Type): Set<string> {
  const out = new Set<string>();
  for (const t of type.isUnion() ? type.types : [type])
    for (const p of checker.getPropertiesOfType(t)) out.add(p.name);
  return out;
}

/** `where: extra […] missing […]` when the two key sets differ, else undefined. */
function mismatch(where: string, table: Set<string>, wanted: Set<string>): string | undefined {
  const extra = [...table].filter((k) => !wanted.has(k));
  const missing = [...wanted].filter((k) => !table.has(k));
  if (extra.length === 0 && missing.length === 0) return undefined;
  return `${where}: table has [${extra.join(', ')}] beyond the type, lacks [${missing.join(', ')}]`;
}

describe('option key tables', () => {
  it('every `satisfies OptionKeys<T>` table and every optionsObject call has exactly the keys of T', () => {
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
    const roots = config.fileNames.filter((f) => f.startsWith(`${ROOT}src/`));
    const program = ts.createProgram(roots, config.options);
    const checker = program.getTypeChecker();
    const problems: string[] = [];
    let tables = 0;
    let calls = 0;
    for (const sf of program.getSourceFiles()) {
      if (!sf.fileName.startsWith(`${ROOT}src/`)) continue;
      const at = (n: ts.Node) =>
        `${sf.fileName.slice(ROOT.length)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      const visit = (n: ts.Node): void => {
        if (
          ts.isSatisfiesExpression(n) &&
          ts.isTypeReferenceNode(n.type) &&
          n.type.typeName.getText(sf) === 'OptionKeys' &&
          n.type.typeArguments?.length === 1
        ) {
          tables++;
          const wanted = keysOf(checker, checker.getTypeFromTypeNode(n.type.typeArguments[0]));
          const table = keysOf(checker, checker.getTypeAtLocation(n.expression));
          const m = mismatch(at(n), table, wanted);
          if (m) problems.push(m);
        }
        if (
          ts.isCallExpression(n) &&
          n.expression.getText(sf) === 'optionsObject' &&
          n.arguments.length === 3
        ) {
          calls++;
          const signature = checker.getResolvedSignature(n);
          const param = signature?.getParameters()[0];
          if (param) {
            const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(param, n));
            const table = keysOf(checker, checker.getTypeAtLocation(n.arguments[2]));
            const m = mismatch(at(n), table, keysOf(checker, type));
            if (m) problems.push(m);
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    // The walk found the tables (a renamed OptionKeys or optionsObject would find none).
    expect(tables).toBeGreaterThan(40);
    expect(calls).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  }, 60_000);
});
