/**
 * Extracts sections of a KALI text from the JSON of the npm package `@socialgouv/kali-data` (2.x: the 3.x
 * releases carry no article text) into the plain-text format of texts/sources/: one `##` line per text,
 * `###` per section, `--- Article <num> [<KALIARTI id>] etat=… surtitre=…` per article, then its text
 * (paragraphs on their own lines, table rows as `cell | cell | `).
 *
 * Run once by hand, never at run time: the package is fetched with `npm pack @socialgouv/kali-data@2.671.0`.
 *   tsx scripts/extract-kali.ts <package>/data/KALICONT….json <out.txt> <section or text id>…
 * Each id names a section (KALISCTA…) or text (KALITEXT…) extracted whole, in the order given.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface KaliNode {
  type: string;
  data: {
    id?: string;
    title?: string;
    num?: string;
    etat?: string;
    surtitre?: string;
    content?: string;
    modifDate?: string;
    lstLienModification?: { linkType?: string; textTitle?: string; datePubliTexte?: string }[];
  };
  children?: KaliNode[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(s: string): string {
  return s.replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function htmlToText(html: string): string {
  const text = html
    .replace(/\r/g, '')
    .replace(/<br\s*\/?>\n?/gi, '\n')
    .replace(/<\/(p|div|h\d|li|center)>/gi, '\n')
    .replace(/<tr[^>]*>/gi, '')
    .replace(/<\/t[hd]>/gi, ' | ')
    .replace(/<\/tr>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return decode(text)
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, (t) => (t.includes('|') ? t : '')))
    .filter((l) => l.trim() !== '')
    .join('\n');
}

function extension(node: KaliNode): string {
  const links = (node.data.lstLienModification ?? []).filter((l) => l.linkType === 'ETEND');
  return links.map((l) => ` etendu=${l.datePubliTexte ?? ''} (${l.textTitle ?? ''})`).join('');
}

function render(node: KaliNode, depth: number, out: string[]): void {
  const d = node.data;
  if (node.type === 'article') {
    const surtitre = d.surtitre ? `surtitre=${d.surtitre}` : '';
    out.push('', `--- Article ${d.num ?? ''} [${d.id}] etat=${d.etat ?? ''}${extension(node)} ${surtitre}`);
    const body = htmlToText(d.content ?? '');
    if (body) out.push(body);
    return;
  }
  const hashes = depth === 0 ? '##' : '###';
  const date = d.modifDate ? ` modifDate=${d.modifDate}` : '';
  out.push('', `${hashes} ${d.title ?? ''}  {id=${d.id} etat=${d.etat ?? ''}${date}}`);
  for (const c of node.children ?? []) render(c, depth + 1, out);
}

function find(node: KaliNode, id: string): KaliNode | undefined {
  if (node.data.id === id) return node;
  for (const c of node.children ?? []) {
    const hit = find(c, id);
    if (hit) return hit;
  }
  return undefined;
}

const [json, outFile, ...ids] = process.argv.slice(2);
if (!json || !outFile || ids.length === 0) {
  console.error('usage: tsx scripts/extract-kali.ts <KALICONT….json> <out.txt> <KALISCTA…|KALITEXT…>…');
  process.exit(2);
}
const root = JSON.parse(readFileSync(json, 'utf8')) as KaliNode;
const out: string[] = [];
for (const id of ids) {
  const node = find(root, id);
  if (!node) throw new Error(`${id} absent de ${json}`);
  render(node, 0, out);
}
writeFileSync(outFile, `${out.join('\n').trim()}\n`);
console.log(`${outFile}: ${ids.length} section(s), ${out.length} lines`);
