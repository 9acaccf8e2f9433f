/** Build step: validates every grid file and writes dist/catalogue.json (fails on bad data). */
import { compileCatalogue } from './compile.js';
import { GridFileError } from './errors.js';
import { PACKAGE_ROOT } from './folders.js';
import { SNAPSHOT_FILE, writeSnapshot } from './snapshot.js';

try {
  const data = compileCatalogue(PACKAGE_ROOT);
  writeSnapshot(data);
  console.log(`catalogue validé : ${data.conventions.map((c) => `IDCC ${c.file.idcc} (${c.grids.length} grilles)`).join(', ')} → ${SNAPSHOT_FILE}`);
} catch (e) {
  if (!(e instanceof GridFileError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
