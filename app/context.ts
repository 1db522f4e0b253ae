/** What the server hands every loader and action (see server.ts: getLoadContext). */
import type { Kysely } from 'kysely';
import type { ReplicaStatus } from '../db/routing';
import type { Database } from '../db/types';
import type { Config } from './config/config.server';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The database for this request: the primary, or the read replica (db/routing.ts). */
    db: Kysely<Database>;
    /** The read replica's state when one is configured (shown by /healthz). */
    replica?: ReplicaStatus;
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
