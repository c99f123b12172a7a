import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parseInstant } from '#domain';

/**
 * An ISO-8601 instant with a time zone on a real calendar day, in years
 * 0001-9999: what PostgreSQL's timestamptz takes. `IsISO8601` also passes a
 * bare year (`1001`), which PostgreSQL refuses.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseInstant(value) !== undefined,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an ISO-8601 instant with a time zone, e.g. 2027-01-31T00:00:00Z`,
      },
    },
    options,
  );
}
