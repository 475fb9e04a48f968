// What a term on screen means, in one sentence, so every screen that explains it says the same.
// A model reads and writes text in tokens: the live run (shown to people) calls them text pieces; the
// operators' screens (overview, runs list) keep the word "tokens" and say what it is.
import type { MESSAGE_TYPES } from '@/lib/dispatch/schema';

export const TEXT_PIECE_MEANING = 'A text piece is a word or part of a word, as the model counts text.';

/** Tied to the live run's word, so one measure does not go by two unrelated names. */
export const TOKEN_MEANING =
  'A token is a word or part of a word, as a model counts text; a run’s own page calls tokens “text pieces”.';

export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * Each type of message in plain words, in the builder's list and on the live page's bubbles: its name and what it is (how engines pass it on:
 * lib/engines/openai/messages.ts). The request keeps its own word (the option's value, and the preview).
 */
export const MESSAGE_TYPE_WORDS: Record<MessageType, { label: string; meaning: string }> = {
  user: { label: 'Person', meaning: 'What the person says.' },
  bot: { label: 'Bot', meaning: 'What the bot said earlier in the conversation.' },
  reasoning: { label: 'Bot’s notes', meaning: 'The bot’s own notes; not sent to the model again.' },
  context: { label: 'Background', meaning: 'Background the bot should know, such as a customer’s details.' },
  instruction: { label: 'Rule', meaning: 'A rule the bot must follow.' },
  backstory: { label: 'Backstory', meaning: 'Who the bot is and how it speaks.' },
  activity: { label: 'What happened', meaning: 'Something that happened, such as a function being called.' },
  checkpoint: { label: 'Summary so far', meaning: 'A summary of the conversation so far.' },
};
