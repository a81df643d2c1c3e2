import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import JSON5 from 'json5';
import { generateDistrict } from '../helpers/district.js';
import { mapWith, namesOf } from '../helpers/mapping.js';
it('explore', async () => {
  const config = JSON5.parse(readFileSync('/work/wt-map/config/example.json', 'utf8'));
  const { roster } = generateDistrict();
  const t = Date.now();
  const { result } = await mapWith(config.mapping, roster);
  console.log(Date.now() - t, 'ms');
  console.log(namesOf(result).join('\n'));
  console.log(result.warnings.join('\n'));
  console.log(result.stats);
  console.log(result.provenance!.explain('Athletics – Football')[0]);
});
