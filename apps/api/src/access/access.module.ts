import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessDenialRecorder } from './access-denial.recorder.js';
import { AccessDeniedInterceptor } from './access-denied.interceptor.js';
import { RevealRateLimiter } from './reveal-rate-limiter.js';

/** Access control around credentials: refusal records, and the reveal rate limit. */
@Global()
@Module({
  providers: [AccessDenialRecorder, RevealRateLimiter, { provide: APP_INTERCEPTOR, useClass: AccessDeniedInterceptor }],
  exports: [AccessDenialRecorder, RevealRateLimiter],
})
export class AccessModule {}
