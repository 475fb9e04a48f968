// Any /api path no route has: a JSON 404 like every other API refusal, not Next's HTML page.
import { unknownApiPath } from '@/lib/errors';
import { apiRoute } from '@/lib/http/api-route';

const refuse = apiRoute(async () => {
  throw unknownApiPath();
});

export { refuse as GET, refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
