/** Reading contracts within the user's scope: the list, and one contract with the reports on each line. */
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { authorize, listScope, type Principal } from '../../policies/policy';
import { findContract, listContracts } from '../../../models/contract-query.repository';
import { listLinks } from '../../../models/line-report.repository';

/** The contracts in the user's scope; a district-wide reader may narrow to one school. */
export async function listVisibleContracts(
  ctx: AppContext,
  user: Principal,
  q: { schoolId?: string; limit: number; offset: number },
) {
  const scope = listScope(user, 'contract.read');
  return listContracts(ctx.db, {
    ...scope,
    ...(q.schoolId && !scope.schoolId ? { schoolId: q.schoolId } : {}),
    limit: q.limit,
    offset: q.offset,
  });
}

/** One contract with its lines and every report linked to them. */
export async function contractWithLinks(ctx: AppContext, user: Principal, id: string) {
  const c = await findContract(ctx.db, id);
  authorize(user, 'contract.read', {
    districtId: c?.districtId ?? null,
    schoolId: c?.contract.schoolId ?? null,
  });
  if (!c) throw notFound('合同');
  const links = await listLinks(
    ctx.db,
    c.lines.map((l) => l.id),
  );
  return { contract: c, links };
}
