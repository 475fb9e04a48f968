// What a term on screen means, in one sentence, so every screen that explains it says the same.
// A model reads and writes text in tokens: the live run (shown to people) calls them text pieces; the
// operators' screens (overview, runs list) keep the word "tokens" and say what it is.

export const TEXT_PIECE_MEANING = 'A text piece is a word or part of a word, as the model counts text.';

export const TOKEN_MEANING = 'A token is a word or part of a word, as a model counts text.';
