import { Query } from '@nestjs/cqrs';
import type { VerifyLogResponse } from './verify-log.dto.js';

/** The whole log, every tenant: the answer reveals only positions. */
export class VerifyLogQuery extends Query<VerifyLogResponse> {}
