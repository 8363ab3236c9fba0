// Phone numbers and e-mail addresses of libraries and service points: one rule for the network
// files (load.ts), the staff forms (service.ts) and the links the pages make of them.

const emailPattern = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const phoneCharacters = /^\+?[0-9 ()/.-]+$/;

/** Why a value is not an e-mail address (in the loader's English), or null when it is one. */
export function emailFault(value: string): string | null {
  if (value.length > 200) return `"${value.slice(0, 40)}…" is longer than 200 characters`;
  return emailPattern.test(value) ? null : `"${value}" is not an e-mail address (name@domain.si)`;
}

/** Why a value is not a phone number (digits, spaces and + ( ) / . -, at least 6 digits), or null when it is one. */
export function phoneFault(value: string): string | null {
  if (value.length > 40) return `"${value.slice(0, 40)}…" is longer than 40 characters`;
  if (!phoneCharacters.test(value)) return `"${value}" is not a phone number: only digits, spaces and + ( ) / . - may appear, + only first`;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15 ? null : `"${value}" is not a phone number: it has ${digits} digits (6 to 15 expected)`;
}

/** A phone number as a tel: link (RFC 3966: digits and a leading +; the spacing people read stays in the link's text). */
export function telHref(phone: string): string {
  const plus = phone.trim().startsWith('+') ? '+' : '';
  return `tel:${plus}${phone.replace(/\D/g, '')}`;
}

/** An e-mail address as a mailto: link. */
export function mailtoHref(email: string): string {
  return `mailto:${email}`;
}
