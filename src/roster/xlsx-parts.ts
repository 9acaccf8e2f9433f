/**
 * The parts of a workbook around its sheets, as the Open Packaging Conventions link them:
 * _rels/.rels names the workbook, the workbook's relationships name its sheets, shared strings
 * and styles; workbook.xml orders the sheets. Each part is streamed and bounded (limits.ts).
 */
import { fr, tooLarge, unreadable, XLSX_LIMITS } from './limits.js';
import { localName, xmlEvents, type XmlHandler } from './xml-stream.js';
import type { ZipArchive } from './zip.js';

async function parse(zip: ZipArchive, file: string, part: string, label: string, handler: XmlHandler, bytes = XLSX_LIMITS.partBytes): Promise<void> {
  for await (const _ of xmlEvents(zip.read(part, { bytes, label }), handler, file, part));
}

/** `target` of a relationship of `source`, as a part name (no leading slash). */
function resolve(source: string, target: string): string {
  const parts = target.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

/** The relationships of part `source` (`''` for the package): id → { type, part }. */
async function relationships(zip: ZipArchive, file: string, source: string): Promise<Map<string, { type: string; part: string }>> {
  const slash = source.lastIndexOf('/');
  const rels = `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
  const out = new Map<string, { type: string; part: string }>();
  if (!zip.has(rels)) return out;
  await parse(zip, file, rels, 'les relations entre parties', {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return;
      if (out.size >= XLSX_LIMITS.entries) throw tooLarge(file, `plus de ${fr(XLSX_LIMITS.entries)} relations entre parties`);
      out.set(a.Id, { type: a.Type ?? '', part: resolve(source, a.Target) });
    },
    close() {},
  });
  return out;
}

const ofType = (rels: Map<string, { type: string; part: string }>, type: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.part;

export interface WorkbookLayout {
  sheet: string;
  sheetName: string;
  sharedStrings?: string;
  styles?: string;
  /** Dates counted from 1904 (old Mac workbooks) rather than 1900. */
  date1904: boolean;
}

/** Where the first sheet of the workbook and its companion parts are. */
export async function workbookLayout(zip: ZipArchive, file: string): Promise<WorkbookLayout> {
  const workbook = ofType(await relationships(zip, file, ''), 'officeDocument') ?? 'xl/workbook.xml';
  if (!zip.has(workbook)) throw unreadable(file, "l'archive ne contient pas de classeur (xl/workbook.xml) : ce n'est pas un fichier Excel .xlsx");
  const rels = await relationships(zip, file, workbook);
  let first: { id: string; name: string } | undefined;
  let date1904 = false;
  await parse(zip, file, workbook, 'le classeur (workbook.xml)', {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet' || first) return;
      // The relationship id is an attribute r:id, whatever the prefix bound to its namespace.
      const id = Object.entries(a).find(([k]) => k.includes(':') && localName(k) === 'id')?.[1];
      if (id) first = { id, name: a.name ?? '' };
    },
    close() {},
  });
  const sheet = first && rels.get(first.id)?.part;
  if (!sheet || !zip.has(sheet)) throw unreadable(file, 'le classeur ne contient aucune feuille');
  return { sheet, sheetName: first!.name, sharedStrings: ofType(rels, 'sharedStrings'), styles: ofType(rels, 'styles'), date1904 };
}

/** Built-in number formats that show a date or a time (ECMA-376, 18.8.30). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * A custom format shows a date when, quoted text, escaped characters, spacers, [colours] and
 * « General » aside, it has a letter of a date or a time (y, m, d, h, s, b for Buddhist years).
 */
export function isDateFormat(code: string): boolean {
  return /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/[\\_*]./g, '').replace(/General/gi, ''));
}

/** The cell formats (attribute `s` of a cell) that show a date. */
export async function dateStyles(zip: ZipArchive, file: string, part: string | undefined): Promise<Set<number>> {
  const dates = new Set<number>();
  if (!part || !zip.has(part)) return dates;
  const customDates = new Set<number>();
  let inCellXfs = false;
  let xf = 0;
  await parse(zip, file, part, 'les styles (styles.xml)', {
    open(name, a) {
      if (name === 'numFmt' && isDateFormat(a.formatCode ?? '')) customDates.add(Number(a.numFmtId));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        if (xf >= XLSX_LIMITS.styles) throw tooLarge(file, `plus de ${fr(XLSX_LIMITS.styles)} formats de cellule`);
        const id = Number(a.numFmtId ?? 0);
        if (DATE_FORMAT_IDS.has(id) || customDates.has(id)) dates.add(xf);
        xf++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return dates;
}

/**
 * The shared strings, held compactly: their text joined in blocks of about 64 Ki characters,
 * and where each ends. Five million names cost their characters and four bytes each, not five
 * million strings.
 */
export class SharedStrings {
  private ends = new Uint32Array(1024);
  private blocks: string[] = [];
  private blockStarts: number[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  private chars = 0;
  count = 0;

  add(text: string): void {
    if (this.count === this.ends.length) {
      const ends = new Uint32Array(this.ends.length * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.pending.push(text);
    this.pendingChars += text.length;
    this.chars += text.length;
    this.ends[this.count++] = this.chars;
    if (this.pendingChars >= 1 << 16) this.seal();
  }

  get totalChars(): number {
    return this.chars;
  }

  /** Called once all strings are added. */
  seal(): void {
    if (this.pending.length === 0) return;
    this.blockStarts.push(this.chars - this.pendingChars);
    this.blocks.push(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.count)) return undefined;
    const start = i === 0 ? 0 : this.ends[i - 1]!;
    const end = this.ends[i]!;
    if (start === end) return '';
    // The last block that starts at or before `start`.
    let lo = 0;
    let hi = this.blockStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blockStarts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    const base = this.blockStarts[lo]!;
    return this.blocks[lo]!.slice(start - base, end - base);
  }
}

/** Text of a run, an inline string or a shared string: `_xHHHH_` is a character Excel escaped. */
export function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/**
 * Collects the text of string items (`<si>` of shared strings, `<is>` of a cell): the `<t>` of
 * the item and of its rich-text runs, phonetic guides (`<rPh>`) left out. Bounded per item.
 */
export class StringItem {
  text = '';
  private inT = false;
  private phonetic = 0;

  constructor(
    private readonly file: string,
    private readonly where: () => string,
  ) {}

  reset(): void {
    this.text = '';
    this.inT = false;
    this.phonetic = 0;
  }

  open(name: string): void {
    if (name === 't') this.inT = true;
    else if (name === 'rPh') this.phonetic++;
  }

  close(name: string): void {
    if (name === 't') this.inT = false;
    else if (name === 'rPh') this.phonetic--;
  }

  /** Text read inside `<t>`, `_xHHHH_` escapes left as they are. */
  add(text: string): void {
    if (!this.inT || this.phonetic > 0) return;
    this.text += text;
    if (this.text.length > XLSX_LIMITS.cellChars) throw tooLarge(this.file, `${this.where()} dépasse ${fr(XLSX_LIMITS.cellChars)} caractères, la limite d'Excel pour une cellule`);
  }
}

/** Reads the shared strings, bounded in count and characters. */
export async function sharedStrings(zip: ZipArchive, file: string, part: string | undefined): Promise<SharedStrings> {
  const strings = new SharedStrings();
  if (!part || !zip.has(part)) return strings;
  const item = new StringItem(file, () => `le texte partagé n° ${fr(strings.count + 1)}`);
  let inItem = false;
  const tooMany = () => tooLarge(file, `il contient plus de ${fr(XLSX_LIMITS.sharedStrings)} textes partagés (textes distincts)`);
  await parse(
    zip,
    file,
    part,
    'les textes partagés (sharedStrings.xml)',
    {
      open(name, a) {
        if (name === 'sst') {
          // A declared count is not trusted, but a declared excess is refused at once.
          const declared = Number(a.uniqueCount ?? a.count ?? 0);
          if (declared > XLSX_LIMITS.sharedStrings) throw tooMany();
        } else if (name === 'si') {
          inItem = true;
          item.reset();
        } else if (inItem) item.open(name);
      },
      close(name) {
        if (name !== 'si') {
          if (inItem) item.close(name);
          return;
        }
        inItem = false;
        if (strings.count >= XLSX_LIMITS.sharedStrings) throw tooMany();
        strings.add(unescapeOoxml(item.text));
        if (strings.totalChars > XLSX_LIMITS.sharedChars) throw tooLarge(file, `ses textes partagés dépassent ${fr(XLSX_LIMITS.sharedChars)} caractères en tout`);
      },
      text(t) {
        if (inItem) item.add(t);
      },
    },
    XLSX_LIMITS.sharedStringsBytes,
  );
  strings.seal();
  return strings;
}
