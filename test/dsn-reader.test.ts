/**
 * The DSN reader (CT2025.1): every rubrique read, the block tree, months and establishments,
 * apostrophes, CR-LF and LF, Latin-1 and UTF-8, zip archives, and broken files refused with a
 * French message naming the line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/model/input-error.js';
import { openRoster, type RosterSource } from '../src/roster/read.js';
import { openDsn } from '../src/roster/dsn/source.js';
import { dsnBytes, dsnLines, fakeNir, person, withTotals, zip, type DsnDeclaration } from './support/dsn-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'classif-dsn-'));
let n = 0;

function file(content: Buffer | string, ext = 'dsn'): string {
  const path = join(dir, `f${++n}.${ext}`);
  writeFileSync(path, content);
  return path;
}

async function rowsOf(source: RosterSource): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  for await (const batch of source.rows) {
    batch.forEach((line, cells) => {
      const row: Record<string, string> = { line: String(line) };
      source.headers.forEach((h, i) => (row[h] = cells.trimmed(i)));
      out.push(row);
    });
  }
  return out;
}

async function read(decls: DsnDeclaration[], options?: Parameters<typeof dsnBytes>[1]): Promise<Record<string, string>[]> {
  return rowsOf(await openRoster(file(dsnBytes(dsnLines(decls), options))));
}

async function refusal(content: Buffer | string, ext = 'dsn'): Promise<string> {
  const e = await openRoster(file(content, ext)).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return (e as Error).message;
}

const photographer = { idcc: '3168', emploi: 'Photographe', position: 'Coefficient 195' };

describe('DSN: rubriques read', () => {
  it('reads an individu and its contract into the canonical columns', async () => {
    const [row] = await read([
      {
        month: '2025-05',
        people: [
          person(1, { ...photographer, start: '15032021', statut: '04', unit: '10', reference: '151.67', quotite: '104.00', modalite: '20' }, '1500.00', { nom: 'DUPONT', nomUsage: 'MARTIN', prenoms: 'Jeanne Marie', sexe: '02' }),
        ],
      },
    ]);
    expect(row).toMatchObject({
      matricule: 'M0001',
      nom: 'MARTIN',
      prenom: 'Jeanne Marie',
      sexe: 'F',
      idcc: '3168',
      emploi: 'Photographe',
      position: 'Coefficient 195',
      statut: 'cadre',
      date_entree: '2021-03-15',
      salaire_mensuel_brut: '1500.00',
      temps_travail: String(Math.round((104 / 151.67) * 10000) / 10000),
    });
  });

  it('takes the sex from the NIR when .005 is absent, and a pseudonym — never the NIR — without matricule', async () => {
    const nir = fakeNir(2, 7);
    const rows = await read([{ month: '2025-05', people: [person(7, photographer, '2000.00', { matricule: undefined, nir })] }]);
    expect(rows[0]!.sexe).toBe('F');
    expect(rows[0]!.matricule).toMatch(/^SANS-MATRICULE-[0-9A-F]{12}$/);
    expect(JSON.stringify(rows)).not.toContain(nir);
    expect(JSON.stringify(rows)).not.toContain(nir.slice(0, 10));
  });

  it('the pseudonym is stable from month to month (the history of one person)', async () => {
    const nir = fakeNir(1, 9);
    const p = (month: string, position: string) => ({ month, people: [person(9, { ...photographer, position }, '2000.00', { matricule: undefined, nir })] });
    const rows = await rowsOf(await openDsn([file(dsnBytes(dsnLines([p('2025-03', 'Coef. 155')]))), file(dsnBytes(dsnLines([p('2025-04', 'Coef. 165')])))]));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.date_position).toBe('2025-04-01');
  });

  it('uses an NTT when there is no NIR, and its first digit for the sex', async () => {
    const rows = await read([{ month: '2025-05', people: [person(3, photographer, '2000.00', { matricule: undefined, nir: undefined, ntt: '2000000000AB12' })] }]);
    expect(rows[0]!.sexe).toBe('F');
    expect(rows[0]!.matricule).toMatch(/^SANS-MATRICULE-/);
  });

  it('maps the statut of list A (p. 181), and .003 = 01 to cadre when .002 says nothing of a position', async () => {
    const statut = async (s: string, rc = '04') => (await read([{ month: '2025-05', people: [person(1, { ...photographer, statut: s, statutRetraite: rc })] }]))[0]!.statut;
    expect(await statut('03', '01')).toBe('cadre-superieur');
    expect(await statut('04', '01')).toBe('cadre');
    expect(await statut('05', '02')).toBe('agent-de-maitrise');
    expect(await statut('06')).toBe('ouvrier-employe');
    expect(await statut('07')).toBe('ouvrier-employe');
    expect(await statut('01', '01')).toBe('cadre');
    expect(await statut('02')).toBe('');
  });

  it('base pay: type 010, else 002; rappels of earlier periods and negative corrections left out', async () => {
    const p = person(1, photographer, '2100.00');
    p.pays.push({ contract: p.contracts[0]!.numero, type: '010', amount: '-300.00', start: '01032025', end: '31032025' });
    expect((await read([{ month: '2025-05', people: [p] }]))[0]!.salaire_mensuel_brut).toBe('2100.00');
    const no010 = person(2, photographer, '1900.00');
    no010.pays = no010.pays.filter((x) => x.type !== '010');
    expect((await read([{ month: '2025-05', people: [no010] }]))[0]!.salaire_mensuel_brut).toBe('1900.00');
  });

  it('adds the elementary periods of the month (§2.1.3.2, p. 26)', async () => {
    const p = person(1, photographer, '1000.00');
    p.pays = p.pays.map((x) => (x.type === '010' ? { ...x, end: '14052025' } : x));
    p.pays.push({ contract: p.contracts[0]!.numero, type: '010', amount: '1100.00', start: '15052025', end: '31052025' });
    expect((await read([{ month: '2025-05', people: [p] }]))[0]!.salaire_mensuel_brut).toBe('2100.00');
  });

  it('the paid hours of S21.G00.53 reduce the share when the month was not fully worked', async () => {
    const p = person(1, photographer, '1000.00');
    p.pays = p.pays.map((x) => (x.type === '002' ? { ...x, hours: '75.84' } : x));
    expect((await read([{ month: '2025-05', people: [p] }]))[0]!.temps_travail).toBe(String(Math.round((75.84 / 151.67) * 10000) / 10000));
  });

  it('a forfait in days counts as its share of the reference; pay by the piece is not compared', async () => {
    const days = person(1, { ...photographer, unit: '20', reference: '218.00', quotite: '218.00' }, '3000.00');
    days.pays = days.pays.map((x) => ({ ...x, hours: undefined }));
    expect((await read([{ month: '2025-05', people: [days] }]))[0]).toMatchObject({ temps_travail: '1', salaire_mensuel_brut: '3000.00' });
    const piece = person(2, { ...photographer, unit: '33', reference: '1.00', quotite: '1.00' }, '300.00');
    expect((await read([{ month: '2025-05', people: [piece] }]))[0]).toMatchObject({ temps_travail: '', salaire_mensuel_brut: '' });
  });

  it('one row per contract, with the contract number in the matricule when there are several; internships left out', async () => {
    const p = person(1, photographer, '1000.00');
    p.contracts.push({ start: '01022024', numero: 'CT2', idcc: '3168', emploi: 'Retoucheur', position: '175', quotite: '50.00', modalite: '20' });
    p.contracts.push({ start: '01022024', numero: 'ST1', idcc: '3168', emploi: 'Stagiaire', nature: '29' });
    p.pays.push({ contract: 'CT2', type: '010', amount: '700.00' }, { contract: 'CT2', type: '002', amount: '700.00', hours: '50.00' });
    const rows = await read([{ month: '2025-05', people: [p] }]);
    expect(rows.map((r) => r.matricule)).toEqual(['M0001/CT00001', 'M0001/CT2']);
    expect(rows[1]).toMatchObject({ emploi: 'Retoucheur', position: '175', salaire_mensuel_brut: '700.00' });
  });

  it('reads apostrophes inside values, CR-LF or LF, Latin-1 or UTF-8', async () => {
    const p = person(1, { ...photographer, emploi: "Chef d'équipe", position: "Coef' 195" }, '2000.00', { nom: "D'ARTAGNAN", prenoms: "'Éloïse" });
    for (const options of [{ eol: '\r\n' as const }, { eol: '\n' as const }, { encoding: 'utf8' as const }]) {
      const [row] = await read([{ month: '2025-05', people: [p] }], options);
      expect(row).toMatchObject({ nom: "D'ARTAGNAN", prenom: "'Éloïse", emploi: "Chef d'équipe", position: "Coef' 195" });
    }
  });

  it('is recognised by its content whatever the extension', async () => {
    const bytes = dsnBytes(dsnLines([{ month: '2025-05', people: [person(1, photographer)] }]));
    for (const ext of ['dsn', 'txt', 'edi', 'csv']) expect((await openRoster(file(bytes, ext))).format).toBe('dsn');
  });
});

describe('DSN: several declarations, establishments, months', () => {
  it('reads every declaration and establishment of one envoi', async () => {
    const rows = await read([
      { month: '2025-05', siren: '111111111', nic: '00011', people: [person(1, photographer)] },
      { month: '2025-05', siren: '111111111', nic: '00022', people: [person(2, { idcc: '1431', emploi: 'Opticien', position: 'O2-C' })] },
    ]);
    expect(rows.map((r) => [r.matricule, r.idcc, r.position])).toEqual([
      ['M0001', '3168', 'Coefficient 195'],
      ['M0002', '1431', 'O2-C'],
    ]);
  });

  it('keeps the latest month of each employee, and one who left earlier with his last month', async () => {
    const march = { month: '2025-03', people: [person(1, { ...photographer, position: '155' }), person(2, photographer)] };
    const april = { month: '2025-04', people: [person(1, { ...photographer, position: '165' })] };
    const rows = await rowsOf(await openDsn([file(dsnBytes(dsnLines([april]))), file(dsnBytes(dsnLines([march])))]));
    expect(rows.map((r) => [r.matricule, r.position, r.date_position])).toEqual([
      ['M0001', '165', '2025-04-01'],
      ['M0002', 'Coefficient 195', ''],
    ]);
  });

  it('dates a position from S21.G00.41 (old position .058, date .001)', async () => {
    const p = person(1, { ...photographer, position: '165', changes: [{ date: '12052025', oldPosition: '155' }] });
    expect((await read([{ month: '2025-05', people: [p] }]))[0]!.date_position).toBe('2025-05-12');
    const cancelled = person(2, { ...photographer, position: '165', changes: [{ date: '12052025', oldPosition: 'ZZZ' }] });
    expect((await read([{ month: '2025-05', people: [cancelled] }]))[0]!.date_position).toBe('');
  });

  it('a contract begun within the months read holds its position since its start', async () => {
    const p = person(1, { ...photographer, start: '10042025' });
    const rows = await rowsOf(await openDsn([file(dsnBytes(dsnLines([{ month: '2025-04', people: [p] }]))), file(dsnBytes(dsnLines([{ month: '2025-05', people: [p] }])))]));
    expect(rows[0]!.date_position).toBe('2025-04-10');
  });

  it('reads a zip of monthly DSN, bounded', async () => {
    const months = ['2025-01', '2025-02', '2025-03'].map((month, i) => ({ name: `dsn-${month}.dsn`, bytes: dsnBytes(dsnLines([{ month, people: [person(1, { ...photographer, position: i < 2 ? '155' : '165' })] }])) }));
    const rows = await rowsOf(await openRoster(file(zip(months), 'zip')));
    expect(rows).toEqual([expect.objectContaining({ matricule: 'M0001', position: '165', date_position: '2025-03-01' })]);
    const limited = await openDsn([file(zip(months), 'zip')], { maxEntries: 2, maxEntryBytes: 1 << 20, maxTotalBytes: 1 << 20 }).catch((e: Error) => e.message);
    expect(limited).toMatch(/est refusée : l'archive compte 3 éléments, au-delà de la limite de 2/);
    const small = await openDsn([file(zip(months), 'zip')], { maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 1 << 20 }).catch((e: Error) => e.message);
    expect(small).toMatch(/est refusée : les octets du fichier « dsn-2025-01\.dsn » dépassent .* Mio une fois décompressés/);
    const bomb = zip([{ name: 'a.dsn', bytes: Buffer.alloc(5 << 20, 0x20), lie: 100 }]);
    expect(await openDsn([file(bomb, 'zip')], { maxEntries: 10, maxEntryBytes: 1 << 20, maxTotalBytes: 1 << 20 }).catch((e: Error) => e.message)).toMatch(/dépasse/);
    expect(await refusal(zip([{ name: 'liste.csv', bytes: Buffer.from('matricule;idcc\n') }]), 'zip')).toMatch(/contient « liste\.csv », qui n'est pas une DSN/);
  });
});

describe('DSN: broken files', () => {
  const good = () => dsnLines([{ month: '2025-05', people: [person(1, photographer)] }]);
  const lineOf = (lines: string[], prefix: string) => lines.findIndex((l) => l.startsWith(prefix)) + 1;

  it('a file that is not a DSN', async () => {
    expect(await refusal("S21.G00.06.001,'123456789'\r\n")).toMatch(/ligne 1 : ce fichier n'est pas une DSN : la première ligne doit être S10.G00.00.001/);
    const csv = file('matricule;idcc;position\nA1;3168;155\n', 'csv');
    const other = file(dsnBytes(dsnLines([{ month: '2025-05', people: [person(1, photographer)] }])));
    expect(await openDsn([other, csv]).catch((e: Error) => e.message)).toMatch(/DSN « f\d+\.csv », ligne 1 : ce fichier n'est pas une DSN/);
  });

  it('a bad record, with its line', async () => {
    const lines = good();
    const at = lineOf(lines, 'S21.G00.30.002');
    lines[at - 1] = 'S21.G00.30.002;DUPONT';
    expect(await refusal(dsnBytes(lines))).toMatch(new RegExp(`ligne ${at} : enregistrement illisible`));
    lines[at - 1] = "S21.G00.30.002,'DUPONT";
    expect(await refusal(dsnBytes(lines))).toMatch(new RegExp(`ligne ${at} : valeur de la rubrique S21.G00.30.002 sans apostrophes`));
    lines[at - 1] = "S21.G00.30.002,''";
    expect(await refusal(dsnBytes(lines))).toMatch(new RegExp(`ligne ${at} : rubrique S21.G00.30.002 vide`));
    lines[at - 1] = `S21.G00.30.002,'${'X'.repeat(300)}'`;
    expect(await refusal(dsnBytes(lines))).toMatch(new RegExp(`ligne ${at} : enregistrement de 317 caractères, 256 au plus`));
  });

  it('a child block without its parent', async () => {
    const lines = good().filter((l) => !l.startsWith('S21.G00.30.'));
    const at = lineOf(lines, 'S21.G00.40.001');
    expect(await refusal(dsnBytes(withTotals(lines)))).toMatch(new RegExp(`ligne ${at} : bloc S21.G00.40 \\(Contrat\\) sans individu \\(S21.G00.30\\) avant lui`));
  });

  it('a missing mandatory rubrique, named', async () => {
    const lines = good();
    const at = lineOf(lines, 'S21.G00.40.001');
    const without = withTotals(lines.filter((l) => !l.startsWith('S21.G00.40.017')));
    expect(await refusal(dsnBytes(without))).toMatch(new RegExp(`ligne ${at} : rubrique obligatoire S21.G00.40.017 \\(Code convention collective applicable\\) absente du bloc Contrat`));
  });

  it('an individu that cannot be recognised', async () => {
    const lines = withTotals(good().filter((l) => !l.startsWith('S21.G00.30.001') && !l.startsWith('S21.G00.30.019')));
    expect(await refusal(dsnBytes(lines))).toMatch(/individu sans matricule/);
  });

  it('a truncated file, without S90', async () => {
    const lines = good();
    const cut = lines.slice(0, lines.length - 10);
    expect(await refusal(dsnBytes(cut))).toMatch(new RegExp(`ligne ${cut.length} : fichier tronqué : le total de l’envoi \\(S90.G00.90\\) manque`));
  });

  it('totals that do not match', async () => {
    const lines = good();
    lines.splice(lineOf(lines, 'S21.G00.78.004') - 1, 1);
    expect(await refusal(dsnBytes(lines))).toMatch(/le total de l’envoi annonce \d+ rubriques, le fichier en contient \d+/);
  });

  it('an unreadable date or amount', async () => {
    const lines = good();
    const at = lineOf(lines, 'S21.G00.40.001');
    lines[at - 1] = "S21.G00.40.001,'31022024'";
    expect(await refusal(dsnBytes(lines))).toMatch(new RegExp(`ligne ${at} : rubrique S21.G00.40.001 : date « 31022024 » illisible`));
  });

  it('never quotes a NIR in a message', async () => {
    const lines = good();
    const at = lineOf(lines, 'S21.G00.30.001');
    const nir = lines[at - 1]!.slice(16, 29);
    lines[at - 1] = `S21.G00.30.001;'${nir}'`;
    const message = await refusal(dsnBytes(lines));
    expect(message).toMatch(new RegExp(`ligne ${at} : enregistrement illisible`));
    expect(message).not.toContain(nir);
    expect(message).not.toContain(nir.slice(0, 10));
  });

  it('a signalement is not a staff list', async () => {
    const lines = good().map((l) => (l.startsWith('S20.G00.05.001') ? "S20.G00.05.001,'07'" : l));
    expect(await refusal(dsnBytes(lines))).toMatch(/déclaration de nature 07 .*seules les DSN mensuelles/);
  });
});
