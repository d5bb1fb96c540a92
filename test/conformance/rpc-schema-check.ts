// Checks JSON-RPC results against the Ethereum execution-apis schemas (the conformance snapshot's
// `execution-apis/method-schemas.json`, JSON Schema draft 2019-09) and says what differs field by field.
// Ajv gives the verdict; when a result fails, the schema is walked beside the value so that a failure
// inside `oneOf` (a block's transactions, a transaction's type) is told against the one branch the
// value was meant to be (the branch with the fewest and slightest errors), not as every branch's noise.
// It does not know which differences are allowed: that is docs/differences.md, read by the test.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';

type Schema = Record<string, unknown>;

export interface MethodSchema {
  params: { name: string; required?: boolean; schema: Schema }[];
  result: { name: string; schema: Schema };
}

export interface SchemaDifference {
  /** Where in the result, indexes kept: `transactions[2].gasPrice`; `(result)` for the whole result. */
  at: string;
  /** The same with every index as `[]`: how docs/differences.md names a field. */
  field: string;
  message: string;
}

/** `<dir>/execution-apis/method-schemas.json`'s methods; a clear error when the snapshot is absent. */
export function loadMethodSchemas(dir: string): Record<string, MethodSchema> {
  const file = path.join(dir, 'execution-apis', 'method-schemas.json');
  if (!existsSync(file)) {
    throw new Error(`execution-apis schemas not found: ${file} does not exist. Set FEVM_CONFORMANCE_DIR to the conformance snapshot (the folder holding execution-apis/method-schemas.json).`);
  }
  return (JSON.parse(readFileSync(file, 'utf8')) as { methods: Record<string, MethodSchema> }).methods;
}

/** Keywords the walk follows itself; any other keyword is left to Ajv at the node that holds it. */
const STRUCTURAL = new Set(['oneOf', 'anyOf', 'properties', 'required', 'additionalProperties', 'items']);
/** When choosing a branch: a wrong type or discriminator inside the value weighs this much, other errors 1. */
const MISMATCH_WEIGHT = 100;
/** ... and a branch for another kind of value than this one this much more. */
const WRONG_KIND = 1_000_000;

interface Issue {
  path: (string | number)[];
  message: string;
  /** A type mismatch or a wrong discriminator (`type`): a sign of the wrong branch. */
  mismatch: boolean;
}

export class SchemaChecker {
  private readonly ajv = new Ajv2019({ allErrors: true });
  private readonly compiled = new Map<Schema, ValidateFunction>();
  private readonly locals = new Map<Schema, Schema>();

  /** Whether `value` is valid, and if not, each difference in readable form. */
  check(schema: Schema, value: unknown): SchemaDifference[] {
    if (this.validate(schema, value)) return [];
    const issues = this.explain(schema, value, []);
    if (issues.length === 0) {
      // The walk found nothing Ajv did: show Ajv's own errors rather than pass in silence.
      const errors = this.validator(schema).errors ?? [];
      return errors.map((e) => ({ at: e.instancePath || '(result)', field: e.instancePath || '(result)', message: `${e.message ?? e.keyword} (ajv: ${e.schemaPath})` }));
    }
    return issues.map((i) => ({ at: pathText(i.path, false), field: pathText(i.path, true), message: i.message }));
  }

  validate(schema: Schema, value: unknown): boolean {
    return this.validator(schema)(value) === true;
  }

  private validator(schema: Schema): ValidateFunction {
    const known = this.compiled.get(schema);
    if (known) return known;
    const fn = this.ajv.compile(schema);
    this.compiled.set(schema, fn);
    return fn;
  }

  private explain(schema: Schema, value: unknown, at: (string | number)[]): Issue[] {
    if (this.validate(schema, value)) return [];
    const issues: Issue[] = [];
    const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
    if (branches) issues.push(...this.explainBranches(branches, schema.oneOf !== undefined, value, at));
    const local = this.localPart(schema);
    const localErrors = this.validate(local, value) ? [] : (this.validator(local).errors ?? []);
    issues.push(...localErrors.map((e) => ajvIssue(e, value, at)));
    if (localErrors.some((e) => e.keyword === 'type')) return issues;
    if (isObject(value)) issues.push(...this.explainObject(schema, value, at));
    if (Array.isArray(value) && isObject(schema.items)) {
      value.forEach((item, i) => issues.push(...this.explain(schema.items as Schema, item, [...at, i])));
    }
    return issues;
  }

  /** The schema without the keywords the walk follows itself (kept, so that Ajv compiles it once). */
  private localPart(schema: Schema): Schema {
    let local = this.locals.get(schema);
    if (!local) this.locals.set(schema, (local = Object.fromEntries(Object.entries(schema).filter(([k]) => !STRUCTURAL.has(k)))));
    return local;
  }

  private explainBranches(branches: Schema[], exactlyOne: boolean, value: unknown, at: (string | number)[]): Issue[] {
    const passing = branches.filter((b) => this.validate(b, value));
    if (passing.length === 1 || (!exactlyOne && passing.length > 0)) return [];
    if (passing.length > 1) {
      return [{ path: at, message: `matches ${passing.length} branches of a oneOf (${passing.map(title).join(', ')}); exactly one is allowed`, mismatch: false }];
    }
    // A branch of another kind than the value (null for an object) loses to any branch of its kind.
    const score = (issues: Issue[]) =>
      (issues.some((i) => i.mismatch && i.path.length === at.length) ? WRONG_KIND : 0) + issues.reduce((sum, i) => sum + (i.mismatch ? MISMATCH_WEIGHT : 1), 0);
    const judged = branches.map((b) => {
      const issues = this.explain(b, value, at);
      return { branch: b, issues, score: score(issues) };
    });
    judged.sort((a, b) => a.score - b.score);
    const best = judged[0]!;
    const name = title(best.branch);
    return best.issues.map((i) => ({ ...i, message: name && !i.message.includes('(as ') ? `${i.message} (as ${name})` : i.message }));
  }

  private explainObject(schema: Schema, value: Record<string, unknown>, at: (string | number)[]): Issue[] {
    const issues: Issue[] = [];
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in value)) issues.push({ path: [...at, name], message: 'missing (required)', mismatch: false });
    }
    for (const [name, v] of Object.entries(value)) {
      const property = properties[name];
      const byPattern = Object.keys((schema.patternProperties ?? {}) as Record<string, Schema>).some((p) => new RegExp(p, 'u').test(name));
      if (property) issues.push(...this.explain(property, v, [...at, name]));
      else if (schema.additionalProperties === false && !byPattern) issues.push({ path: [...at, name], message: `not in the schema (no additional properties): ${show(v)}`, mismatch: false });
    }
    return issues;
  }
}

function ajvIssue(e: ErrorObject, root: unknown, at: (string | number)[]): Issue {
  const sub = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const value = sub.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], root);
  const detail = e.keyword === 'pattern' ? `does not match ${(e.params as { pattern: string }).pattern}` : (e.message ?? e.keyword);
  const last = at.at(-1);
  return { path: [...at, ...sub], message: `${show(value)} ${detail}`, mismatch: e.keyword === 'type' || e.keyword === 'const' || e.keyword === 'enum' || last === 'type' };
}

function title(schema: Schema): string {
  return typeof schema.title === 'string' ? schema.title : '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function pathText(at: (string | number)[], generic: boolean): string {
  if (at.length === 0) return '(result)';
  return at.map((k, i) => (typeof k === 'number' ? (generic ? '[]' : `[${k}]`) : i === 0 ? k : `.${k}`)).join('');
}
