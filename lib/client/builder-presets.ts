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
    description: 'Answers a customer from help-centre records it finds with full-text search.',
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
    title: 'Function with a static result',
    description: 'Calls getOrderStatus and uses the data you fixed as its answer.',
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
    title: 'Function answered on a channel',
    description: 'The run waits until someone publishes the result on the approvals channel.',
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
    title: 'Skillset ability with a backstory',
    description: 'A travel persona that picks the matching ability for the question.',
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
