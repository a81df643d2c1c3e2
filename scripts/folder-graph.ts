// Where the code's imports run between the rooms of src/ (its top-level folders), measured: the
// folder-to-folder arrows, the loops among folders (strongly connected components), and the
// arrows that run against the order of ARCHITECTURE.md. `npx tsx scripts/folder-graph.ts`
// prints the figures; test/architecture/layers.test.ts keeps them. Type-only imports count as
// arrows (a type is a dependency too) and are also reported on their own.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The rooms, top (may import everything below it) to bottom. Rooms on one line are peers: they
 * may not import each other unless an arrow is allowed below. `sim` serves the tests, the demo
 * and the benchmark: only the CLI (demo, sim) may import it.
 */
export const ROOM_ORDER: readonly (readonly string[])[] = [
  ['cli'],
  ['sim'],
  ['daemon'],
  ['app'],
  ['sources'],
  ['drift'],
  ['notify'],
  ['mapping'],
  ['sync'],
  ['aspiredu'],
  ['state'],
  ['http'],
  ['config'],
  ['desired'],
  ['roster'],
  ['terminal'],
  ['log'],
  ['errors'],
  ['error-codes'],
  ['util'],
];

export interface Arrow {
  from: string;
  to: string;
  /** Import statements behind the arrow, and how many of them import types only. */
  imports: number;
  typeOnly: number;
  /** One file:line per import, for the report. */
  where: string[];
}

export interface FolderGraph {
  rooms: string[];
  /** Every source file, relative to the folder read. */
  files: string[];
  arrows: Arrow[];
  /** Loops: sets of two or more rooms that reach each other. */
  loops: string[][];
  /** The same, counting only imports of values (what runs). */
  valueLoops: string[][];
  againstFlow: Arrow[];
}

/** The room of a file under src/: its top-level folder, or its name for a file directly in src/. */
export function roomOf(srcDir: string, file: string): string {
  const parts = relative(srcDir, file).split(/[\\/]/);
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

function rankOf(room: string): number | undefined {
  const rank = ROOM_ORDER.findIndex((line) => line.includes(room));
  return rank >= 0 ? rank : undefined;
}

/** Whether an import from `from` to `to` follows the order (downwards, never between peers). */
export function followsFlow(from: string, to: string): boolean {
  const a = rankOf(from);
  const b = rankOf(to);
  if (a === undefined || b === undefined) return false;
  return a < b;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/g;

/** The relative imports of a file: target path, whether only types come through, the line. */
export function importsOf(file: string): Array<{ target: string; typeOnly: boolean; line: number }> {
  const text = readFileSync(file, 'utf8');
  const found: Array<{ target: string; typeOnly: boolean; line: number }> = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[4] ?? match[5] ?? match[6]!;
    const names = match[3] ?? '';
    const braces = /^\{([\s\S]*)\}$/.exec(names.trim());
    const allTypes = braces !== null && braces[1]!.split(',').every((name) => name.trim() === '' || /^type\s/.test(name.trim()));
    const typeOnly = match[4] !== undefined && (match[2] !== undefined || allTypes);
    const line = text.slice(0, match.index).split('\n').length + (match[0].startsWith('\n') ? 1 : 0);
    found.push({ target: resolve(dirname(file), spec.replace(/\.js$/, '.ts')), typeOnly, line });
  }
  return found;
}

export function readFolderGraph(srcDir: string): FolderGraph {
  const arrows = new Map<string, Arrow>();
  const rooms = new Set<string>();
  const files = sourceFiles(srcDir);
  for (const file of files) {
    const from = roomOf(srcDir, file);
    rooms.add(from);
    for (const { target, typeOnly, line } of importsOf(file)) {
      if (relative(srcDir, target).startsWith('..')) continue;
      const to = roomOf(srcDir, target);
      if (to === from) continue;
      const key = `${from}>${to}`;
      const arrow = arrows.get(key) ?? { from, to, imports: 0, typeOnly: 0, where: [] };
      arrow.imports++;
      if (typeOnly) arrow.typeOnly++;
      arrow.where.push(`${relative(srcDir, file)}:${line}`);
      arrows.set(key, arrow);
    }
  }
  const list = [...arrows.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return {
    rooms: [...rooms].sort(),
    files: files.map((file) => relative(srcDir, file)).sort(),
    arrows: list,
    loops: stronglyConnected([...rooms], list),
    valueLoops: stronglyConnected(
      [...rooms],
      list.filter((arrow) => arrow.imports > arrow.typeOnly),
    ),
    againstFlow: list.filter((arrow) => !followsFlow(arrow.from, arrow.to)),
  };
}

/** Tarjan's algorithm: the components of two or more rooms, each sorted. */
export function stronglyConnected(nodes: string[], arrows: Array<{ from: string; to: string }>): string[][] {
  const next = new Map<string, string[]>(nodes.map((node) => [node, []]));
  for (const arrow of arrows) next.get(arrow.from)?.push(arrow.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return components.sort((a, b) => b.length - a.length);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const graph = readFolderGraph(resolve(import.meta.dirname, '../src'));
  const verbose = process.argv.includes('--verbose');
  const print = (text: string) => process.stdout.write(`${text}\n`);
  print(`rooms: ${graph.rooms.length} (${graph.rooms.join(', ')})`);
  print(`arrows: ${graph.arrows.length} (${graph.arrows.filter((a) => a.imports === a.typeOnly).length} of them type-only)`);
  print(`loops: ${graph.loops.length ? graph.loops.map((loop) => `{${loop.join(' ')}} (${loop.length})`).join('; ') : 'none'}`);
  print(
    `loops without type-only imports: ${graph.valueLoops.length ? graph.valueLoops.map((loop) => `{${loop.join(' ')}} (${loop.length})`).join('; ') : 'none'}`,
  );
  print(`arrows against the flow: ${graph.againstFlow.length}`);
  for (const arrow of graph.againstFlow) {
    print(`  ${arrow.from} -> ${arrow.to}: ${arrow.imports} imports${arrow.typeOnly ? ` (${arrow.typeOnly} type-only)` : ''}`);
    if (verbose) for (const where of arrow.where) print(`      ${where}`);
  }
}
