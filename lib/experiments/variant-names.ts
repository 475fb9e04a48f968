// What a variant is called wherever it appears: the setup card's heading, warnings and errors, the
// comparison's columns, the batch grid and the exports. Its name is that word, so names must differ.

interface Named {
  label: string;
}

/** The variant's name, or its place ("Variant 2") while the name is empty. */
export const variantName = (variant: Named, index: number) => variant.label.trim() || `Variant ${index + 1}`;

/** Whether two names are one (ignoring case and spaces at the ends): a variant could not be told from the other. */
export const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A name for a variant added at the end that no variant has yet ("Variant 3"). */
export function nextVariantLabel(variants: readonly Named[]): string {
  for (let number = variants.length + 1; ; number += 1) {
    const label = `Variant ${number}`;
    if (!variants.some((variant) => sameName(variant.label, label))) return label;
  }
}

/** Variants named like one before them (ignoring case and spaces at the ends), by index, with the problem. */
export function repeatedVariantNames(variants: readonly Named[]): { index: number; message: string }[] {
  return variants.flatMap((variant, index) =>
    variant.label.trim() !== '' &&
    variants.slice(0, index).some((before) => sameName(before.label, variant.label))
      ? [
          {
            index,
            message: `Another variant is called “${variant.label.trim()}”. Give each variant its own name.`,
          },
        ]
      : [],
  );
}
