// A small expression language for indicator formulas: numbers, statistic keys
// (`collection.physical`), `population`, `servicePoints`, + - * / with the usual precedence,
// parentheses, unary minus and min(…)/max(…). Parsed by hand into a tree and evaluated over
// a plain record of values: nothing is ever passed to eval or Function.

import { statFieldByKey } from '../fields.js';

export type FormulaNode =
  | { kind: 'number'; value: number }
  | { kind: 'name'; name: string; position: number }
  | { kind: 'negate'; operand: FormulaNode }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode }
  | { kind: 'call'; fn: 'min' | 'max'; args: FormulaNode[] };

/** Why a formula does not parse; each reason has a message `standards.formula.error.<reason>`. */
export type FormulaErrorReason =
  | 'empty'
  | 'unexpectedCharacter'
  | 'unexpectedToken'
  | 'unexpectedEnd'
  | 'missingClose'
  | 'unknownName'
  | 'unknownFunction'
  | 'noArguments'
  | 'badNumber'
  | 'tooLong';

export interface FormulaError {
  reason: FormulaErrorReason;
  /** 1-based character position in the formula where the fault was found. */
  position: number;
  /** The text at the fault (a token or a name), when there is one. */
  token?: string;
}

export type ParseResult = { ok: true; node: FormulaNode; names: string[] } | { ok: false; error: FormulaError };

/** Names a formula may use besides the statistic keys of fields.ts. */
export const formulaVariables = ['population', 'servicePoints'] as const;

const maxLength = 500;

interface Token {
  type: 'number' | 'name' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';
  text: string;
  /** 0-based offset. */
  at: number;
}

class Fault extends Error {
  constructor(readonly detail: FormulaError) {
    super(detail.reason);
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      const m = /^[0-9.]+/.exec(source.slice(i))![0];
      if (!/^([0-9]+(\.[0-9]+)?|\.[0-9]+)$/.test(m)) throw new Fault({ reason: 'badNumber', position: i + 1, token: m });
      if (/[A-Za-z_]/.test(source[i + m.length] ?? '')) throw new Fault({ reason: 'badNumber', position: i + 1, token: source.slice(i, i + m.length + 1) });
      tokens.push({ type: 'number', text: m, at: i });
      i += m.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(source.slice(i))![0];
      tokens.push({ type: 'name', text: m, at: i });
      i += m.length;
      continue;
    }
    if ('+-*/'.includes(c)) tokens.push({ type: 'op', text: c, at: i });
    else if (c === '(') tokens.push({ type: 'lparen', text: c, at: i });
    else if (c === ')') tokens.push({ type: 'rparen', text: c, at: i });
    else if (c === ',') tokens.push({ type: 'comma', text: c, at: i });
    else throw new Fault({ reason: 'unexpectedCharacter', position: i + 1, token: c });
    i++;
  }
  tokens.push({ type: 'end', text: '', at: source.length });
  return tokens;
}

function isKnownName(name: string): boolean {
  return statFieldByKey.has(name) || (formulaVariables as readonly string[]).includes(name);
}

/**
 * Parses a formula. On failure the error names the 1-based position and the reason, so a form
 * can say "position 14: unknown name collection.physicl".
 */
export function parseFormula(source: string): ParseResult {
  try {
    if (source.length > maxLength) throw new Fault({ reason: 'tooLong', position: maxLength + 1 });
    const tokens = tokenize(source);
    if (tokens.length === 1) throw new Fault({ reason: 'empty', position: 1 });
    let p = 0;
    const peek = () => tokens[p]!;
    const unexpected = (t: Token): never => {
      throw new Fault(t.type === 'end' ? { reason: 'unexpectedEnd', position: t.at + 1 } : { reason: 'unexpectedToken', position: t.at + 1, token: t.text });
    };
    const names = new Set<string>();

    const expression = (): FormulaNode => {
      let left = term();
      while (peek().type === 'op' && (peek().text === '+' || peek().text === '-')) {
        const op = tokens[p++]!.text as '+' | '-';
        left = { kind: 'binary', op, left, right: term() };
      }
      return left;
    };
    const term = (): FormulaNode => {
      let left = unary();
      while (peek().type === 'op' && (peek().text === '*' || peek().text === '/')) {
        const op = tokens[p++]!.text as '*' | '/';
        left = { kind: 'binary', op, left, right: unary() };
      }
      return left;
    };
    const unary = (): FormulaNode => {
      if (peek().type === 'op' && peek().text === '-') {
        p++;
        return { kind: 'negate', operand: unary() };
      }
      return primary();
    };
    const primary = (): FormulaNode => {
      const t = peek();
      if (t.type === 'number') {
        p++;
        return { kind: 'number', value: Number(t.text) };
      }
      if (t.type === 'lparen') {
        p++;
        const inner = expression();
        if (peek().type !== 'rparen') {
          if (peek().type === 'end') throw new Fault({ reason: 'missingClose', position: t.at + 1, token: '(' });
          unexpected(peek());
        }
        p++;
        return inner;
      }
      if (t.type === 'name') {
        p++;
        if (peek().type === 'lparen') {
          if (t.text !== 'min' && t.text !== 'max') throw new Fault({ reason: 'unknownFunction', position: t.at + 1, token: t.text });
          const open = tokens[p++]!;
          if (peek().type === 'rparen') throw new Fault({ reason: 'noArguments', position: open.at + 1, token: t.text });
          const args = [expression()];
          while (peek().type === 'comma') {
            p++;
            args.push(expression());
          }
          if (peek().type !== 'rparen') {
            if (peek().type === 'end') throw new Fault({ reason: 'missingClose', position: open.at + 1, token: '(' });
            unexpected(peek());
          }
          p++;
          return { kind: 'call', fn: t.text, args };
        }
        if (!isKnownName(t.text)) throw new Fault({ reason: 'unknownName', position: t.at + 1, token: t.text });
        names.add(t.text);
        return { kind: 'name', name: t.text, position: t.at + 1 };
      }
      return unexpected(t);
    };

    const node = expression();
    if (peek().type !== 'end') unexpected(peek());
    return { ok: true, node, names: [...names] };
  } catch (error) {
    if (error instanceof Fault) return { ok: false, error: error.detail };
    throw error;
  }
}

/**
 * The value of a parsed formula over the given values; null when a name it needs has no value
 * or a division by zero occurs (an indicator that cannot be computed is shown as such, not as 0).
 */
export function evaluateFormula(node: FormulaNode, values: Readonly<Record<string, number | undefined>>): number | null {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'name': {
      const v = values[node.name];
      return v === undefined || !Number.isFinite(v) ? null : v;
    }
    case 'negate': {
      const v = evaluateFormula(node.operand, values);
      return v === null ? null : -v;
    }
    case 'call': {
      const args = node.args.map((a) => evaluateFormula(a, values));
      if (args.some((a) => a === null)) return null;
      return node.fn === 'min' ? Math.min(...(args as number[])) : Math.max(...(args as number[]));
    }
    case 'binary': {
      const l = evaluateFormula(node.left, values);
      const r = evaluateFormula(node.right, values);
      if (l === null || r === null) return null;
      if (node.op === '+') return l + r;
      if (node.op === '-') return l - r;
      if (node.op === '*') return l * r;
      return r === 0 ? null : l / r;
    }
  }
}
