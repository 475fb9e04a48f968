// Who may scrape /api/metrics: anyone when API_SECRET is unset (the server then listens on 127.0.0.1
// unless told otherwise); otherwise a Bearer API secret or METRICS_TOKEN (compared in constant time).
import type { AppConfig } from '../config';
import { unauthorized } from '../http/auth';
import { apiSecrets, matchSecret } from '../secrets/api-secrets';

export function authorizeMetricsScrape(authorization: string | null | undefined, config: AppConfig): void {
  const accepted = [...apiSecrets(config), ...(config.METRICS_TOKEN ? [config.METRICS_TOKEN] : [])];
  if (!config.API_SECRET && !config.METRICS_TOKEN) return;
  const token = authorization?.match(/^Bearer\s+(.+)$/i)?.[1].trim();
  if (token === undefined || !matchSecret(token, accepted)) throw unauthorized();
}
