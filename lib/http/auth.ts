// Who is calling. Until API_SECRET is configured every caller is the single "public" owner.
import type { AppConfig } from '../config';

export const PUBLIC_OWNER = 'public';

export function authenticateRequest(_request: Request, _config: AppConfig): string {
  return PUBLIC_OWNER;
}
