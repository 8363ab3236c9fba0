import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, needsRehash, verifyPassword } from './password.js';

describe('passwords', () => {
  it('hashes in a self-describing format and verifies', async () => {
    const stored = await hashPassword('pravilno-geslo');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('pravilno-geslo', stored)).toBe(true);
    expect(await verifyPassword('napačno-geslo', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('enako-geslo')).not.toBe(await hashPassword('enako-geslo'));
  });

  it('treats č, š, ž the same whether composed or decomposed', async () => {
    const stored = await hashPassword('čaša-žara-123');
    expect(await verifyPassword('c\u030Caša-žara-123', stored)).toBe(true);
  });

  it('never matches a malformed or hostile hash', async () => {
    for (const bad of ['', 'plain', 'scrypt$1$8$1$AAAA$BBBB', 'scrypt$3$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==', 'scrypt$1073741824$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==']) {
      expect(await verifyPassword('x', bad)).toBe(false);
      expect(needsRehash(bad)).toBe(true);
    }
  });

  it('asks for a rehash when the stored cost is lower than today', async () => {
    expect(needsRehash('scrypt$16384$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==')).toBe(true);
  });

  it('generates long passwords without look-alike characters', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    expect(p).not.toMatch(/[01OlI]/);
    expect(generatePassword()).not.toBe(p);
  });
});
