/**
 * Anything no route or static file answered. Browsers get a small Chinese page with a way back to
 * the start page; programs get the JSON error shape (code NOT_FOUND). Never Express's English page.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors';

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>页面不存在 - 双送检核验</title></head>
<body>
<main>
<h1>页面不存在</h1>
<p>您访问的地址不存在或已被移除。</p>
<p><a href="/">返回首页</a></p>
</main>
</body>
</html>
`;

export function pageNotFound(req: Request, res: Response, next: NextFunction): void {
  if ((req.method === 'GET' || req.method === 'HEAD') && req.accepts(['json', 'html']) === 'html') {
    res.status(404).type('html').send(PAGE);
    return;
  }
  next(new AppError('NOT_FOUND', '页面或接口不存在'));
}
