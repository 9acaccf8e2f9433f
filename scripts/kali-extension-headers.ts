/**
 * Adds to each article header of a KALI extract of texts/sources/ the extension KALI records for it
 * (` etendu=<JO publication date> (<order>)`, as scripts/extract-kali.ts writes it), leaving every
 * other byte of the extract as it is. The publication date of an extension order is then a quote of
 * the text like any other (grids' `extension.source`).
 *
 * Run once by hand, never at run time:
 *   tsx scripts/kali-extension-headers.ts <package>/data/KALICONT….json texts/sources/<extract>.txt
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface KaliNode {
  data: { id?: string; lstLienModification?: { linkType?: string; textTitle?: string; datePubliTexte?: string }[] };
  children?: KaliNode[];
}

const [json, file] = process.argv.slice(2);
if (!json || !file) {
  console.error('usage: tsx scripts/kali-extension-headers.ts <KALICONT….json> <extract.txt>');
  process.exit(2);
}
const byArticle = new Map<string, string>();
const walk = (n: KaliNode): void => {
  const links = (n.data.lstLienModification ?? []).filter((l) => l.linkType === 'ETEND');
  if (n.data.id && links.length > 0) byArticle.set(n.data.id, links.map((l) => ` etendu=${l.datePubliTexte ?? ''} (${l.textTitle ?? ''})`).join(''));
  (n.children ?? []).forEach(walk);
};
walk(JSON.parse(readFileSync(json, 'utf8')) as KaliNode);
let added = 0;
const out = readFileSync(file, 'utf8').replace(/^(--- Article [^[\n]*\[(KALIARTI\d{12})\] etat=\S*)(?! etendu=)/gm, (header: string, head: string, id: string) => {
  const ext = byArticle.get(id);
  if (!ext) return header;
  added++;
  return `${head}${ext}`;
});
writeFileSync(file, out);
console.log(`${file}: ${added} article header(s) completed`);
