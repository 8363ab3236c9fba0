import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding, fileKind, FileFault, readCsv } from './read.js';

const limits = { maxUnpackedBytes: 50 * 1024 * 1024, maxRows: 2000, maxColumns: 1000 };

describe('reading an uploaded table', () => {
  const slovenian = 'library_id;opomba\nkranj;Knjižnica Šenčur, Žabnica, Čirče\n';

  it('tells UTF-8 (with or without BOM) from Windows-1250 by its č/š/ž bytes, and gives up on anything else', () => {
    expect(detectEncoding(Buffer.from(slovenian, 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from(`\uFEFF${slovenian}`, 'utf8'))).toBe('utf-8');
    expect(detectEncoding(iconv.encode(slovenian, 'windows-1250'))).toBe('windows-1250');
    expect(detectEncoding(Buffer.from([0x61, 0xc0, 0xc1, 0x62]))).toBeNull();
    expect(detectEncoding(Buffer.from('plain ascii'))).toBe('utf-8');
  });

  it('decodes Windows-1250 letters right and finds the delimiter from the header', () => {
    const { rows, encoding, delimiter } = readCsv(iconv.encode(slovenian, 'windows-1250'), 'auto', limits);
    expect([encoding, delimiter]).toEqual(['windows-1250', ';']);
    expect(rows[1]).toEqual({ row: 2, cells: ['kranj', 'Knjižnica Šenčur, Žabnica, Čirče'] });
    expect(detectDelimiter('a,b,c\n1;2')).toBe(',');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
  });

  it('refuses a file said to be UTF-8 that is not, and a CSV with a broken quote, naming the line', () => {
    expect(() => readCsv(iconv.encode(slovenian, 'windows-1250'), 'utf-8', limits)).toThrow(FileFault);
    try {
      readCsv(Buffer.from('a;b\n1;2\n"3;4\n'), 'auto', limits);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ key: 'stats.import.csvBroken' });
    }
  });

  it('knows an XLSX and an old XLS by their first bytes', () => {
    expect(fileKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('xlsx');
    expect(fileKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0]))).toBe('xls');
    expect(fileKind(Buffer.from('library_id;year'))).toBe('csv');
  });
});
