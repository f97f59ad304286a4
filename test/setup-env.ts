// Integration tests: quiet logs, a high login rate limit (one test lowers it on purpose), no demo data.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.LOGIN_RATE_LIMIT ??= '1000';
process.env.DEMO_ON_EMPTY = '0';
