import { listEngines } from '@/lib/engines';
import { apiRoute, json } from '@/lib/http/api-route';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = apiRoute(async ({ runtime }) => json({ engines: listEngines(runtime.config) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
