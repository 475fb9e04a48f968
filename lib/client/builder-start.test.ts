// The builder's starting form, read against a real Storage-shaped map (Node has no localStorage).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveDraft } from './builder-draft';
import { emptyBuilderForm } from './builder-form';
import { BUILDER_HANDOFF_KEY, handOffToBuilder, settleBuilderHandoff } from './builder-handoff';
import { startingBuilderForm } from './builder-start';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, String(value));
  removeItem = (key: string) => void this.items.delete(key);
}

const draftWith = (text: string) => {
  const form = emptyBuilderForm('UTC');
  form.messages[0]!.text = text;
  return form;
};

describe("the builder's starting form", () => {
  beforeEach(() => {
    Object.assign(globalThis, { localStorage: new MemoryStorage() });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('gives the same handed-over request each time it is read before the builder mounts, keeping the draft for Undo', () => {
    saveDraft(draftWith('My unsent draft'));
    handOffToBuilder({ messages: [{ type: 'user', text: 'repeat 3' }] });
    // React may render the builder, discard that render and render again: both must see the hand-off.
    const first = startingBuilderForm(true, 'UTC');
    const second = startingBuilderForm(true, 'UTC');
    for (const start of [first, second]) {
      expect(start.form.messages[0]?.text).toBe('repeat 3');
      expect(start.replacedDraft?.messages[0]?.text).toBe('My unsent draft');
    }
  });

  it('loads the draft once the builder has mounted and settled the hand-off', () => {
    saveDraft(draftWith('My unsent draft'));
    handOffToBuilder({ messages: [{ type: 'user', text: 'repeat 3' }] });
    startingBuilderForm(true, 'UTC');
    settleBuilderHandoff();
    expect(localStorage.getItem(BUILDER_HANDOFF_KEY)).toBeNull();
    const reloaded = startingBuilderForm(true, 'UTC');
    expect(reloaded.form.messages[0]?.text).toBe('My unsent draft');
    expect(reloaded.replacedDraft).toBeUndefined();
  });

  it('ignores a hand-off unless the builder was opened to import it', () => {
    handOffToBuilder({ messages: [{ type: 'user', text: 'repeat 3' }] });
    const start = startingBuilderForm(false, 'UTC');
    expect(start.form.messages[0]?.text).toBe('');
    expect(start.hadDraft).toBe(false);
  });
});
