// Notices for the dashboard's toasts: the caller's runs that failed or started waiting since a cursor.
import { z } from 'zod';
import type { RunStore } from '../store/types';

const READ_LIMIT = 200;

export const noticeQuerySchema = z.object({ after: z.string().max(64).optional() });

export interface DashboardNotice {
  id: string;
  channelId: string;
  status: 'failed' | 'waiting';
  title: string;
  at: number;
}

/**
 * Without `after`, only the cursor of now (a freshly opened dashboard announces nothing old). The
 * cursor moves past other owners' notices too, so a poll never reads them again.
 */
export async function noticesSince(
  store: RunStore,
  owner: string,
  after: string | undefined,
): Promise<{ cursor: string | null; items: DashboardNotice[] }> {
  if (after === undefined) return { cursor: (await store.lastNoticeId()) ?? null, items: [] };
  const notices = await store.readNotices(after === '' ? undefined : after, READ_LIMIT);
  const mine = notices.filter(
    (notice) => notice.owner === owner && (notice.status === 'failed' || notice.status === 'waiting'),
  );
  const items = await Promise.all(
    mine.map(async (notice) => ({
      id: notice.id,
      channelId: notice.channelId,
      status: notice.status as 'failed' | 'waiting',
      title: (await store.getRun(notice.channelId))?.title ?? '',
      at: notice.at,
    })),
  );
  return { cursor: notices.at(-1)?.id ?? after, items };
}
