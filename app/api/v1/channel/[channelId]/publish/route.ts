// Served by the lean wire server under `npm start` (lib/server/wire-server.ts); by Next under `next dev`.
import { apiRoute } from '@/lib/http/api-route';
import { publishToChannel, type ChannelParams } from '@/lib/server/wire-routes';

export const POST = apiRoute<ChannelParams>(publishToChannel);
