import { describe, expect, it } from 'vitest';
import { createExperimentSchema } from './schema';
import { nextVariantLabel, repeatedVariantNames, variantName } from './variant-names';

describe('what a variant is called on screen', () => {
  it('is its name, or its place while the name is empty', () => {
    expect(variantName({ label: ' As in the builder ' }, 0)).toBe('As in the builder');
    expect(variantName({ label: '  ' }, 1)).toBe('Variant 2');
  });

  it('gives an added variant a name no other variant has, also after one was removed', () => {
    expect(nextVariantLabel([{ label: 'As in the builder' }, { label: 'Variant 2' }])).toBe('Variant 3');
    // "Variant 2" was removed: the next "Variant 3" would repeat the one still there.
    expect(nextVariantLabel([{ label: 'As in the builder' }, { label: 'Variant 3' }])).toBe('Variant 4');
  });

  it('finds a name used twice, ignoring case and spaces at the ends, on the later variant', () => {
    expect(repeatedVariantNames([{ label: 'Ava' }, { label: 'Bo' }, { label: ' ava' }])).toEqual([
      { index: 2, message: 'Another variant is called “ava”. Give each variant its own name.' },
    ]);
    expect(repeatedVariantNames([{ label: 'Ava' }, { label: 'Bo' }])).toEqual([]);
  });

  it('is refused by the create schema when two variants share it, on the later one’s name field', () => {
    const parsed = createExperimentSchema.safeParse({
      kind: 'compare',
      request: { messages: [{ type: 'user', text: 'Hi' }] },
      variants: [{ label: 'Ava' }, { label: 'Ava', backstory: 'You are Ava.' }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['variants.1.label', 'Another variant is called “Ava”. Give each variant its own name.'],
    ]);
  });
});
