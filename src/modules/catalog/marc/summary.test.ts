import { describe, expect, it } from 'vitest';
import { detectFlavour, normaliseIsbn, summarizeRecord, type MarcDataField, type MarcRecord } from './index.js';
import { stripIsbd } from './summary.js';

const df = (tag: string, ind: string, ...pairs: [string, string][]): MarcDataField => ({
  tag,
  ind1: ind[0] ?? ' ',
  ind2: ind[1] ?? ' ',
  subfields: pairs.map(([code, value]) => ({ code, value })),
});

const marc21: MarcRecord = {
  leader: '01234nam a2200289 i 4500',
  fields: [
    { tag: '001', value: 'ocm12345' },
    { tag: '008', value: '201104s2019    si a          000 1 slv d' },
    df('020', '  ', ['a', '0-8044-2957-X (pbk.)']),
    df('020', '  ', ['a', '978-961-01-2345-6']),
    df('022', '  ', ['a', '0350-5596']),
    df('041', '0 ', ['a', 'slv'], ['h', 'eng']),
    df('100', '1 ', ['a', 'Prešeren, France,'], ['d', '1800-1849.']),
    df('245', '10', ['a', 'Poezije /'], ['b', 'izbor :'], ['c', 'France Prešeren ; uredil Janko Kos.']),
    df('250', '  ', ['a', '2. izd.']),
    df('260', '  ', ['a', 'Ljubljana :'], ['b', 'Mladinska knjiga,'], ['c', '1999.']),
    df('264', ' 1', ['a', 'Ljubljana :'], ['b', 'Mladinska knjiga,'], ['c', '2019.']),
    df('300', '  ', ['a', '253 str. ;'], ['c', '20 cm']),
    df('490', '1 ', ['a', 'Zbirka Klasje ;'], ['v', '12']),
    df('500', '  ', ['a', 'Spremna beseda: J. Kos.']),
    df('650', ' 0', ['a', 'Slovenian poetry'], ['y', '19th century.']),
    df('600', '10', ['a', 'Prešeren, France,'], ['d', '1800-1849'], ['x', 'Criticism and interpretation.']),
    df('700', '1 ', ['a', 'Kos, Janko,'], ['e', 'editor.']),
    df('710', '2 ', ['a', 'Slovenska matica.']),
    df('690', '  ', ['a', 'FR9110']),
    df('659', '  ', ['a', 'KS']),
    df('590', '  ', ['a', '1']),
    df('830', ' 0', ['a', 'Zbirka Klasje.']),
  ],
};

const unimarc: MarcRecord = {
  leader: '01234nam0 22002771  450 ',
  fields: [
    { tag: '001', value: 'COBISS-123' },
    df('010', '  ', ['a', '0-8044-2957-X'], ['b', 'broš.']),
    df('011', '  ', ['a', '0350-5596']),
    df('100', '  ', ['a', '20190501d2019    m  y0slvy50      ba']),
    df('101', '0 ', ['a', 'slv']),
    df('200', '1 ', ['a', 'Pesmi'], ['e', 'izbor'], ['f', 'France Prešeren'], ['g', 'uredil Janko Kos']),
    df('205', '  ', ['a', '2. izd.']),
    df('210', '  ', ['a', 'Ljubljana'], ['c', 'Mladinska knjiga'], ['d', '2019']),
    df('215', '  ', ['a', '253 str.'], ['d', '20 cm']),
    df('225', '1 ', ['a', 'Zbirka Klasje']),
    df('300', '  ', ['a', 'Spremna beseda: J. Kos']),
    df('606', '  ', ['a', 'Slovenska poezija'], ['z', '19. st.']),
    df('600', ' 1', ['a', 'Prešeren'], ['b', 'France'], ['x', 'Kritika']),
    df('700', ' 1', ['a', 'Prešeren'], ['b', 'France'], ['f', '1800-1849']),
    df('702', ' 1', ['a', 'Kos'], ['b', 'Janko'], ['4', '340']),
    df('712', '02', ['a', 'Slovenska matica'], ['b', 'Založba']),
  ],
};

describe('summarizeRecord', () => {
  it('reads a MARC 21 record', () => {
    expect(summarizeRecord(marc21)).toEqual({
      flavour: 'marc21',
      controlNumber: 'ocm12345',
      title: 'Poezije',
      subtitle: 'izbor',
      responsibility: 'France Prešeren ; uredil Janko Kos',
      authors: ['Prešeren, France', 'Kos, Janko', 'Slovenska matica'],
      subjects: ['Slovenian poetry -- 19th century', 'Prešeren, France, 1800-1849 -- Criticism and interpretation'],
      isbns: ['9780804429573', '9789610123456'],
      issns: ['0350-5596'],
      edition: '2. izd',
      publisher: 'Mladinska knjiga',
      place: 'Ljubljana',
      year: 2019,
      language: 'slv',
      materialType: 'book',
      extent: '253 str',
      series: ['Zbirka Klasje'],
      notes: ['Spremna beseda: J. Kos'],
    });
  });

  it('reads a UNIMARC record into the same fields', () => {
    expect(summarizeRecord(unimarc)).toEqual({
      flavour: 'unimarc',
      controlNumber: 'COBISS-123',
      title: 'Pesmi',
      subtitle: 'izbor',
      responsibility: 'France Prešeren',
      authors: ['Prešeren, France', 'Kos, Janko', 'Slovenska matica. Založba'],
      subjects: ['Slovenska poezija -- 19. st', 'Prešeren, France -- Kritika'],
      isbns: ['9780804429573'],
      issns: ['0350-5596'],
      edition: '2. izd',
      publisher: 'Mladinska knjiga',
      place: 'Ljubljana',
      year: 2019,
      language: 'slv',
      materialType: 'book',
      extent: '253 str',
      series: ['Zbirka Klasje'],
      notes: ['Spremna beseda: J. Kos'],
    });
  });

  it('tells MARC 21 from UNIMARC', () => {
    expect(detectFlavour(marc21)).toBe('marc21');
    expect(detectFlavour(unimarc)).toBe('unimarc');
    // No 200 and no 245: the 36-character 100 $a of UNIMARC decides.
    const bare: MarcRecord = { leader: '00000nam  2200000   4500', fields: [df('100', '  ', ['a', '20190501d2019    m  y0slvy50      ba'])] };
    expect(detectFlavour(bare)).toBe('unimarc');
    // A MARC 21 100 (a personal name) does not.
    expect(detectFlavour({ leader: '00000nam  2200000   4500', fields: [df('100', '1 ', ['a', 'Cankar, Ivan'])] })).toBe('marc21');
    // The flavour can be forced.
    expect(summarizeRecord(unimarc, 'marc21').flavour).toBe('marc21');
  });

  it('reads the material type from leader/06–07 in each flavour', () => {
    const type = (leader: string, record: MarcRecord) => summarizeRecord({ ...record, leader }).materialType;
    expect(type('00000cas a2200000 i 4500', marc21)).toBe('serial');
    expect(type('00000naa a2200000 i 4500', marc21)).toBe('article');
    expect(type('00000cjm a2200000 i 4500', marc21)).toBe('music-recording');
    expect(type('00000cim a2200000 i 4500', marc21)).toBe('audiobook');
    expect(type('00000cgm a2200000 i 4500', marc21)).toBe('video');
    expect(type('00000cem a2200000 i 4500', marc21)).toBe('map');
    expect(type('00000ccm a2200000 i 4500', marc21)).toBe('music-score');
    expect(type('00000cmm a2200000 i 4500', marc21)).toBe('electronic');
    expect(type('00000ckm a2200000 i 4500', marc21)).toBe('picture');
    expect(type('00000crm a2200000 i 4500', marc21)).toBe('object');
    expect(type('00000com a2200000 i 4500', marc21)).toBe('mixed');
    expect(type('00000nlm0 2200000   450 ', unimarc)).toBe('electronic');
    expect(type('00000nmm0 2200000   450 ', unimarc)).toBe('mixed');
    expect(type('00000nas0 2200000   450 ', unimarc)).toBe('serial');
    expect(type('00000nbm0 2200000   450 ', unimarc)).toBe('book');
  });

  it('falls back when fields are missing', () => {
    const s = summarizeRecord({ leader: '00000nam a2200000 i 4500', fields: [df('020', '  ', ['a', '0-306-40615-2']), df('245', '00', ['a', 'Brez naslova.'])] });
    expect(s).toMatchObject({ controlNumber: '0-306-40615-2', title: 'Brez naslova', authors: [], year: null, language: null, publisher: null });
    const lang = summarizeRecord({ leader: '00000nam a2200000 i 4500', fields: [{ tag: '008', value: '201104s2019    si            000 1     d' }, df('041', '0 ', ['a', 'ENG'])] });
    expect(lang.language).toBe('eng');
  });
});

describe('normaliseIsbn', () => {
  it('turns valid ISBN-10 into ISBN-13 and keeps invalid ones as recorded without hyphens', () => {
    expect(normaliseIsbn('0-306-40615-2')).toBe('9780306406157');
    expect(normaliseIsbn('0-8044-2957-X (broš.)')).toBe('9780804429573');
    expect(normaliseIsbn('978-0-306-40615-7')).toBe('9780306406157');
    expect(normaliseIsbn('0-306-40615-3')).toBe('0306406153');
    expect(normaliseIsbn('ISBN 978 0 306 40615 8')).toBe('9780306406158');
    expect(normaliseIsbn('brez')).toBeNull();
  });
});

describe('stripIsbd', () => {
  it('strips ISBD punctuation at the ends but keeps initials and ellipses', () => {
    expect(stripIsbd('Poezije /')).toBe('Poezije');
    expect(stripIsbd('Ljubljana :')).toBe('Ljubljana');
    expect(stripIsbd('Mladinska knjiga,')).toBe('Mladinska knjiga');
    expect(stripIsbd('1999.')).toBe('1999');
    expect(stripIsbd('Tolkien, J. R. R.')).toBe('Tolkien, J. R. R.');
    expect(stripIsbd('In sicer ...')).toBe('In sicer ...');
    expect(stripIsbd(' = Parallel title ;')).toBe('Parallel title');
  });
});
