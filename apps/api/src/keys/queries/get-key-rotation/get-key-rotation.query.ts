import { Query } from '@nestjs/cqrs';
import type { KeyRotationResponse } from './get-key-rotation.dto.js';

export class GetKeyRotationQuery extends Query<KeyRotationResponse> {
  constructor(readonly rotationId: string) {
    super();
  }
}
