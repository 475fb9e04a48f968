import { describe, expect, it } from 'vitest';
import type { DispatchFunction } from '../../dispatch/schema';
import { deriveArguments } from './function-arguments';

const fn = (
  name: string,
  description: string,
  properties: Record<string, Record<string, unknown>>,
): DispatchFunction => ({ name, description, parameters: { type: 'object', properties } });

const lookupInvoice = fn('lookupInvoice', 'Look up an invoice', {
  invoiceId: { type: 'string', description: 'The invoice id' },
  month: { type: 'string', description: 'Month of the invoice' },
});
const getWeather = fn('getWeather', 'Current weather conditions for a city', { city: { type: 'string' } });
const convertCurrency = fn('convertCurrency', 'Convert money between currencies', {
  amount: { type: 'number' },
  from: { type: 'string', enum: ['EUR', 'USD', 'GBP'] },
});
const bookTable = fn('bookTable', 'Reserve a restaurant table', {
  guests: { type: 'integer' },
  time: { type: 'string' },
});
const sendEmail = fn('sendEmail', 'Send an email', {
  to: { type: 'string', format: 'email' },
  topic: { type: 'string', description: 'What the email is about' },
});
const scheduleMeeting = fn('scheduleMeeting', 'Schedule a meeting', {
  day: { type: 'string', format: 'date' },
  attendees: { type: 'array', items: { type: 'string' } },
});
const refundOrder = fn('refundOrder', 'Refund part of an order', {
  orderId: { type: 'string' },
  amount: { type: 'number' },
  reason: { type: 'string', enum: ['damaged', 'late', 'wrong item'] },
});
const openPage = fn('openPage', 'Open a web page', { address: { type: 'string', format: 'uri' } });
const setAlarm = fn('setAlarm', 'Set an alarm', { loud: { type: 'boolean' }, tags: { type: 'array' } });
const trackParcel = fn('trackParcel', 'Where a parcel is', {
  trackingCode: { type: 'string', description: 'The carrier tracking code' },
  destination: { type: 'string' },
});

// Each row: the function, the user's message, and the arguments a person reading it would fill in.
const table: [DispatchFunction, string, Record<string, unknown>][] = [
  [lookupInvoice, 'check INV 5512 March', { invoiceId: 'INV 5512', month: 'March' }],
  [
    lookupInvoice,
    'Please check invoice INV-5512 from March 2024.',
    { invoiceId: 'INV-5512', month: 'March 2024' },
  ],
  [lookupInvoice, 'check invoice INV-5512', { invoiceId: 'INV-5512' }],
  [lookupInvoice, 'what did I pay in 2024-03? the invoice is #A-77', { invoiceId: 'A-77', month: '2024-03' }],
  [lookupInvoice, 'hello there', {}],
  [getWeather, 'What is the weather like in Paris?', { city: 'Paris' }],
  [getWeather, 'weather for city: "New York" please', { city: 'New York' }],
  [getWeather, 'How do refunds work? And is it sunny in San Francisco?', { city: 'San Francisco' }],
  [getWeather, 'what is the weather?', {}],
  [convertCurrency, 'convert 20.5 usd to euros', { amount: 20.5, from: 'USD' }],
  [convertCurrency, 'convert some money', {}],
  [bookTable, 'reserve a table, guests 3.7, time 19:30', { guests: 3, time: '19:30' }],
  [bookTable, 'Book a table for 4 at 19:30 please', { guests: 4, time: '19:30' }],
  [
    sendEmail,
    'email bob@example.com about the quarterly report',
    { to: 'bob@example.com', topic: 'quarterly report' },
  ],
  [scheduleMeeting, 'schedule the meeting on 2025-03-14 with Ana', { day: '2025-03-14' }],
  [
    refundOrder,
    'refund 25 on order ORD-991, it arrived damaged',
    { orderId: 'ORD-991', amount: 25, reason: 'damaged' },
  ],
  [refundOrder, 'refund my order, it was the wrong item', { reason: 'wrong item' }],
  [
    openPage,
    'open https://example.com/pricing?plan=pro.',
    { address: 'https://example.com/pricing?plan=pro' },
  ],
  [setAlarm, 'set an alarm, loud: yes', { loud: true }],
  [
    trackParcel,
    'where is parcel 1Z999AA10123456784 going? It should reach Lisbon',
    { trackingCode: '1Z999AA10123456784' },
  ],
  [
    trackParcel,
    'track parcel 1Z999AA10123456784 to Lisbon',
    { trackingCode: '1Z999AA10123456784', destination: 'Lisbon' },
  ],
];

describe('deriveArguments', () => {
  it.each(table)('%# %o', (definition, message, expected) => {
    expect(deriveArguments(definition, message)).toEqual(expected);
  });

  it('gives each piece of the message to one parameter only', () => {
    const args = deriveArguments(lookupInvoice, 'check INV 5512 March');
    expect(args.invoiceId).not.toEqual(args.month);
  });

  it('fills parameters whose names differ only in case from the same words once', () => {
    const twins = fn('findCity', 'Find a city', { city: { type: 'string' }, City: { type: 'string' } });
    expect(deriveArguments(twins, 'find city: Oslo')).toEqual({ city: 'Oslo', City: 'Oslo' });
    expect(deriveArguments(twins, 'anything in Oslo?')).toEqual({ city: 'Oslo' });
  });
});
