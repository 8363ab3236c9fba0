import { describe, expect, it } from 'vitest';
import { decodeMarc8 } from './index.js';
import { MARC8_COMBINING, SETS, eaccTable } from './tables.js';

/** Bytes from hex pairs and ASCII text: bytes('1b284e', 'abc') */
function bytes(...parts: (string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (Array.isArray(p)) out.push(...p);
    else for (let k = 0; k < p.length; k += 2) out.push(parseInt(p.slice(k, k + 2), 16));
  }
  return Uint8Array.from(out);
}
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const decode = (...parts: (string | number[])[]) => decodeMarc8(bytes(...parts));
const ESC = '1b';

describe('decodeMarc8: ASCII', () => {
  it('returns printable ASCII as it is, without faults', () => {
    expect(decode(ascii('Plecnik, J. (1872-1957) ~ {x} | 100%'))).toEqual({ text: 'Plecnik, J. (1872-1957) ~ {x} | 100%', faults: 0 });
  });

  it('decodes only the range start..end', () => {
    const b = bytes(ascii('xxHello worldyy'));
    expect(decodeMarc8(b, 2, 13)).toEqual({ text: 'Hello world', faults: 0 });
    expect(decodeMarc8(b, 5, 5)).toEqual({ text: '', faults: 0 });
    expect(decodeMarc8(b, 13, 2)).toEqual({ text: '', faults: 0 });
    expect(decodeMarc8(b, -4, 99)).toEqual({ text: 'xxHello worldyy', faults: 0 });
  });

  it('handles long ASCII values and long non-ASCII values (buffer growth, chunked strings)', () => {
    const long = 'abcdefghij'.repeat(2000);
    expect(decode(ascii(long)).text).toBe(long);
    // 20,000 × é after 20,000 ASCII letters: exercises the output buffer's growth and chunking.
    const mixed: number[] = [...ascii(long)];
    for (let k = 0; k < 20_000; k++) mixed.push(0xe2, 0x65);
    const r = decodeMarc8(Uint8Array.from(mixed));
    expect(r.faults).toBe(0);
    expect(r.text).toBe(long + 'é'.repeat(20_000));
    // A short value after the long one still decodes alone (the shared buffer does not leak).
    expect(decode('e265')).toEqual({ text: 'é', faults: 0 });
  });
});

describe('decodeMarc8: ANSEL (default G1)', () => {
  it('puts a combining mark after its base and composes (NFC)', () => {
    // "Plečnik": E9 (caron) precedes c.
    const r = decode(ascii('Ple'), 'e9', ascii('cnik'));
    expect(r).toEqual({ text: 'Plečnik', faults: 0 });
    expect(r.text.length).toBe(7);
    expect(decode(ascii('Caf'), 'e265')).toEqual({ text: 'Café', faults: 0 });
  });

  it('keeps several marks in order and normalises them', () => {
    // Vietnamese ấ: circumflex (E3) and acute (E2) before a → U+1EA5.
    expect(decode('e3e261')).toEqual({ text: '\u1ea5', faults: 0 });
    // A mark with no precomposed form stays combining, after its base.
    expect(decode('f561f262')).toEqual({ text: 'a\u0333\u1e05', faults: 0 }); // a + double underscore; ḅ
  });

  it('composes every ANSEL mark with every letter as NFC does (table shortcut and normalize agree)', () => {
    const ansel = SETS[0x45]!;
    const letters = [...ascii('AaCcEeGgIiKkLlNnOoRrSsTtUuWwYyZz'), 0xb5, 0xb2, 0xa5]; // + æ ø Æ from ANSEL
    let composed = 0;
    for (let code = 0x60; code <= 0x7e; code++) {
      const v = ansel[code]!;
      if (v <= 0 || (v & MARC8_COMBINING) === 0) continue;
      const mark = String.fromCodePoint(v & 0x1fffff);
      for (const letter of letters) {
        const base = decode([letter]).text;
        const r = decode([code | 0x80, letter]);
        expect(r).toEqual({ text: (base + mark).normalize('NFC'), faults: 0 });
        if (r.text.length === 1) composed++;
        // Two marks: the normalize path.
        expect(decode([code | 0x80, 0xe3, letter]).text).toBe((base + mark + '\u0302').normalize('NFC'));
      }
    }
    expect(composed).toBeGreaterThan(150);
  });

  it('maps the spacing characters of the set', () => {
    expect(decode('a1a2a5b5b9c0c3c7c8')).toEqual({ text: 'ŁØÆæ£°©ß€', faults: 0 });
    expect(decode('aeb0')).toEqual({ text: '\u02bc\u02bb', faults: 0 }); // alif, ayn
  });

  it('decodes the double diacritics (ligature, double tilde) with U+0361 / U+0360; the second half is dropped', () => {
    expect(decode('eb74ec73')).toEqual({ text: 't\u0361s', faults: 0 });
    expect(decode('fa6efb67')).toEqual({ text: 'n\u0360g', faults: 0 });
  });

  it('maps the C1 codes: non-sort begin/end, joiner, non-joiner', () => {
    expect(decode('88', ascii('The '), '89', ascii('End'))).toEqual({ text: '\u0098The \u009cEnd', faults: 0 });
    expect(decode('618d628e63')).toEqual({ text: 'a\u200db\u200cc', faults: 0 });
  });

  it('works when ANSEL is designated into G0 (ESC ( ! E) and ASCII into G1 (ESC ) B)', () => {
    // In G0, ANSEL's 62 is the acute (E2) and 21 is Ł (A1).
    expect(decode(ESC, '282145', '6221', ESC, '2842', ascii('x'))).toEqual({ text: 'Ł\u0301x', faults: 0 });
    expect(decode(ESC, '2942', 'c1c2')).toEqual({ text: 'AB', faults: 0 });
  });
});

describe('decodeMarc8: the other sets', () => {
  it('Basic Cyrillic in G0 (ESC ( N) and in G1 (ESC ) N)', () => {
    // "Москва" = 6D 4F 53 4B 57 41
    expect(decode(ESC, '284e', '6d4f534b5741', ESC, '2842', ascii(' 1990'))).toEqual({ text: 'Москва 1990', faults: 0 });
    expect(decode(ascii('A '), ESC, '294e', 'edcfd3cbd7c1')).toEqual({ text: 'A Москва', faults: 0 });
  });

  it('designations last until changed: G1 Cyrillic leaves G0 ASCII alone', () => {
    expect(decode(ESC, '294e', 'e1', ascii('b'), 'e2')).toEqual({ text: 'АbБ', faults: 0 });
  });

  it('Extended Cyrillic (ESC ( Q): Serbian and Ukrainian letters', () => {
    expect(decode(ESC, '2851', '6168696a6b6e46474340')).toEqual({ text: 'ЂЈЉЊЋЏіїєґ', faults: 0 });
  });

  it('Basic Greek (ESC ( S) with its combining accents', () => {
    // Ἀθῆναι: psili (25) before Alpha (41), theta (6B), perispomeni (24) before eta (6A), nu, alpha, iota.
    const r = decode(ESC, '2853', '25416b246a70616c');
    expect(r.faults).toBe(0);
    expect(r.text).toBe('\u0391\u0313\u03b8\u03b7\u0342\u03bd\u03b1\u03b9'.normalize('NFC'));
    expect(r.text).toBe('Ἀθῆναι');
  });

  it('Basic Hebrew (ESC ( 2) with points after their letters', () => {
    // שָׁלוֹם: shin (79) with qamats (41) and shin dot (4D) before it, lamed, vav with holam (45), final mem.
    const r = decode(ESC, '2832', '414d79', '6c', '4565', '6d');
    expect(r.faults).toBe(0);
    expect(r.text).toBe('\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd'.normalize('NFC'));
  });

  it('Basic Arabic (ESC ( 3) and Extended Arabic (ESC ( 4)', () => {
    // كتاب = 63 4A 47 48
    expect(decode(ESC, '2833', '634a4748')).toEqual({ text: 'كتاب', faults: 0 });
    expect(decode(ESC, '2834', '293158')).toEqual({ text: '\u067e\u0686\u06a9', faults: 0 }); // پ چ ک
    expect(decode(ESC, '2933', 'b0b1')).toEqual({ text: '٠١', faults: 0 });
  });

  it('technique 1: Greek symbols (ESC g), subscripts (ESC b), superscripts (ESC p), back with ESC s', () => {
    expect(decode(ESC, '67', '616263', ESC, '73', ascii('-ray'))).toEqual({ text: 'αβγ-ray', faults: 0 });
    expect(decode(ascii('H'), ESC, '62', '32', ESC, '73', ascii('O'))).toEqual({ text: 'H₂O', faults: 0 });
    expect(decode(ascii('m'), ESC, '70', '32', ESC, '73')).toEqual({ text: 'm²', faults: 0 });
    // A character the subscript set does not have is a fault.
    expect(decode(ESC, '62', '61', ESC, '73')).toEqual({ text: '\ufffd', faults: 1 });
  });
});

describe('decodeMarc8: EACC', () => {
  it('decodes three-byte characters after ESC $ 1, ESC $ ( 1, ESC $ , 1 and in G1 (ESC $ ) 1)', () => {
    expect(decode(ESC, '2431', '213021', '213022')).toEqual({ text: '一丁', faults: 0 });
    expect(decode(ESC, '242831', '213021')).toEqual({ text: '一', faults: 0 });
    expect(decode(ESC, '242c31', '213021')).toEqual({ text: '一', faults: 0 });
    expect(decode(ESC, '242931', 'a1b0a1', ascii('x'))).toEqual({ text: '一x', faults: 0 });
  });

  it('mixes EACC with ASCII, spaces and a return to Latin', () => {
    // 880 $a of a Chinese record: title, space, then ESC ( B and ASCII.
    expect(decode(ESC, '2431', '213021213022', '20', '213021', ESC, '2842', ascii(' / ed.'))).toEqual({
      text: '一丁 一 / ed.',
      faults: 0,
    });
  });

  it('decodes characters outside the BMP (surrogate pairs)', () => {
    const cp = eaccTable().get(0x217559)!;
    expect(cp).toBe(0x212c4);
    expect(decode(ESC, '2431', '217559', ESC, '2842', ascii('!'))).toEqual({ text: '\u{212c4}!', faults: 0 });
  });

  it('has every code of the LC table', () => {
    expect(eaccTable().size).toBe(15_739);
    expect(eaccTable().get(0x212f30)).toBe(0x3007);
  });

  it('an unknown or cut code is a fault; decoding resynchronises one byte further, as yaz does', () => {
    expect(decode(ESC, '2431', '7e7e7e')).toEqual({ text: '\ufffd\ufffd\ufffd', faults: 3 });
    // A byte too many before a good code: one fault, then the code.
    expect(decode(ESC, '2431', '4a', '213021')).toEqual({ text: '\ufffd一', faults: 1 });
    // Cut short by the end of the value or by an escape.
    expect(decode(ESC, '2431', '2130')).toEqual({ text: '\ufffd\ufffd', faults: 2 });
    expect(decode(ESC, '2431', '21', ESC, '2842', ascii('a'))).toEqual({ text: '\ufffda', faults: 1 });
  });
});

describe('decodeMarc8: faults', () => {
  it('a bad escape becomes one U+FFFD, counts, and decoding goes on with the sets unchanged', () => {
    expect(decode(ascii('A'), ESC, '2858', ascii('bc'))).toEqual({ text: 'A\ufffdbc', faults: 1 });
    // ESC ( g is not a technique-2 designation; G1 stays Cyrillic after it.
    expect(decode(ESC, '294e', 'e1', ESC, '2867', 'e1')).toEqual({ text: 'А\ufffdА', faults: 1 });
    // ESC ! E names no graphic area.
    expect(decode(ESC, '2145', 'e265')).toEqual({ text: '\ufffdé', faults: 1 });
  });

  it('an escape cut short at the end, or interrupted by another escape', () => {
    expect(decode(ascii('A'), ESC)).toEqual({ text: 'A\ufffd', faults: 1 });
    expect(decode(ascii('A'), ESC, '24')).toEqual({ text: 'A\ufffd', faults: 1 });
    expect(decode(ESC, '28', ESC, '284e', '61')).toEqual({ text: '\ufffdА', faults: 1 });
  });

  it('bytes no set defines: controls, DEL, A0, FF, unused ANSEL and C1 codes', () => {
    expect(decode(ascii('a'), '0a', ascii('b'), '7f', ascii('c'))).toEqual({ text: 'a\ufffdb\ufffdc', faults: 2 });
    expect(decode('a0', 'ff', 'af', '80', '9f')).toEqual({ text: '\ufffd'.repeat(5), faults: 5 });
  });

  it('a combining mark held before a bad byte goes on U+FFFD, which stands for its base', () => {
    expect(decode('e2', 'af', ascii('e'))).toEqual({ text: '\ufffd\u0301e', faults: 1 });
  });

  it('a combining mark with no base at the end: U+FFFD and the mark', () => {
    expect(decode(ascii('ab'), 'e2')).toEqual({ text: 'ab\ufffd\u0301', faults: 1 });
  });

  it('never throws, and always returns NFC text without lone surrogates (random bytes)', () => {
    let seed = 12345;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const specials = [0x1b, 0x24, 0x28, 0x29, 0x2c, 0x2d, 0x21, 0x31, 0x4e, 0x45, 0x42, 0x67, 0x73, 0x20, 0x61, 0x65, 0xe1, 0xe2, 0xe3, 0xe8, 0xf0, 0xeb, 0xec];
    for (let k = 0; k < 3000; k++) {
      const len = rnd() % 40;
      const b = new Uint8Array(len);
      for (let j = 0; j < len; j++) b[j] = rnd() % 3 === 0 ? specials[rnd() % specials.length]! : rnd() % 256;
      const r = decodeMarc8(b);
      expect(r.faults).toBeGreaterThanOrEqual(0);
      expect(r.text.normalize('NFC')).toBe(r.text);
      expect(r.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      expect(r.faults).toBeLessThanOrEqual(len);
    }
  });
});
