export default function BuilderPage() {
  return (
    <section>
      <h1 className="text-2xl font-semibold">Builder</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">The dispatch builder is being built.</p>
    </section>
  );
}
