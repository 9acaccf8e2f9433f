// What the set checkers of eval/ share: the repository root, the `yaml` parser of its node_modules,
// and the grid files in force that the issue-11 sets are labelled against.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const YAML = createRequire(path.join(root, 'package.json'))('yaml');

export const GRIDS = {
  '1431': 'grids/1431-optique-lunetterie/2022-04-07.yaml',
  '2198': 'grids/2198-commerce-a-distance/2021-06-30.yaml',
  '3168': 'grids/3168-photographie/2024-03-11.yaml',
};
