/** What the server hands every loader and action (see server.ts: getLoadContext). */
import type { Kysely } from 'kysely';
import type { Database } from '../db/types';
import type { Config } from './config/config.server';

declare module '@remix-run/node' {
  interface AppLoadContext {
    db: Kysely<Database>;
    config: Config;
  }
}

export {};

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-request nonce for inline scripts (Content-Security-Policy). */
    cspNonce: string;
  }
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The client's address, for sign-in throttling only (hashed before it is stored; never logged). */
    clientAddress: string;
  }
}
