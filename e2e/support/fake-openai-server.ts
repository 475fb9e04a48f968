// The fake OpenAI-compatible upstream as its own process, for the e2e server that compares engines
// (playwright.config.ts starts it on E2E_PORT + 3). Every request gets the same short streamed reply.
import { startFakeOpenAi, textReply } from '../../test/support/fake-openai';

const port = Number(process.env.FAKE_OPENAI_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('Set FAKE_OPENAI_PORT');
const fake = await startFakeOpenAi(textReply('The fake model says your order ships on Monday.'), port);
console.log(`fake OpenAI-compatible upstream at ${fake.url}`);
