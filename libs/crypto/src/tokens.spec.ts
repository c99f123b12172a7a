import { generateToken, hashTokenSecret, parseToken, tokenSecretMatches } from './tokens.js';

describe('bearer tokens', () => {
  it('round-trips: the issued token parses back to its id, and its secret matches the stored hash', () => {
    const issued = generateToken();
    const parsed = parseToken(issued.token);
    expect(parsed?.tokenId).toBe(issued.tokenId);
    expect(tokenSecretMatches(parsed!.secret, issued.secretHash)).toBe(true);
  });

  it('stores nothing from which the token can be read back', () => {
    const issued = generateToken();
    const secret = parseToken(issued.token)!.secret;
    expect(issued.secretHash).not.toContain(secret);
    expect(issued.secretHash).toBe(hashTokenSecret(secret));
  });

  it('draws a fresh 256-bit secret every time', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => parseToken(generateToken().token)!.secret));
    expect(secrets.size).toBe(50);
  });

  it('rejects a wrong secret and malformed tokens', () => {
    const issued = generateToken();
    const other = parseToken(generateToken().token)!.secret;
    expect(tokenSecretMatches(other, issued.secretHash)).toBe(false);
    for (const bad of [
      '',
      'klt_',
      issued.token.slice(0, -1),
      issued.token.replace('klt_', 'klx_'),
      `${issued.token}x`,
      `Bearer ${issued.token}`,
    ]) {
      expect(parseToken(bad)).toBeNull();
    }
  });
});
