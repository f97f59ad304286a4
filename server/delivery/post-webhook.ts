/**
 * One webhook POST through node:http(s) rather than fetch: only a request made this way takes a
 * `lookup`, so the addresses a host name resolves to can be checked as the socket connects
 * (`guardedLookup`) instead of in an earlier, separate look-up. Redirects are not followed.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export interface WebhookPost {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Resolves the host when connecting (omitted: the system resolver, unchecked). */
  lookup?: LookupFunction;
}

/** Sends the POST; resolves with the receiver's HTTP status (the response body is not read). */
export function postWebhook(p: WebhookPost): Promise<number> {
  const url = new URL(p.url);
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...p.headers, 'Content-Length': String(Buffer.byteLength(p.body)) },
        signal: AbortSignal.timeout(p.timeoutMs),
        ...(p.lookup ? { lookup: p.lookup } : {}),
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    req.on('error', reject);
    req.end(p.body);
  });
}
