// Derived indicators: a formula over other indicators' codes, parsed with jsep and evaluated by a
// whitelist walker — never eval. Supports + - * / ( ), numbers, abs/min/max/round, and the period
// shifts prev(CODE) (previous period) and lastYear(CODE) (same period last year).
import jsep from 'jsep';

export type Shift = 'current' | 'prev' | 'lastYear';
export interface Reference { code: string; shift: Shift }
export type Formula = { node: jsep.Expression; references: Reference[]; text: string };

export class FormulaError extends Error {
  constructor(message: string, readonly messageVi: string) { super(message); }
}

const mathFunctions: Record<string, { arity: [number, number]; apply: (...xs: number[]) => number }> = {
  abs: { arity: [1, 1], apply: Math.abs },
  min: { arity: [2, 10], apply: Math.min },
  max: { arity: [2, 10], apply: Math.max },
  round: { arity: [1, 2], apply: (x, d = 0) => { const f = 10 ** d; return Math.round(x * f) / f; } },
};
const shiftFunctions: Record<string, Shift> = { prev: 'prev', lastYear: 'lastYear' };
const binary = new Set(['+', '-', '*', '/']);

// jsep accepts more than we allow (strings, members, comparisons); the walker below refuses those.
function walk(node: jsep.Expression, refs: Reference[]): void {
  switch (node.type) {
    case 'Literal':
      if (typeof (node as jsep.Literal).value !== 'number') throw new FormulaError('Only numbers may be written as literals.', 'Chỉ được viết hằng số là số.');
      return;
    case 'Identifier':
      refs.push({ code: (node as jsep.Identifier).name, shift: 'current' });
      return;
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (!binary.has(b.operator)) throw new FormulaError(`Operator ${b.operator} is not allowed.`, `Không cho phép toán tử ${b.operator}.`);
      walk(b.left, refs); walk(b.right, refs);
      return;
    }
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      if (u.operator !== '-' && u.operator !== '+') throw new FormulaError(`Operator ${u.operator} is not allowed.`, `Không cho phép toán tử ${u.operator}.`);
      walk(u.argument, refs);
      return;
    }
    case 'CallExpression': {
      const c = node as jsep.CallExpression;
      const name = c.callee.type === 'Identifier' ? (c.callee as jsep.Identifier).name : '';
      if (shiftFunctions[name]) {
        const arg = c.arguments[0];
        if (c.arguments.length !== 1 || arg?.type !== 'Identifier') throw new FormulaError(`${name}() takes one indicator code.`, `${name}() nhận đúng một mã chỉ tiêu.`);
        refs.push({ code: (arg as jsep.Identifier).name, shift: shiftFunctions[name]! });
        return;
      }
      const fn = mathFunctions[name];
      if (!fn) throw new FormulaError(`Unknown function ${name || '(expression)'}.`, `Hàm không được hỗ trợ: ${name || '(biểu thức)'}.`);
      if (c.arguments.length < fn.arity[0] || c.arguments.length > fn.arity[1]) throw new FormulaError(`${name}() takes ${fn.arity.join('–')} arguments.`, `${name}() nhận ${fn.arity.join('–')} đối số.`);
      c.arguments.forEach((a) => walk(a, refs));
      return;
    }
    default:
      throw new FormulaError(`${node.type} is not allowed in a formula.`, 'Biểu thức có thành phần không được phép.');
  }
}

export function parseFormula(text: string): Formula {
  if (text.length > 2000) throw new FormulaError('The formula is too long.', 'Công thức quá dài.');
  let node: jsep.Expression;
  try {
    node = jsep(text);
  } catch (err) {
    throw new FormulaError(`Syntax error: ${(err as Error).message}`, `Công thức sai cú pháp: ${(err as Error).message}`);
  }
  if (node.type === 'Compound') throw new FormulaError('Write a single expression.', 'Chỉ viết một biểu thức.');
  const references: Reference[] = [];
  walk(node, references);
  return { node, references, text };
}

export type Lookup = (code: string, shift: Shift) => number | null;

/** The value, or null when an input is missing or a division by zero occurs. */
export function evaluateFormula(formula: Formula, lookup: Lookup): number | null {
  const ev = (node: jsep.Expression): number | null => {
    switch (node.type) {
      case 'Literal': return (node as jsep.Literal).value as number;
      case 'Identifier': return lookup((node as jsep.Identifier).name, 'current');
      case 'UnaryExpression': { const v = ev((node as jsep.UnaryExpression).argument); return v === null ? null : (node as jsep.UnaryExpression).operator === '-' ? -v : v; }
      case 'BinaryExpression': {
        const b = node as jsep.BinaryExpression;
        const l = ev(b.left); const r = ev(b.right);
        if (l === null || r === null) return null;
        switch (b.operator) {
          case '+': return l + r;
          case '-': return l - r;
          case '*': return l * r;
          case '/': return r === 0 ? null : l / r;
        }
        return null;
      }
      case 'CallExpression': {
        const c = node as jsep.CallExpression;
        const name = (c.callee as jsep.Identifier).name;
        if (shiftFunctions[name]) return lookup((c.arguments[0] as jsep.Identifier).name, shiftFunctions[name]!);
        const args = c.arguments.map(ev);
        if (args.some((a) => a === null)) return null;
        return mathFunctions[name]!.apply(...(args as number[]));
      }
      default: return null;
    }
  };
  const v = ev(formula.node);
  return v === null || !Number.isFinite(v) ? null : v;
}

/** A cycle in "indicator → indicators its formula uses", as the list of codes around it, or null. */
export function findCycle(dependsOn: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (code: string): string[] | null => {
    if (state.get(code) === 'done') return null;
    if (state.get(code) === 'visiting') return [...stack.slice(stack.indexOf(code)), code];
    state.set(code, 'visiting');
    stack.push(code);
    for (const next of dependsOn.get(code) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(code, 'done');
    return null;
  };
  for (const code of dependsOn.keys()) {
    const cycle = visit(code);
    if (cycle) return cycle;
  }
  return null;
}
