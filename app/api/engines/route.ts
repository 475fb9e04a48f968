import { listEngines } from '@/lib/engines';
import { apiRoute, json } from '@/lib/http/api-route';

export const GET = apiRoute(async ({ runtime }) => json({ engines: listEngines(runtime.config) }));
