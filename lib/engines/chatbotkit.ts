// Placeholder until the chatbotkit engine lands (issue "Real completion engines"): fails the run with a clear error.
import type { Engine } from './types';

export const chatbotkitEngine: Engine = {
  name: 'chatbotkit',
  async run() {
    throw new Error('The chatbotkit engine is not available in this build yet.');
  },
};
