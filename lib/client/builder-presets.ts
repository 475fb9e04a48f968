// Ready-made requests for demos: each shows one thing the product does, and dispatches in two clicks.
import type { DispatchRequest } from '../dispatch/schema';

export interface BuilderPreset {
  id: string;
  title: string;
  description: string;
  request: DispatchRequest;
}

export const BUILDER_PRESETS: BuilderPreset[] = [
  {
    id: 'support-dataset',
    title: 'Support bot with a dataset',
    description: 'Answers a customer from the help-centre articles it is given.',
    request: {
      messages: [{ type: 'user', text: 'How do I reset my password?' }],
      extensions: {
        backstory: 'You are Ava, a friendly support agent for Acme Cloud.',
        datasets: [
          {
            name: 'Help centre',
            description: 'Acme Cloud help articles',
            records: [
              { text: 'To reset your password, open Settings, choose Security and click Reset password. A link arrives by email.' },
              { text: 'Invoices are emailed on the first day of each month and can be downloaded under Billing.' },
              { text: 'Two-factor authentication can be turned on under Settings, Security.' },
            ],
          },
        ],
      },
    },
  },
  {
    id: 'static-function',
    title: 'Order lookup with a fixed answer',
    description: 'The bot looks up an order with a function whose answer is set in advance.',
    request: {
      messages: [{ type: 'user', text: 'What is the status of my order 1234?' }],
      functions: [
        {
          name: 'getOrderStatus',
          description: 'Looks up the status of an order',
          parameters: {
            type: 'object',
            properties: { orderId: { type: 'string', description: 'The order number' } },
            required: ['orderId'],
          },
          result: { data: { orderId: '1234', status: 'shipped', eta: 'Friday' } },
        },
      ],
    },
  },
  {
    id: 'channel-function',
    title: 'Refund that waits for a person’s approval',
    description: 'The bot asks a person to approve a refund and waits for their answer.',
    request: {
      messages: [{ type: 'user', text: 'Please approve my refund of 40 euros.' }],
      functions: [
        {
          name: 'requestApproval',
          description: 'Asks a person to approve a refund',
          parameters: { type: 'object', properties: { amount: { type: 'number', description: 'Refund amount' } } },
          result: { channel: 'refund-approvals' },
          call: { start: true },
        },
      ],
    },
  },
  {
    id: 'skillset-backstory',
    title: 'Travel helper with skills',
    description: 'A travel helper that picks the skill that fits the question.',
    request: {
      messages: [{ type: 'user', text: 'Can you translate good morning into French?' }],
      extensions: {
        backstory: 'You are Marco, a cheerful travel assistant who keeps answers short.',
        skillsets: [
          {
            name: 'Travel skills',
            abilities: [
              { name: 'translate', description: 'Translate phrases between languages', instruction: 'Give the translation and how to pronounce it.' },
              { name: 'weather', description: 'Describe the weather at a destination', instruction: 'Mention the season and what to pack.' },
            ],
          },
        ],
      },
    },
  },
];
