import { Query } from '@nestjs/cqrs';
import type { KeyringResponse } from './list-keys.dto.js';

export class ListKeysQuery extends Query<KeyringResponse> {}
