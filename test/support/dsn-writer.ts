/**
 * Writes DSN mensuelles (norme NEODeS, cahier technique CT2025.1) for tests: synthetic people
 * only — made-up names, NIR-shaped numbers that belong to nobody (the department code 99 is
 * abroad, the order numbers are test values). The records follow the tree and the rubriques
 * of the spec (p. 117-119, 128-267), with the values the reader does not read filled with
 * plausible codes, and the S90 totals counted.
 */
import { deflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';

export interface DsnContract {
  /** JJMMAAAA. */
  start: string;
  numero: string;
  idcc: string;
  emploi: string;
  position?: string;
  statut?: string;
  statutRetraite?: string;
  nature?: string;
  unit?: string;
  reference?: string;
  quotite?: string;
  modalite?: string;
  /** S21.G00.41 blocks: date JJMMAAAA and old position. */
  changes?: { date: string; oldPosition?: string }[];
  /** S21.G00.62.001, JJMMAAAA. */
  end?: string;
}

export interface DsnPay {
  contract: string;
  type: string;
  amount: string;
  /** JJMMAAAA; default: the month declared. */
  start?: string;
  end?: string;
  /** S21.G00.53 under this block (type 002): paid hours (type 01). */
  hours?: string;
  /** Unit of the hours (53.003), when given. */
  unit?: string;
}

export interface DsnPerson {
  matricule?: string;
  nir?: string;
  ntt?: string;
  nom: string;
  nomUsage?: string;
  prenoms: string;
  sexe?: '01' | '02';
  contracts: DsnContract[];
  pays: DsnPay[];
}

export interface DsnDeclaration {
  /** AAAA-MM, the mois principal déclaré. */
  month: string;
  siren?: string;
  nic?: string;
  idcc?: string;
  people: DsnPerson[];
}

const r = (code: string, value: string) => `${code},'${value}'`;

/** A NIR-shaped number of nobody: sex, year, month, department 99 (born abroad), country 999, order. */
export function fakeNir(sex: 1 | 2, n: number): string {
  return `${sex}850199999${String(n % 1000).padStart(3, '0')}`;
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${y}`;
}

function firstDay(month: string): string {
  const [y, m] = month.split('-');
  return `01${m}${y}`;
}

function personLines(p: DsnPerson, d: DsnDeclaration, siret: string): string[] {
  const out: string[] = [];
  const id = [
    p.nir && r('S21.G00.30.001', p.nir),
    r('S21.G00.30.002', p.nom),
    p.nomUsage && r('S21.G00.30.003', p.nomUsage),
    r('S21.G00.30.004', p.prenoms),
    p.sexe && r('S21.G00.30.005', p.sexe),
    r('S21.G00.30.006', '01011985'),
    r('S21.G00.30.007', 'NULLE PART'),
    r('S21.G00.30.013', '01'),
    r('S21.G00.30.014', '99'),
    p.matricule && r('S21.G00.30.019', p.matricule),
    p.ntt && r('S21.G00.30.020', p.ntt),
  ];
  out.push(...(id.filter(Boolean) as string[]));
  for (const c of p.contracts) {
    out.push(
      r('S21.G00.40.001', c.start),
      r('S21.G00.40.002', c.statut ?? '06'),
      r('S21.G00.40.003', c.statutRetraite ?? '04'),
      r('S21.G00.40.004', '552c'),
      r('S21.G00.40.006', c.emploi),
      r('S21.G00.40.007', c.nature ?? '01'),
      r('S21.G00.40.008', '99'),
      r('S21.G00.40.009', c.numero),
      r('S21.G00.40.011', c.unit ?? '10'),
      r('S21.G00.40.012', c.reference ?? '151.67'),
      r('S21.G00.40.013', c.quotite ?? '151.67'),
      r('S21.G00.40.014', c.modalite ?? '10'),
      r('S21.G00.40.016', '99'),
      r('S21.G00.40.017', c.idcc),
      r('S21.G00.40.018', '200'),
      r('S21.G00.40.019', siret),
      r('S21.G00.40.020', '200'),
      r('S21.G00.40.024', '99'),
      r('S21.G00.40.026', '99'),
      r('S21.G00.40.036', '99'),
      r('S21.G00.40.037', '99'),
      r('S21.G00.40.039', '200'),
      r('S21.G00.40.040', '749ZB'),
    );
    if (c.position) out.push(r('S21.G00.40.041', c.position));
    for (const ch of c.changes ?? []) {
      out.push(r('S21.G00.41.001', ch.date));
      if (ch.oldPosition) out.push(r('S21.G00.41.058', ch.oldPosition));
    }
    if (c.end) out.push(r('S21.G00.62.001', c.end), r('S21.G00.62.002', '059'));
    out.push(r('S21.G00.71.002', 'RETA'));
  }
  const net = p.pays.filter((x) => x.type === '002').reduce((s, x) => s + Number(x.amount), 0) * 0.78;
  out.push(
    r('S21.G00.50.001', lastDay(d.month)),
    r('S21.G00.50.002', net.toFixed(2)),
    r('S21.G00.50.004', net.toFixed(2)),
    r('S21.G00.50.006', '0.00'),
    r('S21.G00.50.007', '01'),
    r('S21.G00.50.009', '0.00'),
    r('S21.G00.50.013', net.toFixed(2)),
  );
  for (const pay of p.pays) {
    out.push(
      r('S21.G00.51.001', pay.start ?? firstDay(d.month)),
      r('S21.G00.51.002', pay.end ?? lastDay(d.month)),
      r('S21.G00.51.010', pay.contract),
      r('S21.G00.51.011', pay.type),
      r('S21.G00.51.013', pay.amount),
    );
    if (pay.hours !== undefined && pay.type === '002') {
      out.push(r('S21.G00.53.001', '01'), r('S21.G00.53.002', pay.hours));
      if (pay.unit) out.push(r('S21.G00.53.003', pay.unit));
    }
  }
  const base = p.pays.find((x) => x.type === '002')?.amount ?? '0.00';
  out.push(r('S21.G00.78.001', '03'), r('S21.G00.78.002', firstDay(d.month)), r('S21.G00.78.003', lastDay(d.month)), r('S21.G00.78.004', base));
  return out;
}

/** The records of one envoi (S10, the declarations, S90), one string per line. */
export function dsnLines(declarations: DsnDeclaration[]): string[] {
  const first = declarations[0]!;
  const lines = [
    r('S10.G00.00.001', 'Paie de test'),
    r('S10.G00.00.002', 'Editeur de test'),
    r('S10.G00.00.003', '1.0'),
    r('S10.G00.00.005', '01'),
    r('S10.G00.00.006', 'P25V01'),
    r('S10.G00.00.007', '01'),
    r('S10.G00.00.008', '01'),
    r('S10.G00.01.001', first.siren ?? '000000000'),
    r('S10.G00.01.002', first.nic ?? '00011'),
    r('S10.G00.01.003', 'ENTREPRISE DE TEST'),
    r('S10.G00.01.004', '1 RUE DU TEST'),
    r('S10.G00.01.005', '75001'),
    r('S10.G00.01.006', 'PARIS'),
    r('S10.G00.02.002', 'SERVICE PAIE'),
    r('S10.G00.02.004', '0100000000'),
    r('S10.G00.02.005', 'paie@example.invalid'),
  ];
  declarations.forEach((d, i) => {
    const siren = d.siren ?? '000000000';
    const nic = d.nic ?? '00011';
    lines.push(
      r('S20.G00.05.001', '01'),
      r('S20.G00.05.002', '01'),
      r('S20.G00.05.003', '11'),
      r('S20.G00.05.004', String(i + 1)),
      r('S20.G00.05.005', firstDay(d.month)),
      r('S20.G00.05.007', firstDay(d.month)),
      r('S20.G00.05.008', '01'),
      r('S20.G00.05.010', '01'),
      r('S21.G00.06.001', siren),
      r('S21.G00.06.003', '7420Z'),
      r('S21.G00.11.001', nic),
      r('S21.G00.11.002', '7420Z'),
      r('S21.G00.11.022', d.idcc ?? d.people[0]?.contracts[0]?.idcc ?? '9999'),
    );
    for (const p of d.people) lines.push(...personLines(p, d, siren + nic));
  });
  return withTotals(lines);
}

/** Lines with their S90 totals (re)counted, after a test edited them. */
export function withTotals(lines: string[]): string[] {
  const body = lines.filter((l) => !l.startsWith('S90.'));
  const declarations = body.filter((l) => l.startsWith('S20.G00.05.001')).length;
  return [...body, r('S90.G00.90.001', String(body.length + 2)), r('S90.G00.90.002', String(declarations))];
}

/** The bytes of a file: Latin-1 as the spec says (p. 78) unless told otherwise, CR-LF by default. */
export function dsnBytes(lines: string[], options: { eol?: '\r\n' | '\n'; encoding?: 'latin1' | 'utf8' } = {}): Buffer {
  const text = lines.join(options.eol ?? '\r\n') + (options.eol ?? '\r\n');
  return options.encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'latin1');
}

/** A person of the usual shape: one full-time contract, base pay and gross pay for the month. */
export function person(n: number, contract: Partial<DsnContract> & Pick<DsnContract, 'idcc' | 'emploi'>, base = '2000.00', extra: Partial<DsnPerson> = {}): DsnPerson {
  const numero = contract.numero ?? `CT${String(n).padStart(5, '0')}`;
  return {
    matricule: `M${String(n).padStart(4, '0')}`,
    nir: fakeNir(n % 2 === 0 ? 2 : 1, n),
    nom: `NOM${n}`,
    prenoms: `Prenom${n}`,
    contracts: [{ start: '01012020', numero, ...contract }],
    pays: [
      { contract: numero, type: '001', amount: base },
      { contract: numero, type: '002', amount: base, hours: contract.quotite ?? '151.67' },
      { contract: numero, type: '003', amount: base },
      { contract: numero, type: '010', amount: base },
    ],
    ...extra,
  };
}

/** A little-endian record of zip's headers: [offset, width in bytes, value]. */
function header(size: number, fields: [number, 2 | 4, number][]): Buffer {
  const b = Buffer.alloc(size);
  for (const [at, width, value] of fields) {
    if (width === 2) b.writeUInt16LE(value, at);
    else b.writeUInt32LE(value, at);
  }
  return b;
}

/** A zip archive of `files` (deflated); `lie` makes an entry announce that size. */
export function zip(files: { name: string; bytes: Buffer; lie?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const packed = deflateRawSync(f.bytes);
    const size = f.lie ?? f.bytes.length;
    // Version 2.0, method 8 (deflate), sizes, name length; the central entry adds the local offset.
    locals.push(header(30, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, 8], [18, 4, packed.length], [22, 4, size], [26, 2, name.length]]), name, packed);
    centrals.push(header(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [10, 2, 8], [20, 4, packed.length], [24, 4, size], [28, 2, name.length], [42, 4, offset]]), name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  return Buffer.concat([...locals, dir, header(22, [[0, 4, 0x06054b50], [8, 2, files.length], [10, 2, files.length], [12, 4, dir.length], [16, 4, offset]])]);
}
