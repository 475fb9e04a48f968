// What a run gets when its request leaves a setting out: read by the engines and, for its hints, the builder
// (kept apart from lib/config.ts, which reads the environment on the server).
/** What a request gets for what it leaves out; every engine and route reads them from here. */
export const REQUEST_DEFAULTS = {
  /** Each engine's model when the request names none (the openai engine: unless OPENAI_MODEL is set). */
  model: { local: 'local', openai: 'gpt-4o-mini', chatbotkit: 'chatbotkit' },
  /** limits.iterations (model turns) and limits.calls (function calls) of a run. */
  limits: { iterations: 8, calls: 8 },
  /** How long a share link works when the request gives no expiresInSeconds: 24 hours. */
  shareLinkMs: 24 * 60 * 60 * 1000,
} as const;
