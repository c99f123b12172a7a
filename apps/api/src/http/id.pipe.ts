import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { UUID, ValidationError } from '#domain';

/**
 * The one check of an id in a path (`/v1/credentials/{id}`, `.../grants/{grantId}`):
 * anything but a UUID is a 400 `VALIDATION_FAILED` naming the parameter, never
 * echoing what was sent, before any query sees it.
 */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && UUID.test(value)) return value;
    const field = metadata.data ?? 'id';
    throw new ValidationError(`invalid path: ${field} must be a UUID`, [{ field, message: 'must be a UUID' }]);
  }
}
