import crypto from 'node:crypto';
import { promisify } from 'node:util';

// scrypt from node:crypto: memory-hard, no native add-on. The stored form names its own
// parameters (scrypt$N$r$p$salt$hash), so the cost can be raised later and old hashes still verify.

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/** Current cost: N = 2^15, r = 8, p = 1 (32 MiB, about 70 ms on a server core). */
export const scryptParams = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 64;
const saltLength = 16;
// Room for a higher N in stored hashes than today's; refuses absurd values from a tampered row.
const maxN = 2 ** 20;

function maxmem(N: number, r: number, p: number): number {
  return 128 * N * r * p + 64 * 1024 * 1024;
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = scryptParams;
  const salt = crypto.randomBytes(saltLength);
  const hash = await scrypt(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: maxmem(N, r, p) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!valid(N, maxN) || (N & (N - 1)) !== 0 || !valid(r, 32) || !valid(p, 16)) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const hash = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || hash.length < 16) return null;
  return { N, r, p, salt, hash };
}

/** True when the password matches the stored hash; compares in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const { N, r, p, salt, hash } = parsed;
  const candidate = await scrypt(password.normalize('NFC'), salt, hash.length, { N, r, p, maxmem: maxmem(N, r, p) });
  return crypto.timingSafeEqual(candidate, hash);
}

/** True when a stored hash was made with weaker parameters than today's, so it should be redone at the next login. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  return parsed.N < scryptParams.N || parsed.r < scryptParams.r || parsed.hash.length < keyLength;
}

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * A strong password to hand to a person: 20 characters from an alphabet without look-alikes
 * (no 0/O, 1/l/I), about 115 bits, grouped in fives so it can be read out.
 */
export function generatePassword(): string {
  const chars: string[] = [];
  for (let i = 0; i < 20; i++) chars.push(alphabet[crypto.randomInt(alphabet.length)]!);
  return chars.join('').replace(/(.{5})(?=.)/g, '$1-');
}
