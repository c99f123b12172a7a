// Shapes of the API's answers the console reads (the OpenAPI document at /docs has them all); those the
// TypeScript client also returns are its own.

export type { Credential, CredentialAction, CredentialPage, Grant, Me, Reach, RevealedSecret, Role } from '#client';
export type { CredentialSummary } from '#client';
export type { KekStatus, KeyRotation, KeyRotationMode } from '#client';

export interface FieldOption {
  value: string;
  label: string;
}

export interface TemplateField {
  name: string;
  target: string;
  label: string;
  kind: 'text' | 'secret' | 'select' | 'number' | 'url' | 'boolean' | 'multiline_secret' | 'object';
  required: boolean;
  default?: string | number | boolean;
  options?: FieldOption[];
  when?: Record<string, string>;
  requiredWhen?: Record<string, string>;
  suggestions?: string[];
  format?: { prefixes?: string[]; pattern?: string; minLength?: number; maxLength?: number; min?: number; max?: number; hint?: string };
  help?: string;
  placeholder?: string;
}

export interface CredentialTemplate {
  type: string;
  label: string;
  category: 'seed' | 'service';
  description: string;
  fields: TemplateField[];
  testable: boolean;
}

export interface SecretVersion {
  secretVersion: number;
  preview: string;
  createdAt: string;
  createdBy: string;
  current: boolean;
}

export interface StreamEvent {
  position: number;
  version: number;
  type: string;
  recordedAt: string;
  data: Record<string, unknown>;
}

export interface TestResult {
  ok: boolean;
  checked: boolean;
  message: string;
  durationMs: number;
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** GET /v1/events/verify: the whole log's hashes, stream chains and keyed seal. */
export interface LogVerification {
  ok: boolean;
  checked: number;
  sealedThrough: number;
  firstBadPosition?: number;
  reason?: string;
  unverifiable?: string[];
}

/** GET /v1/credentials/{id}/usage: who read the secret, from the audit trail. */
export interface CredentialUsage {
  credentialId: string;
  reads: number;
  denied: number;
  /** Most recent reader first. */
  readers: { actor: string; reads: number; firstReadAt: string; lastReadAt: string }[];
}
