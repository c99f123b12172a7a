// The fernet package (a reference Fernet implementation, for test inputs) ships no types.
declare module 'fernet' {
  export class Secret {
    constructor(key: string);
  }
  export class Token {
    constructor(options: { secret: Secret; ttl?: number; token?: string; time?: string });
    encode(message: string): string;
    decode(token?: string): string;
  }
}
