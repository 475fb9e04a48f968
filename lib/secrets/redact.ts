// Keeps secrets out of everything the server hands out or prints: the runs API shows a marker instead
// of an ability's secretId, and events and log lines have any configured secret value replaced.
import type { AppConfig } from '../config';
import type { DispatchRequest } from '../dispatch/schema';
import type { ChannelEvent } from '../events';
import { apiSecrets } from './api-secrets';

export const REDACTED = '[redacted]';

/** Shorter values are not searched for: they would match ordinary words and are not secrets anyway. */
const MIN_SECRET_LENGTH = 6;

/**
 * The request as the runs API shows it: every ability's secretId replaced by the marker, and any
 * configured secret or secretId pasted elsewhere (a message, a backstory) replaced too.
 */
export function redactRequest(request: DispatchRequest, configured: readonly string[]): DispatchRequest {
  const scrub = secretScrubber([...configured, ...requestSecretIds(request)]);
  return scrubValue(withoutSecretIds(request), scrub) as DispatchRequest;
}

function withoutSecretIds(request: DispatchRequest): DispatchRequest {
  const skillsets = request.extensions?.skillsets;
  if (!skillsets) return request;
  return {
    ...request,
    extensions: {
      ...request.extensions,
      skillsets: skillsets.map((skillset) => ({
        ...skillset,
        abilities: skillset.abilities.map((ability) =>
          ability.secretId === undefined ? ability : { ...ability, secretId: REDACTED },
        ),
      })),
    },
  };
}

/** Every secret value the server is configured with. */
export function configuredSecrets(
  config: Pick<AppConfig, 'API_SECRET' | 'SESSION_SECRET' | 'OPENAI_API_KEY' | 'CHATBOTKIT_API_KEY'> &
    Partial<Pick<AppConfig, 'SHARE_SECRET'>>,
): string[] {
  return [
    ...apiSecrets(config),
    config.SESSION_SECRET,
    config.SHARE_SECRET,
    config.OPENAI_API_KEY,
    config.CHATBOTKIT_API_KEY,
  ].filter((value): value is string => value !== undefined);
}

export function requestSecretIds(request: DispatchRequest): string[] {
  return (request.extensions?.skillsets ?? []).flatMap((skillset) =>
    skillset.abilities.flatMap((ability) => (ability.secretId ? [ability.secretId] : [])),
  );
}

/** Replaces every occurrence of the given secrets in a string. */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const searched = [...new Set(secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  if (searched.length === 0) return (text) => text;
  return (text) => {
    if (!searched.some((secret) => text.includes(secret))) return text;
    return searched.reduce((result, secret) => result.split(secret).join(REDACTED), text);
  };
}

function scrubValue(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, scrub));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [scrub(key), scrubValue(item, scrub)]),
    );
  }
  return value;
}

/**
 * A filter for a run's events: an event that mentions a configured secret or one of the request's
 * secretIds (an upstream error quoting a key, a model echoing its prompt) is stored with it replaced.
 */
export function eventRedactor(secrets: readonly string[]): (event: ChannelEvent) => ChannelEvent {
  const scrub = secretScrubber(secrets);
  // Detection runs on the event's JSON, where a secret with quotes or backslashes appears escaped.
  const detect = secretScrubber([
    ...secrets,
    ...secrets.map((secret) => JSON.stringify(secret).slice(1, -1)),
  ]);
  return (event) => {
    const text = JSON.stringify(event.data);
    if (detect(text) === text) return event;
    return { ...event, data: scrubValue(event.data, scrub) } as ChannelEvent;
  };
}
