// Any /api path no route has: a JSON 404 like every other API refusal (not Next's HTML page), told
// without a secret, as the wire layer tells it for /api/v1.
import { unknownApiPath } from '@/lib/errors';
import { refuseApiRequest } from '@/lib/http/api-route';
import { toResponse } from '@/lib/http/lean-answer';

const refuse = (request: Request) => refuseApiRequest(request, unknownApiPath(), 'next').then(toResponse);

export { refuse as GET, refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
