import { ValidationPipe, type ValidationError as ClassValidationError } from '@nestjs/common';
import { ValidationError, type FieldIssue } from '#domain';

/**
 * Request shape checks (unknown fields, wrong JSON types) reported in the same
 * `details: [{field, message}]` form as the template validation. Values are
 * never echoed back: the body may hold a secret.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const issues = flatten(errors, '');
      return new ValidationError(`invalid request: ${issues.map((i) => i.field).join(', ')}`, issues);
    },
  });
}

// An unknown field's name is whatever the client sent (a form body sent as
// JSON makes the whole body one key): it is named only when it looks like a
// field name, and its rule is worded without it.
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

function flatten(errors: ClassValidationError[], prefix: string): FieldIssue[] {
  return errors.flatMap((error) => {
    const property = FIELD_NAME.test(error.property) || /^\d+$/.test(error.property) ? error.property : '(unknown field)';
    const field = prefix ? `${prefix}.${property}` : property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? 'is not an accepted field' : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
