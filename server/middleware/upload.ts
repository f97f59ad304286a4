/**
 * multer 2 for document uploads (STYLE.md G9): files stream into UPLOAD_DIR/tmp/ under a server-chosen
 * name while their SHA-256 is computed; limits from the configuration; a synchronous filter. Whatever
 * is still in tmp/ when the response ends (a refused file, a validation error, a client that hung up)
 * is removed, so an upload never leaves files behind.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer, { type StorageEngine } from 'multer';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { authorize, type Principal } from '../policies/policy';
import type { FileStore, UploadedFile } from '../storage/file-store';

/** Most files in one upload request. */
export const MAX_FILES_PER_UPLOAD = 20;

/** The form field carrying the files. */
export const UPLOAD_FIELD = 'files';

/** A file as multer hands it to the handler after our storage engine wrote it. */
export type { UploadedFile };

const TMP_FILES = Symbol('uploadTmpFiles');
type WithTmp = Request & { [TMP_FILES]?: Set<string> };

class HashingStorage implements StorageEngine {
  constructor(private readonly store: FileStore) {}

  _handleFile(
    req: Request,
    file: Express.Multer.File,
    cb: (error?: unknown, info?: Partial<UploadedFile>) => void,
  ) {
    const tracked = ((req as WithTmp)[TMP_FILES] ??= new Set());
    this.store.writeTemp(file.stream).then(
      (tmp) => {
        tracked.add(tmp.tmpPath);
        cb(null, { ...tmp, originalName: displayName(file.originalname) });
      },
      (err: unknown) => cb(err),
    );
  }

  _removeFile(
    _req: Request,
    file: Express.Multer.File & Partial<UploadedFile>,
    cb: (error: Error | null) => void,
  ) {
    if (!file.tmpPath) return cb(null);
    this.store.removeTemp(file.tmpPath).then(
      () => cb(null),
      (err: unknown) => cb(err as Error),
    );
  }
}

/**
 * Middleware list for the upload route: refuse early (before reading the body) anyone who may not
 * upload, then multer, with tmp clean-up tied to the end of the response.
 */
export function uploadMiddleware(ctx: AppContext, store: () => FileStore): RequestHandler[] {
  const limits = {
    fileSize: ctx.config.MAX_UPLOAD_MB * 1024 * 1024,
    files: MAX_FILES_PER_UPLOAD,
    fields: 50,
    fieldSize: 64 * 1024,
    parts: MAX_FILES_PER_UPLOAD + 50,
  };
  let mw: RequestHandler | undefined;
  const getMulter = () =>
    (mw ??= multer({
      storage: new HashingStorage(store()),
      limits,
      // Browsers send UTF-8 file names; anything undecodable becomes U+FFFD (display only).
      defParamCharset: 'utf8',
      // Synchronous allow-all: the real type is sniffed from the bytes afterwards (G9, GHSA-qvfw-j98x-7q72).
      fileFilter: (_req, _file, cb) => cb(null, true),
    }).array(UPLOAD_FIELD, MAX_FILES_PER_UPLOAD));
  const guard: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user as Principal | undefined;
    if (!user) return next(new AppError('UNAUTHENTICATED'));
    try {
      authorize(user, 'document.upload');
    } catch (e) {
      return next(e);
    }
    if (!req.is('multipart/form-data')) {
      return next(new AppError('BAD_REQUEST', '请以 multipart/form-data 方式上传文件（字段名 files）'));
    }
    const cleanup = () => {
      const tracked = (req as WithTmp)[TMP_FILES];
      if (!tracked) return;
      for (const p of tracked) {
        void store()
          .removeTemp(p)
          .catch(() => undefined);
      }
      tracked.clear();
    };
    res.once('finish', cleanup);
    res.once('close', cleanup);
    next();
  };
  // A body that is not valid multipart (no boundary, a truncated or malformed part) fails inside
  // busboy with a plain Error: that is the client's fault, 400. Our own errors and system errors
  // (disk full) keep their meaning.
  const run: RequestHandler = (req, res, next) =>
    getMulter()(req, res, (err?: unknown) => next(err === undefined ? undefined : multipartError(err)));
  return [guard, run];
}

function multipartError(err: unknown): unknown {
  if (err instanceof AppError || err instanceof multer.MulterError) return err;
  const sys = err as NodeJS.ErrnoException;
  if (sys && typeof sys === 'object' && (sys.errno !== undefined || sys.syscall !== undefined)) return err;
  return new AppError('BAD_REQUEST', '上传内容不是有效的 multipart/form-data 格式', undefined, {
    cause: err,
  });
}

/** The files multer stored for this request. */
export function uploadedFiles(req: Request): UploadedFile[] {
  const files = req.files;
  return Array.isArray(files) ? (files as unknown as UploadedFile[]) : [];
}

/**
 * A client file name made safe for display: last path segment only, no control characters,
 * at most 200 characters. Never used as a path.
 */
export function displayName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/\p{Cc}|\p{Cf}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const safe = cleaned === '' || cleaned === '.' || cleaned === '..' ? '未命名文件' : cleaned;
  return [...safe].slice(0, 200).join('');
}
