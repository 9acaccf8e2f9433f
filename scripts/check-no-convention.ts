/**
 * The law is data: src/ and web/src/ must name no convention, trade or job outside comments.
 * The words looked for are read from grids/ (IDCC numbers, convention titles, job titles, the
 * names the lexicons give jobs), so a convention added as a folder is covered with no change here.
 * Only what the program says is read — string, template and regex literals, JSX text, identifiers
 * and numbers — through the TypeScript parser, so comments (where citing a convention is fine) never match.
 *
 * Run: `tsx scripts/check-no-convention.ts` (exits 1 and lists file:line on a finding); the test
 * test/no-convention.test.ts runs it in `npm test`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parse } from 'yaml';

export interface Term {
  /** The words, folded (lower case, no accents), as they are looked for. */
  words: string[];
  /** Where the term comes from, to say why it is refused: « IDCC 1431 : emploi « Vendeur 1 » ». */
  origin: string;
}

export interface Mention {
  file: string;
  line: number;
  /** The term found, as written in the grids. */
  term: string;
  origin: string;
  /** What the program says there (cut). */
  text: string;
}

/** Lower case, no accents, words of letters and digits only. */
export function foldWords(s: string): string[] {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * Words the product itself uses whatever the convention (statuses, the kinds of things a grid
 * holds): a job title that is only such a word names no trade.
 */
const PRODUCT_WORDS = new Set(['cadre', 'cadres', 'employe', 'employes', 'agent', 'technicien', 'ouvrier', 'maitrise', 'agent de maitrise', 'position', 'niveau', 'emploi', 'filiere', 'activite']);

/** Words of a term that the product says for another reason, file by file, and why. */
export const ALLOWED: readonly { file: string; term: string; why: string }[] = [{ file: 'web/src/App.tsx', term: 'juriste', why: 'the disclaimer sends the user to a lawyer; it names no job of a grid' }];

/** A job's title without its rank in a family (« Vendeur 1 », « Retoucheur 2e niveau », « Monteur 1er échelon »). */
function familyTitle(title: string): string[] {
  const words = foldWords(title);
  while (words.length > 1 && /^(\d+(er|e|eme|re)?|niveau|echelon|degre|i{1,3}|iv|v)$/.test(words[words.length - 1]!)) words.pop();
  return words;
}

/** Every term the grids give, by convention folder. */
export function conventionTerms(gridsDir: string): Term[] {
  const terms: Term[] = [];
  const seen = new Set<string>();
  const add = (words: string[], origin: string) => {
    const key = words.join(' ');
    if (words.length === 0 || PRODUCT_WORDS.has(key) || seen.has(key)) return;
    // A single short word is too common to be a name (« de », « 2 ») — IDCC numbers excepted.
    if (words.length === 1 && words[0]!.length < 4) return;
    seen.add(key);
    terms.push({ words, origin });
  };
  for (const folder of readdirSync(gridsDir).sort()) {
    const dir = join(gridsDir, folder);
    if (!statSync(dir).isDirectory()) continue;
    const conv = parse(readFileSync(join(dir, 'convention.yaml'), 'utf8')) as { idcc: string; title: string; shortTitle?: string; grids: string[]; lexicon?: string };
    const where = `IDCC ${conv.idcc}`;
    add([conv.idcc], `${where} : numéro IDCC`);
    add(foldWords(conv.title), `${where} : titre de la convention`);
    if (conv.shortTitle) {
      add(foldWords(conv.shortTitle), `${where} : titre court`);
      // The trade of a short title (« Optique-lunetterie de détail » → « optique », « lunetterie »).
      for (const w of foldWords(conv.shortTitle)) if (w.length >= 6 && !/^(detail|distance|commerce)$/.test(w)) add([w], `${where} : mot du titre court`);
    }
    for (const file of conv.grids) {
      const grid = parse(readFileSync(join(dir, file), 'utf8')) as { jobs?: { title: string }[]; levels?: { title: string }[]; criteria?: { id: string; title?: string }[] };
      for (const job of grid.jobs ?? []) add(familyTitle(job.title), `${where} : emploi « ${job.title} » (${file})`);
      for (const level of grid.levels ?? []) add(foldWords(level.title), `${where} : niveau « ${level.title} » (${file})`);
      for (const criterion of grid.criteria ?? []) add(foldWords(criterion.title ?? criterion.id), `${where} : critère « ${criterion.title ?? criterion.id} » (${file})`);
    }
    if (conv.lexicon) {
      const lexicon = parse(readFileSync(join(dir, conv.lexicon), 'utf8')) as { titles?: { job: string; names: string[] }[] };
      for (const t of lexicon.titles ?? []) for (const n of t.names) add(foldWords(n), `${where} : nom d'emploi du lexique (« ${t.job} »)`);
    }
  }
  return terms;
}

/** What the program says in a file, by line: literals, JSX text, identifiers; never comments. */
export function spokenTexts(fileName: string, source: string): { line: number; text: string }[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node) || ts.isNumericLiteral(node)) text = node.text;
    else if (ts.isJsxText(node)) text = node.text;
    else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) text = node.text;
    if (text !== undefined && text.trim() !== '') {
      // A literal over several lines is reported at the line of each of its parts.
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      text.split('\n').forEach((part, i) => out.push({ line: start + i, text: part }));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** A word and its singular (« vendeurs » → « vendeur »): the forms a term's word may take. */
function forms(w: string): string[] {
  return /[sx]$/.test(w) && w.length > 3 ? [w, w.slice(0, -1)] : [w];
}

/** The terms a file names. */
export function mentionsIn(file: string, source: string, terms: readonly Term[]): Mention[] {
  const byFirst = new Map<string, Term[]>();
  for (const t of terms) {
    const list = byFirst.get(t.words[0]!);
    if (list) list.push(t);
    else byFirst.set(t.words[0]!, [t]);
  }
  const out: Mention[] = [];
  for (const { line, text } of spokenTexts(file, source)) {
    const words = foldWords(text);
    const found = new Set<Term>();
    words.forEach((w, i) => {
      for (const f of forms(w)) {
        for (const term of byFirst.get(f) ?? []) {
          if (!found.has(term) && term.words.every((p, j) => j === 0 || (i + j < words.length && forms(words[i + j]!).includes(p)))) found.add(term);
        }
      }
    });
    for (const term of found) if (!ALLOWED.some((a) => a.file === file && a.term === term.words.join(' '))) out.push({ file, line, term: term.words.join(' '), origin: term.origin, text: text.trim().slice(0, 80) });
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every mention in the source trees `roots` (paths relative to `base` in the answer). */
export function checkTrees(base: string, roots: readonly string[], gridsDir = join(base, 'grids')): Mention[] {
  const terms = conventionTerms(gridsDir);
  return roots.flatMap((root) => sourceFiles(join(base, root)).flatMap((f) => mentionsIn(relative(base, f), readFileSync(f, 'utf8'), terms)));
}

export const CHECKED_TREES = ['src', 'web/src'];

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const base = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const found = checkTrees(base, CHECKED_TREES);
  for (const m of found) console.log(`${m.file}:${m.line}: « ${m.term} » (${m.origin}) dans « ${m.text} »`);
  if (found.length > 0) {
    console.error(`${found.length} mention(s) d'une convention, d'un métier ou d'un IDCC dans ${CHECKED_TREES.join(' et ')} : ces mots viennent des grilles (grids/).`);
    process.exitCode = 1;
  } else console.log(`Aucune convention, aucun métier ni IDCC nommé dans ${CHECKED_TREES.join(' et ')}.`);
}
