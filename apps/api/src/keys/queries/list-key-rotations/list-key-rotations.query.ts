import { Query } from '@nestjs/cqrs';
import type { KeyRotationListResponse } from './list-key-rotations.dto.js';

export class ListKeyRotationsQuery extends Query<KeyRotationListResponse> {
  constructor(readonly limit: number) {
    super();
  }
}
