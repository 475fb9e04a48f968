// Validating a large body in pieces gives what validating it whole gives: the same request, or the same
// problems at the same paths, in the same (plain) words.
import { describe, expect, it } from 'vitest';
import { largestDatasetsRequest } from '../../test/support/large-datasets';
import { parseDispatchRequestInTurns } from './parse-in-turns';
import { dispatchRequestSchema } from './schema';
import { plainIssues } from '../plain-issues';

const problems = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`).sort();

describe('parseDispatchRequestInTurns', () => {
  it('gives the request validating it whole gives, for 16 × 5,000 records', async () => {
    const body = largestDatasetsRequest();
    const whole = dispatchRequestSchema.safeParse(body, { error: plainIssues });
    const inTurns = await parseDispatchRequestInTurns(body);
    expect(whole.success && inTurns.success).toBe(true);
    expect(inTurns.success && inTurns.data).toEqual(whole.data);
  });

  it('finds every problem, in the records and elsewhere, at the paths validating it whole gives', async () => {
    const body = largestDatasetsRequest() as Record<string, unknown> &
      ReturnType<typeof largestDatasetsRequest>;
    body.extensions.datasets[3].records[4_321] = { text: '' };
    (body.extensions.datasets[15].records[0] as Record<string, unknown>).colour = 'red';
    body.messages[0] = { type: 'shout', text: 'hi' } as never;
    (body as Record<string, unknown>).botId = 'bot-1';
    (body as Record<string, unknown>).model = 'local';
    const whole = dispatchRequestSchema.safeParse(body, { error: plainIssues });
    const inTurns = await parseDispatchRequestInTurns(body);
    expect(inTurns.success).toBe(false);
    expect(problems(inTurns)).toEqual(problems(whole));
    expect(problems(inTurns)).toContain('extensions.datasets.3.records.4321.text: Write the record text');
  });

  it('refuses too many records in a dataset as validating it whole does', async () => {
    const body = largestDatasetsRequest();
    body.extensions.datasets[7].records.push({ text: 'one too many' });
    expect(problems(await parseDispatchRequestInTurns(body))).toEqual(
      problems(dispatchRequestSchema.safeParse(body, { error: plainIssues })),
    );
  });

  it('validates a body with few records, or malformed datasets, in one go', async () => {
    for (const body of [
      { messages: [{ type: 'user', text: 'hi' }], extensions: { datasets: [{ records: [{ text: 'a' }] }] } },
      { messages: [], extensions: { datasets: 'many' } },
      { messages: [], extensions: { datasets: [null, { records: 3 }] } },
    ]) {
      const whole = dispatchRequestSchema.safeParse(body, { error: plainIssues });
      const inTurns = await parseDispatchRequestInTurns(body);
      expect(inTurns.success).toBe(whole.success);
      expect(problems(inTurns)).toEqual(problems(whole));
    }
  });
});
