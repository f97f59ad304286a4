/**
 * Background delivery of sent sampling lists to the district's endpoints: signed HTTP POSTs to
 * webhooks, e-mails (with the XLSX attached) to mailto: endpoints when SMTP_URL is configured.
 *
 * Requests never wait for it: sending a list only queues rows in webhook_deliveries and kicks the
 * worker. The worker claims due rows in one short statement (FOR UPDATE SKIP LOCKED + a lease, see
 * models/webhook.repository.ts), sends outside any transaction, and records each attempt in the
 * row's log. Failures retry after WEBHOOK_BACKOFF_MS × 2^(attempt−1) until WEBHOOK_MAX_ATTEMPTS.
 *
 * Never twice: one row per (endpoint, list); a delivered row is never claimed again, so sending
 * again or restarting the service does not deliver again. (If the process dies after the receiver
 * accepted but before the row was marked, the lease expires and the same delivery is retried with
 * the same X-DSV-Delivery id — the one case a receiver must de-duplicate.)
 */
import type { AppContext, Service, WebhookDeliveryHandle } from '../context';
import {
  claimDueDeliveries,
  findEndpoint,
  markAttemptFailed,
  markDelivered,
  nextDueAt,
  type DeliveryAttempt,
  type WebhookDeliveryRow,
} from '../../models/webhook.repository';
import { findSamplingList } from '../../models/sampling.repository';
import type { SamplingListSnapshot } from '../sampling/sampling-list.types';
import { exportFileName, listTitle, samplingListXlsx, CONTENT_TYPES } from '../sampling/sampling-list.export';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signPayload,
  TIMESTAMP_HEADER,
} from './webhook-signature';
import { sendMail } from './mailer';
import { postWebhook } from './post-webhook';
import { guardedLookup, webhookUrlProblem } from './webhook-url';
import { AppError } from '../errors';
import { deferredServices } from '../deferred-services';

export const LIST_SENT_EVENT = 'sampling_list.sent';
const BATCH = 10;
const MAX_BACKOFF_MS = 6 * 3600_000;

export type { WebhookDeliveryHandle };

/** The JSON body delivered for one list (the same on every retry of a delivery). */
export function deliveryBody(
  deliveryId: string,
  listId: string,
  snapshot: SamplingListSnapshot,
  sentAt: Date,
): string {
  return JSON.stringify({
    event: LIST_SENT_EVENT,
    deliveryId,
    listId,
    sentAt: sentAt.toISOString(),
    samplingList: snapshot,
  });
}

export function backoffMs(base: number, attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempts - 1));
}

class DeliveryWorker implements WebhookDeliveryHandle {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly ctx: AppContext) {}

  start(): void {
    this.schedule(0);
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.runOnce();
    } catch (e) {
      this.ctx.logger.error({ err: e }, 'webhook delivery round failed');
    }
    if (this.stopped) return;
    const poll = this.ctx.config.WEBHOOK_POLL_MS;
    let wait = poll;
    try {
      const due = await nextDueAt(this.ctx.db);
      if (due) wait = Math.max(0, Math.min(poll, due.getTime() - Date.now()));
    } catch {
      // the database may be closing; the next poll tries again
    }
    this.schedule(this.again ? 0 : wait);
    this.again = false;
  }

  runOnce(): Promise<number> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(): Promise<number> {
    let total = 0;
    const lease = this.ctx.config.WEBHOOK_TIMEOUT_MS * 3 + 30_000;
    for (;;) {
      if (this.stopped) break;
      const due = await claimDueDeliveries(this.ctx.db, BATCH, lease);
      if (due.length === 0) break;
      await Promise.all(due.map((d) => this.deliver(d)));
      total += due.length;
    }
    return total;
  }

  private async deliver(d: WebhookDeliveryRow): Promise<void> {
    const started = Date.now();
    const attempt: DeliveryAttempt = {
      attempt: d.attempts,
      at: new Date().toISOString(),
      statusCode: null,
      error: null,
      ms: 0,
    };
    let ok = false;
    let permanent = false;
    try {
      const endpoint = await findEndpoint(this.ctx.db, d.endpointId);
      const list = await findSamplingList(this.ctx.db, d.listId);
      if (!endpoint || !endpoint.active || !list) {
        attempt.error = '接收地址已停用或名单不存在';
        permanent = true;
      } else {
        const snapshot = list.snapshot as SamplingListSnapshot;
        const body = deliveryBody(d.id, list.id, snapshot, list.sentAt);
        const timestamp = String(Math.floor(Date.now() / 1000));
        const headers = {
          [SIGNATURE_HEADER]: signPayload(endpoint.secret, timestamp, body),
          [TIMESTAMP_HEADER]: timestamp,
          [DELIVERY_HEADER]: d.id,
          [EVENT_HEADER]: LIST_SENT_EVENT,
        };
        if (endpoint.url.startsWith('mailto:')) {
          await this.sendEmail(endpoint.url.slice('mailto:'.length), snapshot, body, headers);
          ok = true;
        } else {
          const status = await this.post(endpoint.url, body, headers);
          attempt.statusCode = status;
          ok = status >= 200 && status < 300;
          if (!ok) attempt.error = `接收方返回 HTTP ${status}`;
        }
      }
    } catch (e) {
      attempt.error = describe(e);
      // a refused address stays refused: no retries that would only probe it again
      if (e instanceof AppError && e.code === 'WEBHOOK_URL_FORBIDDEN') permanent = true;
    }
    attempt.ms = Date.now() - started;
    if (ok) {
      await markDelivered(this.ctx.db, d.id, attempt);
      this.ctx.logger.info({ delivery: d.id, attempt: d.attempts }, 'sampling list delivered');
      return;
    }
    const giveUp = permanent || d.attempts >= this.ctx.config.WEBHOOK_MAX_ATTEMPTS;
    const retryAt = giveUp
      ? null
      : new Date(Date.now() + backoffMs(this.ctx.config.WEBHOOK_BACKOFF_MS, d.attempts));
    await markAttemptFailed(this.ctx.db, d.id, attempt, retryAt);
    this.ctx.logger.warn(
      { delivery: d.id, attempt: d.attempts, error: attempt.error, retryAt },
      'sampling list delivery failed',
    );
  }

  /**
   * POSTs to a webhook URL, checked again now: the URL itself, and (unless WEBHOOK_ALLOW_PRIVATE) every
   * address the host resolves to when the connection is made.
   */
  private async post(url: string, body: string, headers: Record<string, string>): Promise<number> {
    const allowPrivate = this.ctx.config.WEBHOOK_ALLOW_PRIVATE;
    const problem = webhookUrlProblem(url, allowPrivate);
    if (problem) throw problem;
    return postWebhook({
      url,
      body,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'dsv-webhook/1',
        ...headers,
      },
      timeoutMs: this.ctx.config.WEBHOOK_TIMEOUT_MS,
      ...(allowPrivate ? {} : { lookup: guardedLookup() }),
    });
  }

  private async sendEmail(
    to: string,
    snapshot: SamplingListSnapshot,
    body: string,
    headers: Record<string, string>,
  ): Promise<void> {
    const xlsx = await samplingListXlsx(snapshot);
    const lines = snapshot.entries
      .slice(0, 20)
      .map((e) => `${e.rank}. ${e.supplier}（${e.reasons.length} 类问题，涉及 ${e.schools.length} 所学校）`);
    await sendMail(
      this.ctx.config,
      {
        to,
        subject: `【供货企业名单】${listTitle(snapshot)}`,
        text:
          `${snapshot.district.bureauName} 报送的供货企业名单（共 ${snapshot.entries.length} 家企业），` +
          `请据此开展监督抽查。完整名单见附件。\n\n${lines.join('\n')}\n`,
        headers,
        attachments: [
          { filename: exportFileName(snapshot, 'xlsx'), content: xlsx, contentType: CONTENT_TYPES.xlsx },
          {
            filename: exportFileName(snapshot, 'json'),
            content: Buffer.from(body),
            contentType: CONTENT_TYPES.json,
          },
        ],
      },
      this.ctx.config.WEBHOOK_TIMEOUT_MS,
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}

function describe(e: unknown): string {
  if (e instanceof AppError) return e.userMessage.slice(0, 500);
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const timedOut = e.name === 'TimeoutError' || (cause instanceof Error && cause.name === 'TimeoutError');
    if (timedOut) return '请求超时';
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${e.message}${detail}`.slice(0, 500);
  }
  return String(e).slice(0, 500);
}

export const webhookDeliveryService: Service = {
  name: 'webhook-delivery',
  start: (ctx) => {
    const worker = new DeliveryWorker(ctx);
    ctx.services.webhooks = worker;
    worker.start();
    return Promise.resolve();
  },
  stop: async (ctx) => {
    const worker = ctx.services.webhooks;
    ctx.services.webhooks = deferredServices(ctx.logger).webhooks;
    await worker.stop();
  },
};
