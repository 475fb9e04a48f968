// Where each form field sits on the page and what a person calls it: the section that holds it, its
// human label ("Function 1 › Parameter 2 › Name", numbered from 1) and its place in page order. The
// error summary and the section badges read these, so the summary matches what is on screen.

export const BUILDER_SECTIONS = [
  { id: 'section-messages', title: 'Messages' },
  { id: 'section-model', title: 'Bot or model' },
  { id: 'section-backstory', title: 'Backstory' },
  { id: 'section-datasets', title: 'Datasets' },
  { id: 'section-functions', title: 'Functions' },
  { id: 'section-skillsets', title: 'Skillsets' },
  { id: 'section-features', title: 'Features' },
  { id: 'section-attachments', title: 'Attachments' },
  { id: 'section-contact', title: 'Contact' },
  { id: 'section-options', title: 'Limits, channel and timezone' },
] as const;

export type BuilderSectionId = (typeof BUILDER_SECTIONS)[number]['id'];

/** The section of a field, by the start of its dotted name. */
export function sectionOf(path: string): BuilderSectionId {
  const [head, second] = path.split('.');
  if (head === 'messages') return 'section-messages';
  if (head === 'extensions') {
    if (second === 'datasets') return 'section-datasets';
    if (second === 'skillsets') return 'section-skillsets';
    if (second === 'features') return 'section-features';
    return 'section-backstory';
  }
  if (head === 'functions') return 'section-functions';
  if (head === 'attachments') return 'section-attachments';
  if (head === 'contact') return 'section-contact';
  if (head === 'limits' || head === 'channelId' || head === 'timezone') return 'section-options';
  return 'section-model';
}

/** List names → what one item is called on screen. */
const ITEM_NAMES: Record<string, string> = {
  messages: 'Message',
  attachments: 'Attachment',
  functions: 'Function',
  parameterRows: 'Parameter',
  datasets: 'Dataset',
  records: 'Record',
  skillsets: 'Skillset',
  abilities: 'Ability',
  features: 'Feature',
};

/** Field names → their label, in the order they appear within their card (page order). */
const FIELD_LABELS: [string, string][] = [
  ['type', 'Type'],
  ['text', 'Text'],
  ['target', 'Answer with'],
  ['botId', 'Bot id'],
  ['model', 'Model'],
  ['modelSettings', 'Model settings'],
  ['temperature', 'Temperature'],
  ['maxTokens', 'Max tokens'],
  ['datasetId', 'Dataset id'],
  ['skillsetId', 'Skillset id'],
  ['privacy', 'Privacy mode'],
  ['moderation', 'Moderation'],
  ['backstory', 'Backstory'],
  ['mode', 'Contact'],
  ['id', 'Contact id'],
  ['fingerprint', 'Fingerprint'],
  ['name', 'Name'],
  ['secretId', 'Secret id'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['nick', 'Nick'],
  ['description', 'Description'],
  ['instruction', 'Instruction'],
  ['parametersMode', 'Parameters'],
  ['parametersJson', 'Parameters (JSON Schema)'],
  ['parameterRows', 'Parameters'],
  // The request's own names, met in the problems of an imported file.
  ['parameters', 'Parameters'],
  ['enumValues', 'Allowed values'],
  ['required', 'Required'],
  ['resultMode', 'Result'],
  ['resultData', 'Result data'],
  ['resultChannel', 'Answer channel'],
  ['result', 'Result'],
  ['data', 'Result data'],
  ['call', 'Call'],
  ['start', 'Call at the start'],
  ['end', 'Call at the end'],
  ['records', 'Records'],
  ['abilities', 'Abilities'],
  ['options', 'Options'],
  ['url', 'URL'],
  ['meta', 'Meta'],
  ['limits', 'Limits'],
  ['iterations', 'Max iterations'],
  ['continuations', 'Max continuations'],
  ['calls', 'Max function calls'],
  ['channelId', 'Channel id'],
  ['timezone', 'Timezone'],
  ['messages', 'Messages'],
  ['attachments', 'Attachments'],
  ['functions', 'Functions'],
  ['datasets', 'Datasets'],
  ['skillsets', 'Skillsets'],
  ['features', 'Features'],
];
const LABELS = new Map(FIELD_LABELS);
const FIELD_RANK = new Map(FIELD_LABELS.map(([name], index) => [name, index]));
/** Containers whose own name adds nothing to a label. */
const SILENT = new Set(['extensions', 'contact', 'limits', 'modelSettings', 'call', 'properties', 'result']);

/** "functions.0.parameterRows.1.name" → "Function 1 › Parameter 2 › Name". */
export function labelOf(path: string): string {
  const parts = path.split('.');
  const words: string[] = [];
  parts.forEach((part, index) => {
    const next = parts[index + 1];
    if (/^\d+$/.test(part)) return;
    if (next !== undefined && /^\d+$/.test(next) && ITEM_NAMES[part])
      words.push(`${ITEM_NAMES[part]} ${Number(next) + 1}`);
    else if (path === 'contact.mode' || !SILENT.has(part) || index === parts.length - 1)
      words.push(LABELS.get(part) ?? part);
  });
  if (parts[0] === 'contact' && parts.length > 1 && parts[1] !== 'mode' && parts[1] !== 'id')
    words.unshift('Contact');
  return words.join(' › ');
}

const SECTION_RANK = new Map<string, number>(BUILDER_SECTIONS.map((section, index) => [section.id, index]));

/** Sort key of a field in page order: its section, then its path (list indices numerically). */
function rankOf(path: string): number[] {
  const parts = path.split('.');
  return [
    SECTION_RANK.get(sectionOf(path)) ?? 0,
    ...parts.map((part) =>
      /^\d+$/.test(part) ? Number(part) : (FIELD_RANK.get(part) ?? FIELD_LABELS.length),
    ),
  ];
}

export function comparePageOrder(a: string, b: string): number {
  const [left, right] = [rankOf(a), rankOf(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    // A container (shorter path) comes before the fields inside it.
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

export const fieldIdOf = (path: string) => `field-${path.replaceAll('.', '-')}`;
