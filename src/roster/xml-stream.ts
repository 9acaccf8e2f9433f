/**
 * XML read as it streams, with saxes: no DTD, no entity but XML's five and character references,
 * nothing held but the token being read. A hostile part is refused with a French message: a
 * DOCTYPE (billion laughs and external entities start there), an undefined entity, nesting
 * deeper than XLSX_LIMITS.depth, or more than XLSX_LIMITS.token characters between two tags
 * (one cell of a billion characters, a tag with a million attributes, a comment without end).
 */
import { SaxesParser } from 'saxes';
import { fr, tooLarge, unreadable, XLSX_LIMITS } from './limits.js';
import { xmlDecoder } from './zip.js';

export interface XmlHandler {
  /** An element starts; `name` without its namespace prefix. */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text?(text: string): void;
}

/** An element or attribute name without its prefix (`x:row` → `row`). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Feeds `chunks` to `handler`, yielding after each chunk so that the caller can take what the
 * handler gathered (rows of a sheet) before more is read. `where` names the part in messages.
 */
export async function* xmlEvents(chunks: AsyncIterable<Buffer>, handler: XmlHandler, file: string, where: string): AsyncGenerator<void> {
  const parser = new SaxesParser({ position: false });
  let depth = 0;
  let lastEvent = 0;
  const refuse = (why: string) => unreadable(file, `${why} (${where})`);
  parser.on('doctype', () => {
    throw refuse("il contient une déclaration DOCTYPE, qu'aucun classeur Excel ne contient et qui est refusée par sécurité");
  });
  parser.on('error', (e) => {
    const entity = /undefined entity/i.test(e.message);
    throw refuse(entity ? "il emploie une entité XML non définie (« &…; »), refusée par sécurité" : `XML mal formé (${e.message.replace(/^.*?:\d+:\d+: /, '')})`);
  });
  parser.on('opentag', (tag) => {
    lastEvent = parser.position;
    if (++depth > XLSX_LIMITS.depth) throw refuse(`éléments XML imbriqués sur plus de ${XLSX_LIMITS.depth} niveaux`);
    handler.open(localName(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on('closetag', (tag) => {
    lastEvent = parser.position;
    depth--;
    handler.close(localName(tag.name));
  });
  const text = handler.text?.bind(handler);
  if (text) {
    parser.on('text', (t) => {
      lastEvent = parser.position;
      text(t);
    });
    parser.on('cdata', (t) => {
      lastEvent = parser.position;
      text(t);
    });
  }
  let decoder: TextDecoder | undefined;
  for await (const chunk of chunks) {
    decoder ??= xmlDecoder(chunk);
    parser.write(decoder.decode(chunk, { stream: true }));
    if (parser.position - lastEvent > XLSX_LIMITS.token) {
      throw tooLarge(file, `plus de ${fr(XLSX_LIMITS.token / 1024 ** 2)} Mio de texte d'un seul tenant (${where}), quand une cellule n'a jamais plus de ${fr(XLSX_LIMITS.cellChars)} caractères`);
    }
    yield;
  }
  if (decoder) parser.write(decoder.decode());
  parser.close();
}
