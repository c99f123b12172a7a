import { Query } from '@nestjs/cqrs';
import type { KeyRotationResponse } from '../../key-rotation.response.js';

export class GetKeyRotationQuery extends Query<KeyRotationResponse> {
  constructor(readonly rotationId: string) {
    super();
  }
}
