import { ValidationPipe, type ValidationError as ClassValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
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
      return new ValidationError(`invalid request: ${[...new Set(issues.map((i) => i.field))].join(', ')}`, issues);
    },
  });
}

// An unknown field's name is whatever the client sent (a form body read as
// JSON makes the whole body one key; a client may put a value where a name
// belongs). It is named only when it is a field some request of the API
// declares (`secret` sent to PATCH) or a plain word of letters (`colour`,
// `unknown`): no digits or punctuation, as a secret or token has; any other
// key is "(unknown field)".
const UNKNOWN_FIELD = '(unknown field)';
const PLAIN_WORD = /^[a-z][A-Za-z]{0,31}$/;

let declaredFields: Set<string> | undefined;

/** Every property any request DTO declares, read once from class-validator's metadata. */
function isDeclaredField(name: string): boolean {
  // The storage's map is typed private; its public getters need the DTO class, which the errors no longer carry.
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, { propertyName: string }[]> };
  declaredFields ??= new Set([...storage.validationMetadatas.values()].flat().map((m) => m.propertyName));
  return declaredFields.has(name);
}

function flatten(errors: ClassValidationError[], prefix: string): FieldIssue[] {
  return errors.flatMap((error) => {
    const unknown = error.constraints?.whitelistValidation !== undefined;
    const property = unknown && !PLAIN_WORD.test(error.property) && !isDeclaredField(error.property) ? UNKNOWN_FIELD : error.property;
    const field = prefix ? `${prefix}.${property}` : property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? 'is not an accepted field' : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
