import { describe, expect, it } from 'vitest';
import { analyze, stem, tokenize } from './analysis.js';
import { foldText } from '../../db/search-text.js';

/** Every form of a paradigm must give the same stem, typed with and without diacritics. */
function expectOneStem(forms: string[], expected: string): void {
  for (const form of forms) {
    expect(analyze(form), form).toEqual([expected]);
    expect(analyze(foldText(form)), `${form} folded`).toEqual([expected]);
    expect(analyze(form.toUpperCase()), `${form} upper case`).toEqual([expected]);
  }
}

describe('tokenize', () => {
  it('folds as foldText does', () => {
    const text = 'Čas ŽELVE Đurđa Ćiril Łódź straße Ελλάς naïve e\u0301 Škofja  Loka';
    expect(tokenize(text)).toEqual(foldText(text).match(/[\p{L}\p{N}]+/gu));
  });
  it('folds case and diacritics and splits on anything but letters and digits', () => {
    expect(tokenize('Čebelica Maja: pravljica (2. izd.)')).toEqual(['cebelica', 'maja', 'pravljica', '2', 'izd']);
    expect(tokenize('Ђорђе — Đurđa, Łódź')).toEqual(['ђорђе', 'durda', 'lodz']);
    expect(tokenize('  ')).toEqual([]);
  });
});

describe('Slovene light stemmer', () => {
  it('feminine nouns: knjižnica, knjiga, hiša', () => {
    expectOneStem(['knjižnica', 'knjižnice', 'knjižnici', 'knjižnico', 'knjižnic', 'knjižnicah', 'knjižnicam', 'knjižnicami', 'knjižnicama'], 'knjiznic');
    expectOneStem(['knjiga', 'knjige', 'knjigi', 'knjigo', 'knjig', 'knjigah', 'knjigam', 'knjigami'], 'knjig');
    expectOneStem(['hiša', 'hiše', 'hiši', 'hišo', 'hiš', 'hišah', 'hišam', 'hišami'], 'his');
  });
  it('masculine nouns, with and without -ov-/-ev-', () => {
    expectOneStem(['učitelj', 'učitelja', 'učitelju', 'učiteljem', 'učitelji', 'učiteljev', 'učiteljih', 'učiteljema', 'učitelje', 'učiteljema'], 'ucitelj');
    expectOneStem(['grad', 'gradu', 'gradom', 'gradovi', 'gradov', 'gradovih', 'gradove', 'gradovoma', 'gradovom'], 'grad');
    expectOneStem(['naslov', 'naslova', 'naslovu', 'naslovom', 'naslovi', 'naslovov', 'naslovih', 'naslove'], 'nasl');
  });
  it('neuter nouns', () => {
    expectOneStem(['mesto', 'mesta', 'mestu', 'mestom', 'mest', 'mestih', 'mestoma', 'mestom'], 'mest');
    expectOneStem(['morje', 'morja', 'morju', 'morjem', 'morjema', 'morjih'], 'morj');
  });
  it('adjectives of every gender, case and number, possessives', () => {
    expectOneStem(['zelen', 'zelena', 'zeleno', 'zeleni', 'zelenega', 'zelenemu', 'zelenem', 'zelenim', 'zelenih', 'zelenimi', 'zelene', 'zelenima'], 'zelen');
    expectOneStem(['slovenski', 'slovenska', 'slovensko', 'slovenskega', 'slovenskemu', 'slovenskem', 'slovenskim', 'slovenskih', 'slovenskimi', 'slovenske'], 'slovensk');
    expectOneStem(['Prešernov', 'Prešernova', 'Prešernovo', 'Prešernovega', 'Prešernovi', 'Prešernovih', 'Prešernove'], 'presern');
  });
  it('verbs: infinitive and present tense', () => {
    expectOneStem(['govoriti', 'govorim', 'govori', 'govorimo', 'govorite', 'govorijo'], 'govor');
    expectOneStem(['delati', 'delam', 'dela', 'delamo', 'delate', 'delajo'], 'del');
    expectOneStem(['pisati', 'pišem', 'piše', 'pišemo', 'pišete', 'pišejo'], 'pis');
  });
  it('keeps short words, numbers and stems of three letters whole', () => {
    expect(stem('pes')).toBe('pes');
    expect(stem('psa')).toBe('psa');
    expect(stem('2010')).toBe('2010');
    expect(stem('nova')).toBe('nov');
    expect(stem('novega')).toBe('nov');
  });
  it('does not merge unrelated words that only share a beginning', () => {
    expect(stem('knjiga')).not.toBe(stem('knjižnica'));
    expect(stem('mesto')).not.toBe(stem('mesec'));
  });
});
