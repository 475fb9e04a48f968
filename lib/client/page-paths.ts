// Where the dashboard's pages are, for links and navigation.

/** A run's own page (its live view). */
export const runPagePath = (channelId: string) => `/runs/${encodeURIComponent(channelId)}`;
