// Where the dashboard's pages are, for links and navigation.
import { cellOfChannel } from '../experiments/cell-request';

/** A run's own page (its live view). */
export const runPagePath = (channelId: string) => `/runs/${encodeURIComponent(channelId)}`;

/** An experiment's page: its grid or side-by-side answers. */
export const experimentPagePath = (experimentId: string) => `/experiments/${encodeURIComponent(experimentId)}`;

/** Whether the page at `pathname` shows this run's state itself: its own page, or its experiment's. */
export function pageShowsRun(pathname: string, channelId: string): boolean {
  if (pathname === runPagePath(channelId)) return true;
  const experiment = /^\/experiments\/([^/]+)$/.exec(pathname)?.[1];
  return experiment !== undefined && cellOfChannel(decodeURIComponent(experiment), channelId) !== undefined;
}
