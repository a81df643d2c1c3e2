import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { mappingChecks } from '../../src/app/mapping-checks.js';
import { mappingSettings } from '../helpers/mapping.js';
import { tempDir, writeFile } from '../helpers/temp.js';

describe('sis-sync check: mapping', () => {
  it('counts the rules and says when the source does not use them', async () => {
    const rules = [
      { name: 'A', kind: 'static', nameTemplate: 'A' },
      { name: 'B', kind: 'static', nameTemplate: 'B' },
      { name: 'C', kind: 'teacher', nameTemplate: '{teacher.name}' },
    ];
    const [check] = mappingChecks(mappingSettings({ rules }), silentLogger());
    expect(check?.name).toBe('Mapping rules');
    expect(await check?.run()).toBe('3 rules (2 static, 1 teacher); not used: source.type "file" reads dashboards ready-made');
  });

  it('loads the module, and fails with the reason when it cannot', async () => {
    const dir = tempDir();
    const good = writeFile(dir, 'good.mjs', 'export default () => ({});');
    const [check] = mappingChecks(mappingSettings({ module: good }), silentLogger());
    expect(await check?.run()).toBe('good.mjs loads and exports a function');
    const bad = writeFile(dir, 'bad.mjs', 'export const x = 1;');
    const [failing] = mappingChecks(mappingSettings({ module: bad }), silentLogger());
    await expect(failing?.run()).rejects.toMatchObject({ code: 'MAPPING_MODULE_EXPORT' });
  });

  it('adds nothing when mapping is not configured', () => {
    expect(mappingChecks(mappingSettings({}), silentLogger())).toEqual([]);
  });
});
