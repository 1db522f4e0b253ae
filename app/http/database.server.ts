/**
 * The HTTP side of the database's availability and read routing (db/routing.ts,
 * db/unavailable.ts): a request that met an unavailable database (the embedded engine's worker
 * restarting, a PostgreSQL server down) is answered 503 with `Retry-After` instead of 500, and a
 * successful staff write leaves a marker cookie for a few seconds so the writer's next pages read
 * the primary (read-your-writes). The marker is set only when a replica is configured; it is a
 * constant (`1`), so it says nothing about the visitor.
 */
import type { NextFunction, Request, Response } from 'express';
import { FRESH_MARKER, isStaffPath, type ReadReplica } from '../../db/routing';
import { type UnavailableRecord, withUnavailableTracking } from '../../db/unavailable';

const RETRY_AFTER_S = 5;

export function databaseResponses(replica: ReadReplica | undefined, secure: boolean) {
  const marker = replica
    ? `${FRESH_MARKER}=1; Max-Age=${Math.ceil(replica.maxLagS) + 1}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
    : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    const record: UnavailableRecord = { unavailable: false };
    const write = req.method !== 'GET' && req.method !== 'HEAD' && isStaffPath(req.path);
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, status: number, ...rest: unknown[]) {
      if (record.unavailable && status >= 500) {
        status = 503;
        this.setHeader('Retry-After', String(RETRY_AFTER_S));
      } else if (marker && write && status < 400) {
        this.appendHeader('Set-Cookie', marker);
      }
      return (writeHead as (...args: unknown[]) => Response).call(this, status, ...rest);
    } as Response['writeHead'];
    withUnavailableTracking(record, next);
  };
}
