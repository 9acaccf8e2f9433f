/** Build step: validates every grid file and writes dist/catalogue.json (fails on bad data). */
import { prebuildIndex } from '../match/title-search.js';
import { compileCatalogue } from '../grids/compile.js';
import { Catalogue } from '../grids/convention.js';
import { GridFileError } from '../grids/errors.js';
import { PACKAGE_ROOT } from '../grids/folders.js';
import { readExamples } from '../grids/examples.js';
import { examplesStamp, SNAPSHOT_FILE, writeExamplesSnapshot, writeMatcherSnapshot, writeSnapshot } from '../grids/snapshot.js';
import { matcherIndexes } from '../match/describe.js';
import { writeFrenchWordsSnapshot } from '../text/french-words.js';
import { storeIndexes } from '../match/prebuilt.js';

try {
  const data = compileCatalogue(PACKAGE_ROOT);
  // Validated with the grid files just above; the CLI then starts without parsing YAML.
  writeFrenchWordsSnapshot(PACKAGE_ROOT);
  // The title-search indexes go with the grids: computing them costs more than loading them.
  const catalogue = new Catalogue(data, PACKAGE_ROOT);
  for (const [i, conv] of catalogue.conventions.entries()) {
    data.conventions[i]!.searchIndexes = Object.fromEntries(conv.grids.map((g) => [g.id, prebuildIndex(g)]));
  }
  // The matcher's examples go apart: only a description search reads them.
  const examples = readExamples(PACKAGE_ROOT);
  writeExamplesSnapshot(examples);
  const stamp = examplesStamp(PACKAGE_ROOT);
  writeSnapshot({ ...data, ...(stamp ? { examplesStamp: stamp } : {}) });
  // The description matcher's indexes, examples learnt included: a first search reads them.
  catalogue.learnFrom(() => examples);
  for (const grid of catalogue.conventions.flatMap((c) => c.grids)) {
    writeMatcherSnapshot(grid.id, { fingerprint: data.fingerprint, ...(stamp ? { examplesStamp: stamp } : {}), indexes: storeIndexes(grid, matcherIndexes(grid)) });
  }
  console.log(`catalogue validé : ${data.conventions.map((c) => `IDCC ${c.file.idcc} (${c.grids.length} grilles)`).join(', ')} → ${SNAPSHOT_FILE}`);
} catch (e) {
  if (!(e instanceof GridFileError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
