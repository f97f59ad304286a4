/**
 * The district a district-level request is about: the user's own district for bureau/regulator
 * (a different `districtId` is answered NOT_FOUND, like any other tenant's resource), the requested
 * one for admin (required). Also the download helper for exports.
 */
import type { Response } from 'express';
import type { AppContext } from '../context';
import { AppError, notFound } from '../errors';
import { authorize, scopeOf, type Action, type Principal } from '../policies/policy';
import { findDistrict, type District } from '../../models/district.repository';

/**
 * The district id a district-level request is about, without reading the database (districtFor
 * without the look-up): the user's own for bureau/regulator, the requested one for admin (required).
 * The caller still authorises against the district it finds.
 */
export function districtIdFor(user: Principal, action: Action, requested: string | undefined): string {
  const scope = scopeOf(user, action);
  if (!scope) throw new AppError('FORBIDDEN');
  const id = requested ?? (scope === 'any' ? undefined : user.districtId);
  if (!id) {
    throw new AppError('VALIDATION_FAILED', '请指定区县（districtId）', [
      { field: 'query.districtId', message: '请指定区县' },
    ]);
  }
  return id;
}

export async function districtFor(
  ctx: AppContext,
  user: Principal,
  action: Action,
  requested: string | undefined,
): Promise<District> {
  const id = districtIdFor(user, action, requested);
  const d = await findDistrict(ctx.db, id);
  authorize(user, action, { districtId: d?.id ?? null });
  if (!d) throw notFound('区县');
  return d;
}

/**
 * The district filter of a list endpoint: the user's own district (checked like districtFor) for
 * bureau/regulator; for admin the requested district, or undefined (all districts) when none is given.
 */
export async function districtFilter(
  ctx: AppContext,
  user: Principal,
  action: Action,
  requested: string | undefined,
): Promise<string | undefined> {
  const scope = scopeOf(user, action);
  if (!scope) throw new AppError('FORBIDDEN');
  if (scope === 'any' && !requested) return undefined;
  return (await districtFor(ctx, user, action, requested)).id;
}

/** Writes a file download with a UTF-8 file name (RFC 6266 filename*). */
export function sendDownload(res: Response, body: Buffer, contentType: string, fileName: string): undefined {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  res.status(200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', String(body.length));
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
  return undefined;
}
