// The local engine's public surface: the engine the registry loads, and a factory for a fixed clock.
import { createLocalEngine } from './local-engine';

export { createLocalEngine, type LocalEngineOptions } from './local-engine';

export const localEngine = createLocalEngine();
