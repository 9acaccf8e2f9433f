/**
 * Records read where they lie: cells found, trimmed, hashed and compared in place, and bytes held
 * as characters decoded exactly as the standard decoders would.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { RowCells, utf8FromBytes, win1252FromBytes } from '../src/roster/cells.js';

const bytes = (text: string, encoding = 'utf8') => iconv.encode(text, encoding).toString('latin1');

describe('cells of a record', () => {
  it('finds cells, drops the CR, trims, reads plain dates and gives back text from bytes', () => {
    const line = bytes('A1; Zoé ;01/02/2024;2024-02-30;;1\u202f850,50 €\r');
    const cells = new RowCells().splitLine(line, 0, line.length, ';');
    cells.decode = utf8FromBytes;
    expect(cells.count).toBe(6);
    expect(cells.trimmed(1)).toBe('Zoé');
    expect(cells.trimmed(5)).toBe('1\u202f850,50 €');
    expect(cells.plainDate(2)).toBe(20240201);
    expect(cells.plainDate(3)).toBe(0); // 30 February: left to the slow reader, which refuses it
    expect(cells.trimmed(4)).toBe('');
    expect(cells.trimmed(9)).toBe('');
    expect(cells.equals(0, 'A1')).toBe(true);
    expect(cells.equals(0, 'A')).toBe(false);
    const again = new RowCells().setArray(['A1', ' Zoé ']);
    expect(again.hash(0, 7)).toBe(cells.hash(0, 7));
  });
});

describe('bytes held as characters', () => {
  it('decodes UTF-8 exactly as TextDecoder, malformed bytes included', () => {
    for (const text of ['', 'abc', 'Zoé', '1\u202f234,56 €', '😀 x', 'Œuvre “ok” – ’', '\u00a0']) expect(utf8FromBytes(bytes(text))).toBe(text);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 5000; n++) {
      const b = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 8) }, () => (random() < 0.3 ? Math.floor(random() * 128) : 0x80 + Math.floor(random() * 128))));
      expect(utf8FromBytes(b.toString('latin1')), [...b].join(' ')).toBe(new TextDecoder().decode(b));
    }
  });

  it('decodes Windows-1252 exactly as iconv-lite', () => {
    for (let c = 0; c < 256; c++) {
      const b = Buffer.from([0x41, c, 0x42]);
      expect(win1252FromBytes(b.toString('latin1')), c.toString(16)).toBe(iconv.decode(b, 'win1252'));
    }
  });
});

describe('amounts read where they lie', () => {
  it('reads plain amounts as parseFrenchNumber does, and leaves the rest to it', async () => {
    const { parseFrenchNumber } = await import('../src/roster/row.js');
    const values = ['1850', '1 850,50', '1\u00a0850,5', '1\u202f850.25', ' 12 ', '0,8', '12,', ',5', '1 850, 5', '-3', '1 850,50 €', 'à voir', '1.2.3', '', '  ', '1\t850'];
    for (const [encoding, decode] of [['utf8', utf8FromBytes], ['win1252', win1252FromBytes]] as const) {
      for (const v of values) {
        if (encoding === 'win1252' && v.includes('\u202f')) continue;
        const raw = bytes(v, encoding);
        const cells = new RowCells().splitLine(raw, 0, raw.length, ';');
        cells.decode = decode;
        const fast = cells.plainNumber(0);
        // Whatever the fast reading gives, it is what the full reader gives; otherwise it defers.
        if (!Number.isNaN(fast)) expect(fast, `${encoding} ${v}`).toBe(parseFrenchNumber(v.trim()));
      }
      const amount = bytes('1\u202f850,50', 'utf8');
      const cells = new RowCells().splitLine(amount, 0, amount.length, ';');
      cells.decode = utf8FromBytes;
      if (encoding === 'utf8') expect(cells.plainNumber(0)).toBe(1850.5);
    }
    expect(Number.isNaN(new RowCells().setArray(['-3']).plainNumber(0))).toBe(true);
  });
});
