/**
 * The text of a PDF, read from its content streams through the fonts' ToUnicode maps: enough to
 * check what a printed document says (pdfmake's reports, Chromium's printed pages).
 */
import { inflateSync } from 'node:zlib';

export function pdfStrings(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: string }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const s = body.indexOf('stream');
    let stream: string | undefined;
    if (s >= 0) {
      const start = m.index! + m[0].indexOf(body) + s + 'stream'.length + (body[s + 6] === '\r' ? 2 : 1);
      const end = raw.indexOf('endstream', start);
      const bytes = pdf.subarray(start, end);
      stream = /FlateDecode/.test(body.slice(0, s)) ? inflateSync(bytes).toString('latin1') : bytes.toString('latin1');
    }
    objects.set(Number(m[1]), { dict: s >= 0 ? body.slice(0, s) : body, ...(stream !== undefined ? { stream } : {}) });
  }
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  const cmapOf = (text: string): Map<number, string> => {
    const map = new Map<number, string>();
    for (const [, block] of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, lo, hi, dst] of block!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
        const from = parseInt(lo!, 16);
        const to = parseInt(hi!, 16);
        if (dst!.startsWith('[')) [...dst!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((d, i) => map.set(from + i, utf16(d[1]!.replace(/ /g, ''))));
        else for (let c = from; c <= to; c++) map.set(c, String.fromCharCode(parseInt(dst!.slice(1, -1), 16) + c - from));
      }
    }
    // Single codes (Chromium's Skia writes these).
    for (const [, block] of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, src, dst] of block!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(parseInt(src!, 16), utf16(dst!));
    }
    return map;
  };
  // Font resource names (/F1 12 0 R) to their ToUnicode maps.
  const fonts = new Map<string, Map<number, string>>();
  for (const [, name, ref] of raw.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const to = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '');
    const cmap = to && objects.get(Number(to[1]))?.stream;
    if (cmap) fonts.set(name!, cmapOf(cmap));
  }
  const out: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream || !stream.includes(' Tf')) continue;
    let font: Map<number, string> | undefined;
    // Text shown as arrays (pdfmake: [<…> n <…>] TJ) or single strings (Skia: <…> Tj).
    for (const [, name, tj, one] of stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-f]*)> Tj/gi)) {
      if (name) font = fonts.get(name);
      else if (font) out.push([...(tj ?? `<${one}>`).matchAll(/<([0-9a-f]*)>/gi)].map((h) => (h[1]!.match(/.{4}/g) ?? []).map((g) => font!.get(parseInt(g, 16)) ?? '\ufffd').join('')).join(''));
    }
  }
  // Ligatures (ﬁ) read as their letters.
  return out
    .join(' ')
    .replace(/[\ufb00-\ufb06]/g, (c) => c.normalize('NFKC'))
    .replace(/\s+/g, ' ');
}
