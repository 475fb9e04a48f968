// A dispatch that uses most parts of the payload, for the builder's code snippets: what they compile to
// (test/code-snippets.test.ts) and what they do when run (test/api/code-snippets-run.test.ts).
import type { DispatchRequest } from '@/lib/dispatch/schema';

export const snippetRequest: DispatchRequest = {
  messages: [
    { type: 'backstory', text: 'You help with orders.' },
    { type: 'user', text: 'Where is order 42?', meta: { source: 'web' } },
  ],
  attachments: [{ url: 'https://example.com/invoice.pdf' }],
  contactId: { fingerprint: 'customer-42', name: 'Ann' },
  functions: [
    {
      name: 'getOrder',
      description: 'Look an order up',
      parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      result: { data: { status: 'shipped' } },
    },
  ],
  extensions: {
    backstory: 'Be brief.',
    datasets: [{ name: 'Orders', records: [{ text: 'Order 42 shipped on Monday' }] }],
    features: [{ name: 'time' }],
  },
  model: 'local',
  limits: { iterations: 3 },
};
