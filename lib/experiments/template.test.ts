import { describe, expect, it } from 'vitest';
import { placeholdersOf, renderTemplate, unknownPlaceholders } from './template';

describe('message templates', () => {
  it('fills each {{column}} from the row, spaces inside the braces allowed', () => {
    expect(renderTemplate('Where is order {{order_id}}? ({{ name }})', { order_id: '42', name: 'Ada' })).toBe(
      'Where is order 42? (Ada)',
    );
  });

  it('lists the columns a template uses once each, and those the upload lacks', () => {
    expect(placeholdersOf('{{a}} {{b}} {{a}}')).toEqual(['a', 'b']);
    expect(unknownPlaceholders('{{a}} {{missing}}', ['a', 'b'])).toEqual(['missing']);
  });

  it('leaves text without placeholders alone and does not re-expand filled values', () => {
    expect(renderTemplate('plain', {})).toBe('plain');
    expect(renderTemplate('{{a}}', { a: '{{b}}', b: 'x' })).toBe('{{b}}');
  });
});
