// Cancel or retry many runs in one request (the runs list's selection): each run is acted on as its own
// cancel / retry would be, a few at a time, and each refusal is reported with its run instead of failing
// the whole request. One request for a thousand runs, not a thousand from the browser.
import { z } from 'zod';
import { isApiError } from '../errors';
import { mapAtMost } from '../map-at-most';
import { getLogger } from '../ops/logger';
import { RUN_ACTIONS_MAX, type RunActionKind, type RunActionsResult } from './run-actions-shape';
import type { RunService } from './service';

/** How many runs are acted on at once: each is a few store writes and a queue call. */
const AT_ONCE = 8;

export const runActionsSchema = z
  .object({
    action: z.enum(['cancel', 'retry'] as const satisfies readonly RunActionKind[]),
    channelIds: z
      .array(z.string().min(1))
      .min(1)
      .max(RUN_ACTIONS_MAX)
      .refine((ids) => new Set(ids).size === ids.length, 'Name each run once'),
  })
  .strict();

/** Acts on each run, at most AT_ONCE at a time; the results keep the order of `channelIds`. */
export async function applyRunActions(
  service: Pick<RunService, 'cancelRun' | 'retryRun'>,
  owner: string,
  { action, channelIds }: z.infer<typeof runActionsSchema>,
): Promise<RunActionsResult> {
  const actOn = async (channelId: string) => {
    if (action === 'cancel') {
      await service.cancelRun(channelId, owner);
      return { channelId };
    }
    return { channelId, retriedAs: (await service.retryRun(channelId, owner)).channelId };
  };
  const outcomes = await mapAtMost(channelIds, AT_ONCE, (channelId) =>
    actOn(channelId).catch((error: unknown) => refusalOf(channelId, error)),
  );
  return {
    action,
    done: outcomes.filter((outcome) => !('code' in outcome)),
    failures: outcomes.filter((outcome) => 'code' in outcome),
  };
}

/** A run's refusal in the words its own request would have had; anything unexpected is logged, not told. */
function refusalOf(channelId: string, error: unknown): RunActionsResult['failures'][number] {
  if (isApiError(error)) return { channelId, code: error.code, message: error.message };
  getLogger().error({ err: error, channelId }, 'a run action failed unexpectedly');
  return { channelId, code: 'INTERNAL_ERROR', message: 'Internal server error' };
}
