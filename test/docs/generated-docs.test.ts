import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_BLOCKS, regenerated, REPOSITORY_ROOT } from '../../scripts/generated-docs.js';
import { buildProgram } from '../../src/cli/program.js';
import { cliReferenceMarkdown } from '../../src/cli/reference.js';
import { configReferenceMarkdown } from '../../src/config/reference.js';
import { forEachSetting } from '../../src/config/schema.js';

// The references written from the code (the configuration schema, the commander program) must be
// what docs/reference holds: a setting or command changed without `npm run docs` fails here.

describe('generated references in docs/reference', () => {
  for (const block of GENERATED_BLOCKS) {
    it(`${block.file} is in step with the code (run \`npm run docs\` after changing it)`, () => {
      const text = readFileSync(new URL(block.file, REPOSITORY_ROOT), 'utf8');
      expect(text).toBe(regenerated(block));
    });
  }

  it('the configuration reference has a row for every setting of the schema', () => {
    const markdown = configReferenceMarkdown();
    let settings = 0;
    forEachSetting((keyPath) => {
      settings += 1;
      expect(markdown).toContain(`| \`${keyPath}\` |`);
    });
    expect(settings).toBeGreaterThan(50);
  });

  it('the command reference has a section, usage and options for every command, the help groups as headings', () => {
    const program = buildProgram(() => undefined);
    const markdown = cliReferenceMarkdown(program);
    for (const group of ['Daily use', 'Investigation', 'Safety (held runs, undo)', 'Setup', 'Service', 'Demo and simulators']) {
      expect(markdown).toContain(`\n### ${group}\n`);
    }
    const leaves = program.commands.flatMap((command) => (command.commands.length > 0 ? command.commands : [command]));
    expect(leaves.length).toBeGreaterThan(15);
    for (const leaf of leaves) {
      const name = leaf.parent === program ? `sis-sync ${leaf.name()}` : `sis-sync ${leaf.parent?.name()} ${leaf.name()}`;
      expect(markdown, name).toContain(`#### \`${name}\``);
      for (const option of leaf.options)
        expect(markdown, `${name} ${option.flags}`).toContain(`| \`${option.flags}\` | ${option.description}`);
      for (const argument of leaf.registeredArguments)
        expect(markdown, `${name} <${argument.name()}>`).toContain(`| \`<${argument.name()}>\` |`);
    }
    expect(markdown).toContain('| `-V, --version` | print the version of sis-sync |');
  });

  it('catches a command added without regenerating: the reference of a changed program differs', () => {
    const program = buildProgram(() => undefined);
    const before = cliReferenceMarkdown(program);
    program.command('frobnicate').description('a command the docs do not know').option('--hard', 'harder');
    expect(cliReferenceMarkdown(program)).not.toBe(before);
    expect(cliReferenceMarkdown(program)).toContain('#### `sis-sync frobnicate`');
  });
});
