import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { GlassdomeCredential } from './glassdome-credential.js';
import type { GlassdomeForm, GlassdomeFormField } from './glassdome-form.js';
import type { GlassdomeTestAnswer } from './glassdome-test.js';

// The OpenAPI schemas of Glassdome's answers; the shapes themselves are the
// interfaces next to the code that builds them.

class GlassdomeFormFieldSchema implements GlassdomeFormField {
  @ApiProperty({ example: 'host' }) name!: string;
  @ApiProperty({ example: 'text', description: 'text, password, textarea, select, number, url, checkbox or json' }) type!: string;
  @ApiProperty({ example: 'Proxmox Host' }) label!: string;
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] }) default?: string | number | boolean;
  @ApiPropertyOptional({ type: [String] }) options?: string[];
  @ApiPropertyOptional({ enum: [false], description: 'present (false) on optional fields only' }) required?: false;
}

export class GlassdomeFormSchema implements GlassdomeForm {
  @ApiProperty({ example: 'proxmox' }) service_type!: string;
  @ApiProperty({ type: [GlassdomeFormFieldSchema] }) required_fields!: GlassdomeFormField[];
  @ApiPropertyOptional({
    description: 'fields shown for one value of a select, keyed `<field>=<value>`, such as `auth_method=api_token`',
    additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/GlassdomeFormFieldSchema' } },
  })
  conditional_fields?: Record<string, GlassdomeFormField[]>;
}

export class GlassdomeTestAnswerSchema implements GlassdomeTestAnswer {
  @ApiProperty({ description: 'false when the target refused or could not be reached' }) success!: boolean;
  @ApiProperty({ example: 'Connection successful' }) message!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) last_tested_at!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean }) last_test_status!: boolean | null;
}

export class GlassdomeCredentialSchema implements GlassdomeCredential {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'proxmox' }) service_type!: string;
  @ApiProperty({ description: 'the non-secret fields, in Glassdome names', additionalProperties: true }) config!: Record<string, unknown>;
  @ApiProperty({ example: 'active' }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) last_tested_at!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean }) last_test_status!: boolean | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) expires_at!: string | null;
}
