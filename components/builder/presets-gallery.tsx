'use client';
import { Button } from '@/components/ui/button';
import { BUILDER_PRESETS, type BuilderPreset } from '@/lib/client/builder-presets';

/** Ready-made demos: "Use" loads one into the form, then Dispatch sends it. */
export function PresetsGallery({ onUse }: { onUse: (preset: BuilderPreset) => void }) {
  return (
    <section aria-labelledby="presets-heading" className="space-y-2">
      <h2 id="presets-heading" className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
        Start from a preset
      </h2>
      <ul className="grid gap-2 sm:grid-cols-2 xl:grid-cols-4">
        {BUILDER_PRESETS.map((preset) => (
          <li key={preset.id} className="flex flex-col justify-between gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <div>
              <h3 className="text-sm font-medium">{preset.title}</h3>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">{preset.description}</p>
            </div>
            <Button size="sm" onClick={() => onUse(preset)} aria-label={`Use preset: ${preset.title}`}>
              Use
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
