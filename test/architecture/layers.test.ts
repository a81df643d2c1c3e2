import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, readFolderGraph, ROOM_ORDER, stronglyConnected, type Arrow } from '../../scripts/folder-graph.js';
import { tempDir } from '../helpers/temp.js';

// The rooms of src/ import downwards only, in the order of ARCHITECTURE.md ("Rooms and the
// order they import in", kept in scripts/folder-graph.ts). An arrow against that order is an
// error unless it is listed here with the reason ARCHITECTURE.md gives for it.

const SRC = resolve(import.meta.dirname, '../../src');

/**
 * Arrows against the flow that are meant, `from>to` → why (ARCHITECTURE.md, "Arrows against the
 * flow"). None today: config parses its own settings' values (the mapping rules' compiler, the
 * student fields) instead of borrowing the parsers of the rooms it configures.
 */
const EXPLAINED: Record<string, string> = {};

const key = (arrow: Pick<Arrow, 'from' | 'to'>) => `${arrow.from}>${arrow.to}`;

describe('the layering of src/', () => {
  const graph = readFolderGraph(SRC);

  it('places every room of src/ in the order', () => {
    const placed = new Set(ROOM_ORDER.flat());
    expect(graph.rooms.filter((room) => !placed.has(room))).toEqual([]);
  });

  it('has no arrow against the flow but the explained ones', () => {
    const unexplained = graph.againstFlow.filter((arrow) => !(key(arrow) in EXPLAINED));
    expect(unexplained.map((arrow) => `${key(arrow)} (${arrow.where.join(', ')})`)).toEqual([]);
  });

  it('lists no explained arrow that is gone (the list stays true)', () => {
    const present = new Set(graph.againstFlow.map(key));
    expect(Object.keys(EXPLAINED).filter((arrow) => !present.has(arrow))).toEqual([]);
  });

  it('has no loop among the rooms (the explained arrows set aside)', () => {
    const arrows = graph.arrows.filter((arrow) => !(key(arrow) in EXPLAINED));
    expect(stronglyConnected(graph.rooms, arrows)).toEqual([]);
  });

  it('has no loop among the files of src/', () => {
    const files = graph.files;
    const arrows = files.flatMap((file) => importsOf(join(SRC, file)).map(({ target }) => ({ from: file, to: relative(SRC, target) })));
    expect(stronglyConnected(files, arrows)).toEqual([]);
  });
});

describe('the import graph it reads', () => {
  const write = (root: string, file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };

  it('finds an arrow against the flow, a loop between rooms, and type-only imports', () => {
    const root = tempDir();
    write(root, 'sync/plan.ts', "import type { Desired } from '../desired/model.js';\nimport { x } from '../app/wiring.js';\n");
    write(root, 'app/wiring.ts', "import {\n  plan,\n} from '../sync/plan.js';\nexport const x = 1;\n");
    write(root, 'desired/model.ts', "import '../util/side-effect.js';\nexport type Desired = number;\n");
    write(root, 'util/side-effect.ts', 'export {};\n');
    const graph = readFolderGraph(root);
    expect(graph.againstFlow.map(key)).toEqual(['sync>app']);
    expect(graph.loops).toEqual([['app', 'sync']]);
    expect(graph.arrows.find((arrow) => key(arrow) === 'sync>desired')).toMatchObject({ imports: 1, typeOnly: 1 });
    expect(graph.arrows.find((arrow) => key(arrow) === 'desired>util')).toMatchObject({ imports: 1, typeOnly: 0 });
  });
});
