import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../context';
import { recomputeVerificationFor } from './verification-hook';

test('Without server/use-cases/recompute.ts the verification hook is a logged no-op', async () => {
  if (fs.existsSync(path.join(__dirname, '../use-cases/verification/recompute.ts'))) return; // the verifier is wired in
  const debug = jest.fn();
  const ctx = { logger: { debug } } as unknown as AppContext;
  await expect(
    recomputeVerificationFor(ctx, '00000000-0000-4000-8000-000000000000'),
  ).resolves.toBeUndefined();
  expect(debug).toHaveBeenCalled();
});
