/**
 * Folders mean what they say (issue 10 point 4), checked on the import graph of app/ as
 * TypeScript itself parses it. Type-only imports carry no code and are left out.
 * - No import cycle.
 * - `app/search/` (the search wing) depends on no feature above it: listings, routes, components.
 * - `app/components/` is presentational: no server module lives there or is imported from there.
 * - Configuration, database and i18n code do not reach up into components or routes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP = path.join(ROOT, 'app');
const EXTENSIONS = ['.ts', '.tsx'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    const isSource = EXTENSIONS.some((ext) => entry.name.endsWith(ext));
    return isSource && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const clause = node.exportClause;
    return !!clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly);
  }
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs code
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return (
    !!bindings &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

function resolveSpecifier(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('~/')) base = path.join(APP, specifier.slice(2));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
  else return null; // a package
  const candidates = [
    base,
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.map((ext) => path.join(base, 'index' + ext)),
  ];
  return candidates.find((file) => EXTENSIONS.some((ext) => file.endsWith(ext)) && exists(file)) ?? null;
}

const known = new Set(sourceFiles(APP));
const exists = (file: string) => known.has(file);

/** file → the app files it imports for their code (relative to app/). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of known) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const targets: string[] = [];
    for (const node of source.statements) {
      if (!(ts.isImportDeclaration(node) || ts.isExportDeclaration(node))) continue;
      const spec = node.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec) || isTypeOnly(node)) continue;
      const target = resolveSpecifier(file, spec.text);
      if (target) targets.push(path.relative(APP, target));
    }
    graph.set(path.relative(APP, file), targets);
  }
  return graph;
}

function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

const graph = importGraph();
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
const arrows = (fromDir: string, toDirs: string[]) =>
  edges
    .filter(({ from, to }) => from.startsWith(fromDir) && toDirs.some((dir) => to.startsWith(dir)))
    .map(({ from, to }) => `${from} → ${to}`);

describe('the import graph of app/', () => {
  it('is read from the real files', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('search/filters.server.ts')).toContain('search/visibility.ts');
  });

  it('has no import cycle', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('search/ depends on nothing above it', () => {
    expect(arrows('search/', ['listings/', 'routes/', 'components/'])).toEqual([]);
  });

  it('components/ is presentational: no server module there, none imported from there', () => {
    expect([...graph.keys()].filter((f) => f.startsWith('components/') && /\.server\.tsx?$/.test(f))).toEqual(
      [],
    );
    expect(
      edges.filter(({ from, to }) => from.startsWith('components/') && /\.server\.tsx?$/.test(to)),
    ).toEqual([]);
  });

  it('config, i18n and the database layer do not reach up into components or routes', () => {
    expect(arrows('config/', ['components/', 'routes/'])).toEqual([]);
    expect(arrows('i18n/', ['components/', 'routes/'])).toEqual([]);
  });
});
