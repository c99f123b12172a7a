import { safeUrl, sendHttp, type HttpCheck } from './http-request.js';
import { TestFailure } from './tester.js';

/**
 * Asks an OAuth 2 token endpoint for a token: 200 means the credential works.
 * A refusal names the provider's error code and the first line of its
 * description (e.g. `invalid_client: AADSTS7000215: Invalid client secret
 * provided.`), which describe the problem, not the credential.
 */
export async function requestToken(provider: string, check: HttpCheck): Promise<void> {
  const reply = await sendHttp(check);
  if (reply.status === 200) return;
  let reason: string;
  try {
    const body = JSON.parse(reply.body) as { error?: unknown; error_description?: unknown };
    const description =
      typeof body.error_description === 'string' ? body.error_description.split(/\r?\n/)[0]!.split('Trace ID')[0]!.trim() : '';
    reason = [body.error, description].filter((part) => typeof part === 'string' && part !== '').join(': ');
  } catch {
    reason = '';
  }
  throw new TestFailure(
    `${provider} refused the credentials (HTTP ${reply.status} from ${safeUrl(check.url)})${reason ? `: ${reason}` : ''}`,
  );
}
