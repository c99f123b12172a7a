// Shapes of the API's answers the console reads (the OpenAPI document at /docs has them all).

export type Role = 'admin' | 'operator' | 'service' | 'auditor' | 'user';
export type Reach = 'tenant' | 'grants' | 'none';
export type CredentialAction = 'read' | 'reveal' | 'lookup' | 'change' | 'rotate' | 'test' | 'deactivate' | 'restore' | 'destroy' | 'grant';

export interface Me {
  id: string;
  name: string;
  tenant: string;
  role: Role;
  teams: string[];
  token: { id: string; expiresAt: string | null } | null;
  credentialAccess: Record<CredentialAction, Reach>;
}

export interface Credential {
  id: string;
  name: string;
  type: string;
  username: string | null;
  host: string | null;
  purpose: string | null;
  extra: Record<string, unknown>;
  labels: string[];
  description: string | null;
  expiresAt: string | null;
  expired: boolean;
  status: 'active' | 'inactive' | 'destroyed';
  version: number;
  secretVersion: number;
  secretPreview: string | null;
  createdAt: string;
  updatedAt: string;
  rotatedAt: string | null;
  lastUsedAt: string | null;
  lastTestedAt: string | null;
  lastTestStatus: 'ok' | 'failed' | null;
  lastTestError: string | null;
  createdBy: string;
  updatedBy: string;
}

export interface CredentialPage {
  credentials: Credential[];
  total: number;
  nextCursor: string | null;
}

export interface RevealedSecret {
  id: string;
  secret: string;
  secretVersion: number;
}

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

export interface Grant {
  id: string;
  grantee: { kind: 'principal' | 'team'; id: string };
  permission: 'use' | 'manage';
  grantedAt: string;
  grantedBy: string;
  revokedAt: string | null;
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
