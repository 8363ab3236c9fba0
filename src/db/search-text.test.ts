import { describe, expect, it } from 'vitest';
import { foldText, likePattern } from './search-text.js';

describe('foldText', () => {
  it('removes diacritics and case', () => {
    expect(foldText('Medobčinska splošna knjižnica Žalec')).toBe('medobcinska splosna knjiznica zalec');
    expect(foldText('  Đurđa  ĆOSIĆ ')).toBe('durda cosic');
  });
  it('drops LIKE wildcards from input', () => {
    expect(likePattern('50%_off')).toBe('%50off%');
  });
});
