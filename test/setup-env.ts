// Integration tests: quiet logs, a high login rate limit (one test lowers it on purpose), no demo data,
// and webhooks may reach the receivers tests start on 127.0.0.1 (test/district/webhook-ssrf.test.ts turns
// this off to test the guard).
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.LOGIN_RATE_LIMIT ??= '1000';
process.env.DEMO_ON_EMPTY = '0';
process.env.WEBHOOK_ALLOW_PRIVATE ??= 'true';
