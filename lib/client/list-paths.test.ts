import { describe, expect, it } from 'vitest';
import { shiftListPaths } from './list-paths';

const paths = new Set(['functions.0.name', 'functions.1.name', 'functions.2.parameterRows.0.name', 'messages.1.text', 'functions']);

describe('remembered field paths follow their items', () => {
  it('drops a removed item and moves the later ones up', () => {
    expect([...shiftListPaths(paths, 'functions', { kind: 'remove', index: 1 })].sort()).toEqual(
      ['functions', 'functions.0.name', 'functions.1.parameterRows.0.name', 'messages.1.text'].sort(),
    );
  });

  it('makes room for an item put back, moving the later ones down', () => {
    expect([...shiftListPaths(paths, 'functions', { kind: 'insert', index: 1 })].sort()).toEqual(
      ['functions', 'functions.0.name', 'functions.2.name', 'functions.3.parameterRows.0.name', 'messages.1.text'].sort(),
    );
  });

  it('moves an item and the ones between', () => {
    expect([...shiftListPaths(paths, 'functions', { kind: 'move', from: 2, to: 0 })].sort()).toEqual(
      ['functions', 'functions.1.name', 'functions.2.name', 'functions.0.parameterRows.0.name', 'messages.1.text'].sort(),
    );
  });

  it('leaves other lists with a similar name alone', () => {
    const nested = new Set(['functions.0.parameterRows.1.name', 'functions.1.name']);
    expect([...shiftListPaths(nested, 'functions.0.parameterRows', { kind: 'remove', index: 0 })].sort()).toEqual(
      ['functions.0.parameterRows.0.name', 'functions.1.name'].sort(),
    );
  });
});
