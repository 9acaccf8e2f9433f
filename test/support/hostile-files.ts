/**
 * Hostile staff lists, built in the test (nothing large is committed): zip bombs whose parts
 * inflate to gigabytes, a hundred million shared strings, DOCTYPEs, undefined entities, sheets
 * without cell references, a 100,003-column CSV. A repeated part is deflated once per mebibyte
 * and its compressed block repeated (a full flush makes each block stand alone), so a 2.7 GB
 * part costs a few megabytes and milliseconds to build.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** A part's text: given whole, or a head, `count` copies of `unit`, and a tail. */
export type PartText = string | Buffer | { head: string; unit: string; count: number; tail: string };

export interface Part {
  name: string;
  text: PartText;
  /** Stored without compression. */
  stored?: boolean;
}

interface Packed {
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  data: Buffer;
}

const BLOCK = 1 << 20;

function pack(part: Part): Packed {
  const name = Buffer.from(part.name);
  const t = part.text;
  if (typeof t === 'string' || Buffer.isBuffer(t) || part.stored) {
    const bytes = typeof t === 'string' || Buffer.isBuffer(t) ? Buffer.from(t) : Buffer.from(t.head + t.unit.repeat(t.count) + t.tail);
    return { name, method: part.stored ? 0 : 8, crc: crc32(bytes), size: bytes.length, data: part.stored ? bytes : deflateRawSync(bytes) };
  }
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const perBlock = Math.max(1, Math.floor(BLOCK / Buffer.byteLength(t.unit)));
  const block = Buffer.from(t.unit.repeat(perBlock));
  const blocks = Math.floor(t.count / perBlock);
  const rest = Buffer.from(t.unit.repeat(t.count % perBlock));
  const head = Buffer.from(t.head);
  const tail = Buffer.from(t.tail);
  const deflated = deflateRawSync(block, flush);
  const chunks = [deflateRawSync(head, flush)];
  let crc = crc32(head);
  for (let i = 0; i < blocks; i++) {
    chunks.push(deflated);
    crc = crc32(block, crc);
  }
  chunks.push(deflateRawSync(rest, flush), deflateRawSync(tail));
  crc = crc32(tail, crc32(rest, crc));
  const size = head.length + blocks * block.length + rest.length + tail.length;
  if (size >= 2 ** 32) throw new Error('hostile-files: parts of 4 GiB and more need zip64');
  return { name, method: 8, crc, size, data: Buffer.concat(chunks) };
}

/** A zip of `parts`, in this order. */
export function zip(parts: Part[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const p = pack(part);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(p.name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(p.method, 10);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(p.crc, 16);
    entry.writeUInt32LE(p.data.length, 20);
    entry.writeUInt32LE(p.size, 24);
    entry.writeUInt16LE(p.name.length, 28);
    entry.writeUInt32LE(offset, 42);
    out.push(local, p.name, p.data);
    central.push(entry, p.name);
    offset += local.length + p.name.length + p.data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dir, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts every workbook needs around its sheet (styles: cell format 1 is a date). */
function frame(withStrings: boolean): Part[] {
  return [
    {
      name: '[Content_Types].xml',
      text: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
    },
    { name: '_rels/.rels', text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', text: `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="Personnel" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>${withStrings ? `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    },
    { name: 'xl/styles.xml', text: `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>` },
  ];
}

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${NS}><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';
export const SST_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst ${NS}>`;

/** A workbook of one sheet (`sheet`: the whole part) with shared strings stored after it or before it. */
export function workbook(sheet: PartText, strings?: PartText, order: 'strings-first' | 'sheet-first' = 'strings-first', stored = false): Buffer {
  const sheetPart: Part = { name: 'xl/worksheets/sheet1.xml', text: sheet, stored };
  const parts = frame(strings !== undefined);
  if (strings === undefined) return zip([...parts, sheetPart]);
  const stringsPart: Part = { name: 'xl/sharedStrings.xml', text: strings, stored };
  return zip(order === 'sheet-first' ? [...parts, sheetPart, stringsPart] : [...parts, stringsPart, sheetPart]);
}

/** The rows of a sheet as inline strings, each cell with its reference. */
export function inlineRows(rows: string[][]): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return rows.map((cells, r) => `<row r="${r + 1}">${cells.map((c, i) => `<c r="${col(i)}${r + 1}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`).join('')}</row>`).join('');
}

export const HEADER = ['matricule', 'idcc', 'position', 'salaire_mensuel_brut'];

/** Letters that deflate does not shrink much (about 1.6 times): to reach a limit other than the ratio. */
export function incompressible(chars: number): string {
  const bytes = randomBytes(chars);
  let s = '';
  for (let i = 0; i < chars; i++) s += String.fromCharCode(97 + (bytes[i]! % 26));
  return s;
}

const BILLION_LAUGHS =
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>';

/** Every hostile file of issue 9, by name: its bytes and what reading it must end in. */
export interface Hostile {
  name: string;
  file: string;
  bytes: () => Buffer;
  /** A piece of the French refusal; undefined when the file is harmless once streamed. */
  refusal?: RegExp;
  /** Rows read when it is harmless. */
  rows?: number;
}

const row2 = '<row r="2"><c r="A2"/></row>';
const header = inlineRows([HEADER]);
const oneEmployee = inlineRows([HEADER, ['A1', '3168', '195', '1900']]);

export const HOSTILE: Hostile[] = [
  {
    name: '160 million shared strings (6.6 MB)',
    file: 'strings-160m.xlsx',
    bytes: () => workbook(SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_TAIL, { head: SST_HEAD, unit: '<si><t>x</t></si>', count: 160_000_000, tail: '</sst>' }),
    refusal: /textes partagés/,
  },
  {
    name: '60 million shared strings stored after the sheet (2.5 MB)',
    file: 'strings-60m.xlsx',
    bytes: () => workbook(SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_TAIL, { head: SST_HEAD, unit: '<si><t>x</t></si>', count: 60_000_000, tail: '</sst>' }, 'sheet-first'),
    refusal: /textes partagés/,
  },
  {
    name: 'a declared count of 160 million shared strings',
    file: 'strings-declared.xlsx',
    bytes: () => workbook(SHEET_HEAD + SHEET_TAIL, `${SST_HEAD.replace('<sst ', '<sst uniqueCount="160000000" ')}<si><t>x</t></si></sst>`),
    refusal: /plus de 5 000 000 textes partagés/,
  },
  {
    name: 'one shared string too many, stored without compression (85 MB)',
    file: 'strings-5m.xlsx',
    bytes: () => workbook(SHEET_HEAD + SHEET_TAIL, { head: SST_HEAD, unit: '<si><t>x</t></si>', count: 5_000_001, tail: '</sst>' }, 'sheet-first', true),
    refusal: /plus de 5 000 000 textes partagés/,
  },
  {
    name: 'one row too many, without references, stored without compression (28 MB)',
    file: 'rows-1m.xlsx',
    bytes: () => workbook({ head: SHEET_HEAD + header, unit: '<row><c><v>1</v></c></row>', count: 1_048_576, tail: SHEET_TAIL }, undefined, 'strings-first', true),
    refusal: /1 048 576 lignes/,
  },
  {
    name: 'a 1 GiB sheet of empty rows stored before the shared strings',
    file: 'rows-1gib.xlsx',
    bytes: () => workbook({ head: SHEET_HEAD + header, unit: row2, count: Math.floor(2 ** 30 / row2.length), tail: SHEET_TAIL }, `${SST_HEAD}<si><t>x</t></si></sst>`, 'sheet-first'),
    refusal: /données de la feuille/,
  },
  {
    name: 'one inline cell of 300 million characters (307 KB)',
    file: 'cell-300m.xlsx',
    bytes: () => workbook({ head: `${SHEET_HEAD}${header}<row r="2"><c r="A2" t="inlineStr"><is><t>`, unit: 'x', count: 300_000_000, tail: `</t></is></c></row>${SHEET_TAIL}` }),
    refusal: /refusé/,
  },
  {
    name: 'a cell longer than Excel allows, hard to compress',
    file: 'cell-40k.xlsx',
    bytes: () => workbook(`${SHEET_HEAD}${header}<row r="2"><c r="A2" t="inlineStr"><is><t>${incompressible(40_000)}</t></is></c></row>${SHEET_TAIL}`),
    refusal: /la cellule A2 dépasse 32 767 caractères/,
  },
  {
    name: 'two mebibytes of text in one cell, hard to compress',
    file: 'token-2m.xlsx',
    bytes: () => workbook(`${SHEET_HEAD}${header}<row r="2"><c r="A2"><v>${incompressible(2 << 20)}</v></c></row>${SHEET_TAIL}`),
    refusal: /Mio de texte d'un seul tenant/,
  },
  {
    name: 'a billion laughs in the sheet',
    file: 'laughs.xlsx',
    bytes: () => workbook(`<?xml version="1.0"?>${BILLION_LAUGHS}<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`),
    refusal: /DOCTYPE/,
  },
  {
    name: 'a DOCTYPE in the shared strings',
    file: 'doctype.xlsx',
    bytes: () => workbook(SHEET_HEAD + SHEET_TAIL, `<?xml version="1.0"?><!DOCTYPE sst SYSTEM "file:///etc/passwd"><sst ${NS}><si><t>x</t></si></sst>`),
    refusal: /DOCTYPE/,
  },
  {
    name: 'an undefined entity in shared strings stored after the sheet',
    file: 'entity.xlsx',
    bytes: () => workbook(SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_TAIL, `${SST_HEAD}<si><t>&nbsp;matricule</t></si></sst>`, 'sheet-first'),
    refusal: /entité XML non définie/,
  },
  {
    name: 'a row past Excel’s last',
    file: 'row-far.xlsx',
    bytes: () => workbook(`${SHEET_HEAD}${header}<row r="1048577"><c r="A1048577"><v>1</v></c></row>${SHEET_TAIL}`),
    refusal: /1 048 576 lignes/,
  },
  {
    name: 'a cell past the last column allowed',
    file: 'column-far.xlsx',
    bytes: () => workbook(`${SHEET_HEAD}${header}<row r="2"><c r="XFD2"><v>1</v></c></row>${SHEET_TAIL}`),
    refusal: /au-delà de la colonne 2 000/,
  },
  {
    name: 'elements nested 10,000 deep',
    file: 'deep.xlsx',
    bytes: () => workbook(`${SHEET_HEAD}${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}${SHEET_TAIL}`),
    refusal: /imbriqués sur plus de 32 niveaux/,
  },
  {
    name: 'not a zip, though it starts like one',
    file: 'not-zip.xlsx',
    bytes: () => Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(2000)]),
    refusal: /archive zip valide/,
  },
  {
    name: 'a zip without a workbook',
    file: 'no-workbook.xlsx',
    bytes: () => zip([{ name: 'readme.txt', text: 'bonjour' }]),
    refusal: /pas de classeur/,
  },
  {
    name: 'cells without references (harmless once streamed)',
    file: 'no-refs.xlsx',
    bytes: () => workbook(`${SHEET_HEAD}${oneEmployee.replace(/ r="[A-Z]+\d+"/g, '').replace(/<row r="\d+">/g, '<row>')}${SHEET_TAIL}`),
    rows: 1,
  },
];

/** A CSV whose header has 100,003 columns (889 KB), and one employee. */
export function wideCsv(columns = 100_003): Buffer {
  const extra = Array.from({ length: columns - HEADER.length }, (_, i) => `colonne${i}`);
  return Buffer.from(`${[...HEADER, ...extra].join(';')}\nA1;3168;195;1900${';'.repeat(extra.length)}\n`);
}

/** A CSV with one line of `bytes` bytes between two employees. */
export function longLineCsv(bytes = 4 << 20): Buffer {
  return Buffer.from(`${HEADER.join(';')}\nA1;3168;195;1900\n${'x'.repeat(bytes)}\nA2;3168;195;1900\n`);
}

/** Writes `bytes` to `dir/name`, returning the path. */
export function put(dir: string, name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
