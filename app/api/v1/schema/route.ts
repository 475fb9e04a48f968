import { dispatchJsonSchema } from '@/lib/dispatch/schema';
import { apiRoute, json } from '@/lib/http/api-route';

export const GET = apiRoute(async () => json(dispatchJsonSchema()));
