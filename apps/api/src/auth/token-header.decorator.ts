import { SetMetadata } from '@nestjs/common';

export const TOKEN_HEADER = 'keyledger:token-header';

/**
 * Reads a route's Keyledger token from this header (the whole value) instead
 * of `Authorization: Bearer`: for routes whose existing clients send their key
 * that way. The token resolves to its principal and role as any bearer token.
 */
export const TokenHeader = (header: string) => SetMetadata(TOKEN_HEADER, header.toLowerCase());
