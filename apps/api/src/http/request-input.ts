import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KeyledgerError, ValidationError, type FieldIssue } from '#domain';

// Every request value passes here before a route, a DTO or the database sees
// it: bodies through the one JSON parser, query strings and path parameters
// through one hook. The checks refuse what the stores cannot take (NUL,
// lone surrogates, timestamps outside PostgreSQL's range are refused later,
// by their validators) and what would exhaust the stack of the code that
// walks a body (class-transformer recurses once per nesting level).

/** Largest accepted body. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Deepest accepted nesting of arrays and objects in a body; `{"a": [1]}` has depth 2. */
export const MAX_JSON_DEPTH = 32;

/** What is wrong with a piece of request text, or undefined. The value itself is never part of the answer. */
export function textProblem(value: string): string | undefined {
  return hasForbiddenText(value)
    ? 'must not contain control characters (other than tab and line breaks) or unpaired surrogates'
    : undefined;
}

/** C0 controls except tab, line feed and carriage return; and any UTF-16 surrogate not part of a pair. */
function hasForbiddenText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** Replaces every body parser: JSON is the only body the API reads. Other content types answer 415. */
export function installRequestInput(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    checkStrings('query', request.query);
    checkStrings('path', request.params);
  });
}

/** The parsed body, or a 400 naming the broken rule; never the text that broke it. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw invalid('body', 'must not be empty when a content type is sent');
  const depth = nestingDepth(text);
  if (depth > MAX_JSON_DEPTH) throw invalid('body', `must not nest arrays and objects deeper than ${MAX_JSON_DEPTH} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error: it may be a secret.
    throw invalid('body', 'must be valid JSON');
  }
  const issues: FieldIssue[] = [];
  walk(value, 'body', issues);
  if (issues.length > 0) throw new ValidationError(`invalid request: ${[...new Set(issues.map((i) => i.field))].join(', ')}`, issues);
  return value;
}

/** Depth of `[`/`{` nesting outside strings, counted before parsing so no parser or walker recurses that deep. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

const KEY_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
// Keys that reach an object's prototype when a body is copied or merged.
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor']);

/** Field paths built from the body's own keys only where a key is a plain name: a key may be anything a client sent. */
function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const field = KEY_NAME.test(key) ? key : '(key)';
  return path === 'body' ? field : `${path}.${field}`;
}

function walk(value: unknown, path: string, issues: FieldIssue[]): void {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) issues.push({ field: path, message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, childPath(path, index), issues));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = childPath(path, key);
      if (textProblem(key)) issues.push({ field, message: `key ${textProblem(key)}` });
      else if (PROTOTYPE_KEYS.has(key)) issues.push({ field: `${field}`, message: 'is not an accepted field name' });
      walk(item, field, issues);
    }
  }
}

/** Query strings and path parameters: the same text rule as bodies. */
function checkStrings(where: 'query' | 'path', values: unknown): void {
  if (values === null || typeof values !== 'object') return;
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(values)) {
    const field = KEY_NAME.test(key) ? key : `(${where} parameter)`;
    for (const text of [key, ...(Array.isArray(value) ? value : [value])]) {
      if (typeof text === 'string' && textProblem(text)) {
        issues.push({ field, message: textProblem(text)! });
        break;
      }
    }
  }
  if (issues.length > 0)
    throw new ValidationError(`invalid ${where === 'query' ? 'query string' : 'path'}: ${issues.map((i) => i.field).join(', ')}`, issues);
}

function invalid(field: string, message: string): KeyledgerError {
  return new ValidationError(`invalid request: ${field} ${message}`, [{ field, message }]);
}
