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

function flatten(errors: ClassValidationError[], prefix: string): FieldIssue[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
