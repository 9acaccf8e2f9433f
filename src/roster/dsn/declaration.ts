/**
 * Reads one DSN envoi (norme NEODeS, cahier technique CT2025.1) record by record into what an
 * audit needs: per individu, its contracts and the pay of each. The file is checked as it is
 * read — record syntax, block tree, mandatory rubriques, the S90 totals at the end — and the
 * first fault stops the reading with a French message naming the line: a DSN half read is
 * never audited.
 *
 * Format (CT2025.1 §3.4, p. 78): one record per line, `Sxx.Gyy.zz.aaa,'value'`, at most 256
 * characters, CR-LF or LF, ISO 8859-1. No escape exists for an apostrophe inside a value
 * (identities may hold one, §4.4.8, p. 94): the enclosing quotes are the character after the
 * first comma and the last character of the record. Empty values are forbidden (§4.4, p. 87).
 * Blocks follow the tree, a child block belonging to the parent block before it (p. 76-77);
 * the rubriques of a block come in increasing order, so a block starts where the block code
 * changes or the rubrique number does not increase.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { InputError } from '../../model/input-error.js';
import { detach } from '../cells.js';
import type { DayNumber } from '../row.js';

/** Longest record, line end excluded (p. 78). */
export const MAX_RECORD_LENGTH = 256;

export interface ContractRecord {
  line: number;
  /** S21.G00.40.001, yyyymmdd. */
  start: DayNumber;
  statut: string;
  statutRetraite?: string;
  emploi?: string;
  nature?: string;
  numero: string;
  unit: string;
  reference: number;
  quotite: number;
  modalite: string;
  idcc: string;
  /** S21.G00.40.041, as written. */
  position?: string;
  /** S21.G00.41 blocks that carry an old position (.058) with their date (.001). */
  positionChanges: { date: DayNumber; old: string }[];
  /** S21.G00.62.001. */
  end?: DayNumber;
}

export interface PayRecord {
  line: number;
  periodEnd: DayNumber;
  contract: string;
  type: string;
  amount: number;
  /** S21.G00.53 type 01 (paid work) under this block, by unit of measure (53.003, else the contract's). */
  activity: { unit?: string; measure: number }[];
}

export interface IndividuRecord {
  /** The file it was read from, and its order among the files. */
  file: string;
  fileOrder: number;
  line: number;
  siren: string;
  nic: string;
  /** Mois principal déclaré (S20.G00.05.005), yyyymmdd (always the 1st). */
  month: DayNumber;
  /** S21.G00.30.019, or a pseudonym of the NIR/NTT (never the number itself). */
  id: string;
  hasMatricule: boolean;
  nom: string;
  prenoms: string;
  sexe?: 'F' | 'H';
  contracts: ContractRecord[];
  pays: PayRecord[];
}

export interface EnvoiSummary {
  declarations: number;
  records: number;
}

/** Natures S20.G00.05.001 that are monthly declarations (p. 133): 01 DSN mensuelle, 09 DSN de substitution. */
const MONTHLY = new Set(['01', '09']);

/**
 * Key of the pseudonyms: one per process unless CLASSIF_PSEUDONYM_KEY is set — then the same
 * employee without matricule keeps one pseudonym from audit to audit. Being keyed, a pseudonym
 * cannot be turned back into the NIR by trying every possible number.
 */
const PSEUDONYM_KEY = process.env.CLASSIF_PSEUDONYM_KEY || randomBytes(32).toString('hex');

export function pseudonymOf(siren: string, number: string): string {
  return `SANS-MATRICULE-${createHmac('sha256', PSEUDONYM_KEY).update(`${siren}|${number}`).digest('hex').slice(0, 12).toUpperCase()}`;
}

/** Sex from the first digit of a NIR (1, 3, 7: men; 2, 4, 8: women) or of an NTT (1, 2). */
function sexOfNumber(n: string): 'F' | 'H' | undefined {
  const d = n[0];
  return d === '1' || d === '3' || d === '7' ? 'H' : d === '2' || d === '4' || d === '8' ? 'F' : undefined;
}

const BLOCK_NAMES: Record<string, string> = {
  'S10.G00.00': 'Envoi',
  'S20.G00.05': 'Déclaration',
  'S21.G00.06': 'Entreprise',
  'S21.G00.11': 'Etablissement',
  'S21.G00.30': 'Individu',
  'S21.G00.40': 'Contrat',
  'S21.G00.41': 'Changements Contrat',
  'S21.G00.50': 'Versement individu',
  'S21.G00.51': 'Rémunération',
  'S21.G00.53': 'Activité',
  'S21.G00.62': 'Fin du contrat',
  'S90.G00.90': 'Total de l’envoi',
};

/** The mandatory rubriques (usage O, DSN mensuelle; p. 357-364) of the blocks read. */
const MANDATORY: Record<string, [number, string][]> = {
  'S10.G00.00': [[1, 'Nom du logiciel utilisé']],
  'S20.G00.05': [
    [1, 'Nature de la déclaration'],
    [5, 'Date du mois principal déclaré'],
  ],
  'S21.G00.06': [[1, 'SIREN']],
  'S21.G00.11': [[1, 'NIC']],
  'S21.G00.30': [
    [2, 'Nom de famille'],
    [4, 'Prénoms'],
  ],
  'S21.G00.40': [
    [1, 'Date de début du contrat'],
    [2, 'Statut du salarié (conventionnel)'],
    [3, 'Code statut catégoriel Retraite Complémentaire obligatoire'],
    [6, "Libellé de l'emploi"],
    [7, 'Nature du contrat'],
    [9, 'Numéro du contrat'],
    [11, 'Unité de mesure de la quotité de travail'],
    [12, 'Quotité de travail de référence'],
    [13, 'Quotité de travail du contrat'],
    [14, "Modalité d'exercice du temps de travail"],
    [17, 'Code convention collective applicable'],
  ],
  'S21.G00.41': [[1, 'Date de la modification']],
  'S21.G00.51': [
    [1, 'Date de début de période de paie'],
    [2, 'Date de fin de période de paie'],
    [10, 'Numéro du contrat'],
    [11, 'Type'],
    [13, 'Montant'],
  ],
  'S21.G00.53': [
    [1, 'Type'],
    [2, 'Mesure'],
  ],
  'S21.G00.62': [[1, 'Date de fin du contrat']],
  'S90.G00.90': [
    [1, 'Nombre total de rubriques'],
    [2, 'Nombre de DSN'],
  ],
};

/** The blocks whose rubriques are read. */
const enum Kind {
  Declaration = 1,
  Company,
  Establishment,
  Individu,
  Contract,
  Change,
  End,
  Pay,
  Activity,
  Totals,
}

const KINDS: Record<string, Kind> = {
  'S20.G00.05': Kind.Declaration,
  'S21.G00.06': Kind.Company,
  'S21.G00.11': Kind.Establishment,
  'S21.G00.30': Kind.Individu,
  'S21.G00.40': Kind.Contract,
  'S21.G00.41': Kind.Change,
  'S21.G00.62': Kind.End,
  'S21.G00.51': Kind.Pay,
  'S21.G00.53': Kind.Activity,
  'S90.G00.90': Kind.Totals,
};

function isDigit(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57;
}

interface BlockInfo {
  code: string;
  structure: string;
  kind: number;
  required: [number, string][] | undefined;
}

/** `Sdd.Gdd.dd.ddd` at `start`, checked by character (a million lines: no regex, no slice). */
function isRecordCode(text: string, start: number): boolean {
  for (let k = 0; k < 14; k++) {
    const c = text.charCodeAt(start + k);
    const ok = k === 0 ? c === 83 : k === 4 ? c === 71 : k === 3 || k === 7 || k === 10 ? c === 46 : c >= 48 && c <= 57;
    if (!ok) return false;
  }
  return true;
}
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Reads the records of one envoi; call `line` for each physical line, then `end`. */
export class EnvoiReader {
  readonly individus: IndividuRecord[] = [];
  private lineNo = 0;
  private records = 0;
  private declarations = 0;
  private finished = false;
  // The block being read.
  private block = '';
  private blockLine = 0;
  private lastRubrique = 0;
  /** For each rubrique number, the number of the last block that held it. */
  private readonly seen = new Int32Array(1000);
  private blockNumber = 0;
  /** What the block is to the reader (see KINDS); 0 when nothing of it is read. */
  private blockKind = 0;
  private required: [number, string][] | undefined;
  // The open ancestors.
  private inDeclaration = false;
  private month = 0;
  private siren: string | undefined;
  private nic: string | undefined;
  private individu: (IndividuRecord & { nir?: string; ntt?: string; sexCode?: string }) | undefined;
  private contract: ContractRecord | undefined;
  private change: { date: DayNumber; old?: string } | undefined;
  private versement = false;
  private pay: PayRecord | undefined;
  private activity: { type?: string; unit?: string; measure?: number } | undefined;
  private totals: { records?: number; declarations?: number } = {};

  constructor(
    private readonly file: string,
    private readonly fileOrder: number,
    /** Bytes of a value (read as Latin-1 characters) → text. */
    private readonly decode: (raw: string) => string,
  ) {}

  /** A value kept: decoded, and copied out of the block of the file it was cut from (which would otherwise stay in memory). */
  private text(raw: string): string {
    return detach(this.decode(raw));
  }

  private fail(message: string, line = this.lineNo): never {
    throw new InputError(`DSN « ${this.file} », ligne ${line} : ${message}`, 'invalid');
  }

  /** One physical line, `text[start, end)` with its line end removed. Hot: a million calls, no string made unless a value is kept. */
  line(text: string, start = 0, end = text.length): void {
    this.lineNo++;
    const length = end - start;
    if (length === 0) return;
    if (this.finished) this.fail('données après le total de l’envoi (S90.G00.90) : le fichier contient autre chose qu’une DSN.');
    if (length > MAX_RECORD_LENGTH) this.fail(`enregistrement de ${length} caractères, ${MAX_RECORD_LENGTH} au plus (cahier technique DSN, § 3.4).`);
    // Within a block, the first eleven characters repeat: checked by one native comparison.
    const sameBlock = this.block !== '' && text.startsWith(this.block, start) && text.charCodeAt(start + 10) === 46 && isDigit(text, start + 11) && isDigit(text, start + 12) && isDigit(text, start + 13);
    if ((!sameBlock && !isRecordCode(text, start)) || text.charCodeAt(start + 14) !== 44) {
      this.fail(this.lineNo === 1 ? "ce fichier n'est pas une DSN : la première ligne doit être S10.G00.00.001,'…'." : `enregistrement illisible (« ${visible(text.slice(start, end))} ») : attendu Sxx.Gyy.zz.aaa,'valeur'.`);
    }
    if (length < 17 || text.charCodeAt(start + 15) !== 39 || text.charCodeAt(end - 1) !== 39) {
      this.fail(`valeur de la rubrique ${text.slice(start, start + 14)} sans apostrophes autour (attendu ${text.slice(start, start + 14)},'valeur').`);
    }
    let blank = true;
    for (let k = start + 16; k < end - 1 && blank; k++) blank = text.charCodeAt(k) === 32;
    if (blank) this.fail(`rubrique ${text.slice(start, start + 14)} vide : les rubriques vides sont interdites (cahier technique DSN, § 4.4).`);
    if (this.records === 0 && !text.startsWith('S10.G00.00.001', start)) this.fail("ce fichier n'est pas une DSN : la première ligne doit être S10.G00.00.001,'…'.");
    this.records++;
    const rubrique = (text.charCodeAt(start + 11) - 48) * 100 + (text.charCodeAt(start + 12) - 48) * 10 + (text.charCodeAt(start + 13) - 48);
    if (rubrique <= this.lastRubrique || !sameBlock) {
      this.closeBlock();
      this.openBlock(this.blockInfo(text, start));
    }
    this.lastRubrique = rubrique;
    this.seen[rubrique] = this.blockNumber;
    if (this.blockKind !== 0) this.rubrique(rubrique, text, start, end);
  }

  /** What a block code means to the reader, worked out once per code (no string made per block). */
  private readonly blocks = new Map<number, BlockInfo>();

  private blockInfo(text: string, start: number): BlockInfo {
    const digits = (at: number) => (text.charCodeAt(start + at) - 48) * 10 + text.charCodeAt(start + at + 1) - 48;
    const id = digits(1) * 1_000_000 + digits(5) * 10_000 + digits(8) * 100;
    let info = this.blocks.get(id);
    if (!info) {
      const code = text.slice(start, start + 10);
      info = { code, structure: code.slice(0, 3), kind: KINDS[code] ?? 0, required: MANDATORY[code] };
      this.blocks.set(id, info);
    }
    return info;
  }

  private closeBlock(): void {
    const required = this.required;
    if (required) {
      for (const [n, label] of required) {
        if (this.seen[n] !== this.blockNumber) this.fail(`rubrique obligatoire ${this.block}.${String(n).padStart(3, '0')} (${label}) absente du bloc ${BLOCK_NAMES[this.block]} commencé ligne ${this.blockLine}.`, this.blockLine);
      }
    }
    if (this.block === 'S21.G00.30') {
      const i = this.individu!;
      const number = i.nir ?? i.ntt;
      if (!i.hasMatricule) {
        if (!number) this.fail('individu sans matricule (S21.G00.30.019), sans NIR (.001) ni numéro technique temporaire (.020) : impossible de le reconnaître.', this.blockLine);
        i.id = pseudonymOf(i.siren, number);
      }
      i.sexe = i.sexCode === '01' ? 'H' : i.sexCode === '02' ? 'F' : number ? sexOfNumber(number) : undefined;
      delete i.nir;
      delete i.ntt;
      delete i.sexCode;
    } else if (this.block === 'S21.G00.41' && this.change?.old !== undefined && this.change.old !== 'ZZZ') {
      // ZZZ cancels a position declared by mistake (p. 234-235): no change of position.
      this.contract!.positionChanges.push({ date: this.change.date, old: this.change.old });
    } else if (this.block === 'S21.G00.53' && this.activity?.type === '01' && this.pay?.type === '002') {
      this.pay.activity.push({ unit: this.activity.unit, measure: this.activity.measure! });
    }
  }

  private openBlock(info: BlockInfo): void {
    const block = info.code;
    this.block = block;
    this.blockLine = this.lineNo;
    this.lastRubrique = 0;
    this.blockNumber++;
    this.blockKind = info.kind;
    this.required = info.required;
    const structure = info.structure;
    if (structure === 'S10') {
      if (this.inDeclaration) this.fail(`bloc ${block} (envoi) après le début des déclarations.`);
      return;
    }
    if (structure === 'S90') {
      if (block !== 'S90.G00.90') this.fail(`bloc ${block} inconnu.`);
      if (this.declarations === 0) this.orphan(block, 'déclaration (S20.G00.05)');
      this.endIndividu();
      this.inDeclaration = false;
      return;
    }
    if (structure === 'S20') {
      if (block === 'S20.G00.05') {
        this.endIndividu();
        this.inDeclaration = true;
        this.declarations++;
        this.siren = this.nic = undefined;
        this.month = 0;
      } else if (!this.inDeclaration) this.orphan(block, 'déclaration (S20.G00.05)');
      return;
    }
    if (structure !== 'S21') this.fail(`structure ${structure} inconnue : une DSN ne contient que S10, S20, S21 et S90.`);
    if (!this.inDeclaration) this.orphan(block, 'déclaration (S20.G00.05)');
    switch (block) {
      case 'S21.G00.06':
        this.endIndividu();
        this.siren = '';
        this.nic = undefined;
        return;
      case 'S21.G00.11':
        if (this.siren === undefined) this.orphan(block, 'entreprise (S21.G00.06)');
        this.endIndividu();
        this.nic = '';
        return;
      case 'S21.G00.30':
        if (this.nic === undefined) this.orphan(block, 'établissement (S21.G00.11)');
        this.endIndividu();
        this.individu = { file: this.file, fileOrder: this.fileOrder, line: this.lineNo, siren: this.siren!, nic: this.nic!, month: this.month, id: '', hasMatricule: false, nom: '', prenoms: '', contracts: [], pays: [] };
        return;
      case 'S21.G00.40':
        if (!this.individu) this.orphan(block, 'individu (S21.G00.30)');
        this.contract = { line: this.lineNo, start: 0, statut: '', numero: '', unit: '', reference: 0, quotite: 0, modalite: '', idcc: '', positionChanges: [] };
        this.individu.contracts.push(this.contract);
        return;
      case 'S21.G00.41':
      case 'S21.G00.62':
        if (!this.contract) this.orphan(block, 'contrat (S21.G00.40)');
        this.change = undefined;
        return;
      case 'S21.G00.50':
        if (!this.individu) this.orphan(block, 'individu (S21.G00.30)');
        this.versement = true;
        this.pay = undefined;
        return;
      case 'S21.G00.51':
        if (!this.versement) this.orphan(block, 'versement (S21.G00.50)');
        this.pay = { line: this.lineNo, periodEnd: 0, contract: '', type: '', amount: 0, activity: [] };
        this.individu!.pays.push(this.pay);
        return;
      case 'S21.G00.52':
      case 'S21.G00.54':
        if (!this.versement) this.orphan(block, 'versement (S21.G00.50)');
        return;
      case 'S21.G00.53':
        if (!this.pay) this.orphan(block, 'rémunération (S21.G00.51)');
        this.activity = {};
        return;
      default:
        if (this.siren === undefined) this.orphan(block, 'entreprise (S21.G00.06)');
    }
  }

  private orphan(block: string, what: string): never {
    this.fail(`bloc ${block} (${BLOCK_NAMES[block] ?? 'bloc'}) sans ${what} avant lui : un bloc enfant se rapporte au bloc parent qui le précède (cahier technique DSN, p. 76-77).`);
  }

  private endIndividu(): void {
    if (this.individu) this.individus.push(this.individu);
    this.individu = undefined;
    this.contract = undefined;
    this.versement = false;
    this.pay = undefined;
  }

  /** A date JJMMAAAA (p. 78) as yyyymmdd, read where it lies. */
  private date(text: string, start: number, end: number): DayNumber {
    const at = start + 16;
    let ok = end - start === 25;
    for (let k = 0; k < 8 && ok; k++) ok = isDigit(text, at + k);
    const digit = (k: number) => text.charCodeAt(at + k) - 48;
    const day = digit(0) * 10 + digit(1);
    const month = digit(2) * 10 + digit(3);
    const year = digit(4) * 1000 + digit(5) * 100 + digit(6) * 10 + digit(7);
    const last = month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
    if (!ok || month < 1 || month > 12 || day < 1 || day > last) this.fail(`rubrique ${text.slice(start, start + 14)} : date « ${visible(text.slice(start + 16, end - 1))} » illisible (JJMMAAAA attendu).`);
    return year * 10000 + month * 100 + day;
  }

  private number(text: string, start: number, end: number): number {
    const value = text.slice(start + 16, end - 1);
    if (!NUMBER.test(value)) this.fail(`rubrique ${text.slice(start, start + 14)} : nombre « ${visible(value)} » illisible (chiffres, point décimal).`);
    return Number(value);
  }

  private rubrique(n: number, text: string, start: number, end: number): void {
    // The value, cut from the line only when it is kept.
    const value = (): string => text.slice(start + 16, end - 1);
    switch (this.blockKind) {
      case Kind.Declaration:
        if (n === 1) {
          if (!MONTHLY.has(value())) this.fail(`déclaration de nature ${visible(value())} : seules les DSN mensuelles (nature 01) et de substitution (09) décrivent le personnel ; les signalements ne sont pas lus.`);
        } else if (n === 5) this.month = Math.floor(this.date(text, start, end) / 100) * 100 + 1;
        return;
      case Kind.Company:
        if (n === 1) this.siren = value();
        return;
      case Kind.Establishment:
        if (n === 1) this.nic = value();
        return;
      case Kind.Individu: {
        const i = this.individu!;
        if (n === 1) i.nir = value();
        else if (n === 2 || n === 3) i.nom = this.text(value()); // .003 nom d'usage: the name the employee goes by
        else if (n === 4) i.prenoms = this.text(value());
        else if (n === 5) i.sexCode = value();
        else if (n === 19) {
          i.id = this.text(value()).trim();
          i.hasMatricule = true;
        } else if (n === 20) i.ntt = value();
        return;
      }
      case Kind.Contract: {
        const c = this.contract!;
        if (n === 1) c.start = this.date(text, start, end);
        else if (n === 2) c.statut = value();
        else if (n === 3) c.statutRetraite = value();
        else if (n === 6) c.emploi = this.text(value());
        else if (n === 7) c.nature = value();
        else if (n === 9) c.numero = value();
        else if (n === 11) c.unit = value();
        else if (n === 12) c.reference = this.number(text, start, end);
        else if (n === 13) c.quotite = this.number(text, start, end);
        else if (n === 14) c.modalite = value();
        else if (n === 17) c.idcc = value();
        else if (n === 41) c.position = this.text(value()).trim();
        return;
      }
      case Kind.Change:
        if (n === 1) this.change = { date: this.date(text, start, end) };
        else if (n === 58 && this.change) this.change.old = this.text(value()).trim();
        return;
      case Kind.End:
        if (n === 1) this.contract!.end = this.date(text, start, end);
        return;
      case Kind.Pay: {
        const p = this.pay!;
        if (n === 1) this.date(text, start, end);
        else if (n === 2) p.periodEnd = this.date(text, start, end);
        else if (n === 10) p.contract = value();
        else if (n === 11) p.type = value();
        else if (n === 13) p.amount = this.number(text, start, end);
        return;
      }
      case Kind.Activity: {
        const a = this.activity!;
        if (n === 1) a.type = value();
        else if (n === 2) a.measure = this.number(text, start, end);
        else if (n === 3) a.unit = value();
        return;
      }
      case Kind.Totals:
        if (n === 1) this.totals.records = this.number(text, start, end);
        else if (n === 2) this.totals.declarations = this.number(text, start, end);
        return;
    }
  }

  /** After the last line: the envoi must be whole (its S90 totals read and matching). */
  end(): EnvoiSummary {
    if (this.records === 0) this.fail("ce fichier n'est pas une DSN : il est vide.", 1);
    if (this.block !== 'S90.G00.90') this.fail('fichier tronqué : le total de l’envoi (S90.G00.90) manque à la fin ; la DSN est incomplète et n’a pas été auditée.');
    this.closeBlock();
    this.finished = true;
    if (this.totals.records !== this.records) this.fail(`le total de l’envoi annonce ${this.totals.records} rubriques, le fichier en contient ${this.records} : fichier incomplet ou modifié.`, this.blockLine);
    if (this.totals.declarations !== this.declarations) this.fail(`le total de l’envoi annonce ${this.totals.declarations} déclaration(s), le fichier en contient ${this.declarations}.`, this.blockLine);
    return { declarations: this.declarations, records: this.records };
  }
}

/**
 * A value as it may be quoted in a message: short, printable, and without any run of ten digits
 * or more — a NIR (13 digits) or an NTT (SIREN inside) is personal data, never shown.
 */
function visible(s: string): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[\u0000-\u001f\u007f]/g, '?').replace(/\d[\d ]{8,}\d/g, '(numéro masqué)');
  return t.length > 60 ? `${t.slice(0, 60)}…` : t;
}
