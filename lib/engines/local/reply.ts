// Builds the reply text from what the run found. Each finding gets its own paragraph so the reply reads
// as a report of the engine's work; the same findings always give the same text.
import type { ChosenAbility } from './abilities';
import type { AppliedBackstory } from './backstory';
import type { FunctionCallRecord } from '../function-results';
import type { RetrievedRecord } from '../retrieval/retrieval';
import { describeFunctionResult } from './result-text';
import { truncate } from './text';

export interface ReplyFindings {
  /** The latest user message; undefined when the conversation has none yet. */
  userText?: string;
  backstory?: AppliedBackstory;
  ability?: ChosenAbility;
  /** The answer to a time question. */
  time?: string;
  calls: readonly FunctionCallRecord[];
  records: readonly RetrievedRecord[];
  callsAfterReply: readonly string[];
  skippedCalls: readonly string[];
  callLimit: number;
}

const QUOTE_LENGTH = 300;

function greeting(backstory: AppliedBackstory | undefined): string[] {
  if (backstory?.persona) return [`Hello, I'm ${backstory.persona}. How can I help?`];
  const hello =
    "Hello! Send a message and the local engine will answer from this request's datasets, functions and skillsets.";
  return backstory ? [hello, backstory.opening] : [hello];
}

export function composeReply(findings: ReplyFindings): string {
  const { userText, backstory, ability, time, calls, records } = findings;
  const paragraphs = userText === undefined ? greeting(backstory) : backstory ? [backstory.opening] : [];

  if (ability) {
    const from = ability.skillset ? ` from ${ability.skillset}` : '';
    paragraphs.push(
      `Applying the "${ability.name}" ability${from}: ${truncate(ability.instruction, QUOTE_LENGTH)}`,
    );
  }
  if (time) paragraphs.push(time);
  for (const call of calls) paragraphs.push(describeFunctionResult(call.name, call.result, QUOTE_LENGTH));
  if (records.length > 0) {
    const lines = records.map((record) => `- "${truncate(record.text, QUOTE_LENGTH)}" (${record.dataset})`);
    paragraphs.push(['From the datasets:', ...lines].join('\n'));
  }
  if (userText !== undefined && !ability && !time && calls.length === 0 && records.length === 0) {
    // Said for people watching a demo, who do not know what a dataset is: why there is no answer, and what gives one.
    // It opens with their words, so a grid of such replies (one line each) still tells its inputs apart.
    paragraphs.push(
      `"${truncate(userText, 120)}" is not covered by any dataset, function or skill this conversation gives me. I'm the built-in demo engine: I answer only from those, so add one that does and I'll answer from it.`,
    );
  }
  if (findings.callsAfterReply.length > 0) {
    paragraphs.push(`After this reply I will call ${findings.callsAfterReply.join(', ')}.`);
  }
  if (findings.skippedCalls.length > 0) {
    paragraphs.push(
      `Not called because limits.calls is ${findings.callLimit}: ${findings.skippedCalls.join(', ')}.`,
    );
  }
  return paragraphs.join('\n\n');
}
