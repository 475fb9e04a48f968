// Placeholder until the openai engine lands (issue "Real completion engines"): fails the run with a clear error.
import type { Engine } from './types';

export const openaiEngine: Engine = {
  name: 'openai',
  async run() {
    throw new Error('The openai engine is not available in this build yet.');
  },
};
