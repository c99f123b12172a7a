import type { FieldIssue } from '../errors.js';

/**
 * Collects at most one issue per field path, so one bad value is explained
 * once (the first, most basic rule wins) while every bad field is reported.
 * Messages name the field and the fix; they never quote a secret.
 */
export class IssueList {
  private readonly issues = new Map<string, FieldIssue>();

  add(field: string, problem: string): void {
    if (!this.issues.has(field)) this.issues.set(field, { field, message: `${field}: ${problem}` });
  }

  has(field: string): boolean {
    return this.issues.has(field);
  }

  list(): FieldIssue[] {
    return [...this.issues.values()];
  }
}

/** Quotes a user-supplied non-secret value for a message, cut short so a pasted blob stays readable. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `'${text.slice(0, 37)}…'` : `'${text}'`;
}
