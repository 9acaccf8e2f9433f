/** The staff-list template is data: a row per convention of the catalogue, from its convention.yaml. */
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { COLUMNS } from '../src/roster/columns.js';
import { auditTemplate, idccList } from '../src/service/audit-template.js';

const catalogue = loadCatalogue();

describe('staff-list template', () => {
  it('samples name only columns of the audit', () => {
    for (const c of catalogue.conventions) for (const column of Object.keys(c.auditSample ?? {})) expect(COLUMNS, `${c.idcc} : ${column}`).toContain(column);
  });

  it('gives the columns, then the row each folder writes, in catalogue order', () => {
    const lines = auditTemplate(catalogue.conventions).split('\r\n');
    expect(lines[0]).toBe([...new Set(COLUMNS)].join(';'));
    const sampled = catalogue.conventions.filter((c) => c.auditSample);
    expect(lines.slice(1).map((l) => l.split(';')[3])).toEqual(sampled.map((c) => c.idcc));
    expect(lines).toContain('A002;Martin;Zoé;1431;Opticienne;B;;agent de maîtrise;15/03/2019;10/06/2024;BTS OL;5;0;2 150,00;;;100 %;;;;F');
  });

  it('a convention without a sample adds no row', () => {
    expect(auditTemplate([{ idcc: '9999' }]).split('\r\n')).toEqual([[...new Set(COLUMNS)].join(';')]);
    expect(idccList([{ idcc: '1' }, { idcc: '2' }, { idcc: '3' }])).toBe('1, 2 ou 3');
  });
});
