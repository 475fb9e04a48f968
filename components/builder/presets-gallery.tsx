'use client';
// Ready-made demos: "Use" loads one into the form, then Dispatch sends it. The gallery folds away for
// someone already working (a draft, a preset picked, Dispatch pressed) so it does not push the form down,
// and opens again from its summary.
import { Button } from '@/components/ui/button';
import { BUILDER_PRESETS, type BuilderPreset } from '@/lib/client/builder-presets';

interface PresetsGalleryProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onUse: (preset: BuilderPreset) => void;
}

export function PresetsGallery({ open, onOpenChange, onUse }: PresetsGalleryProps) {
  return (
    <details
      open={open}
      onToggle={(event) => onOpenChange(event.currentTarget.open)}
      data-testid="presets-gallery"
      className="group space-y-2"
    >
      <summary className="cursor-pointer text-sm font-semibold pointer-coarse:py-3 text-zinc-700 dark:text-zinc-300">
        Start from a preset
        <span className="font-normal text-zinc-600 group-open:hidden dark:text-zinc-400"> ({BUILDER_PRESETS.length} ready-made conversations)</span>
      </summary>
      <ul className="mt-2 grid gap-2 sm:grid-cols-2 xl:grid-cols-4">
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
    </details>
  );
}
