import { describe, expect, it } from 'vitest';
import { moveFor } from './grid-keys';

const shape = { rows: 100, cols: 6, pageRows: 10 };

describe('listeners grid keys', () => {
  it('arrows move one cell and stop at the edges', () => {
    expect(moveFor('ArrowDown', false, { row: 0, col: 2 }, shape)).toEqual({ row: 1, col: 2 });
    expect(moveFor('ArrowUp', false, { row: 0, col: 2 }, shape)).toEqual({ row: 0, col: 2 });
    expect(moveFor('ArrowRight', false, { row: 5, col: 5 }, shape)).toEqual({ row: 5, col: 5 });
    expect(moveFor('ArrowLeft', false, { row: 5, col: 1 }, shape)).toEqual({ row: 5, col: 0 });
    expect(moveFor('ArrowDown', false, { row: 99, col: 0 }, shape)).toEqual({ row: 99, col: 0 });
  });
  it('Home/End within the row, Ctrl+Home/End to the first/last cell, PageUp/PageDown by a page', () => {
    expect(moveFor('Home', false, { row: 7, col: 4 }, shape)).toEqual({ row: 7, col: 0 });
    expect(moveFor('End', false, { row: 7, col: 1 }, shape)).toEqual({ row: 7, col: 5 });
    expect(moveFor('Home', true, { row: 7, col: 4 }, shape)).toEqual({ row: 0, col: 0 });
    expect(moveFor('End', true, { row: 7, col: 1 }, shape)).toEqual({ row: 99, col: 5 });
    expect(moveFor('PageDown', false, { row: 95, col: 3 }, shape)).toEqual({ row: 99, col: 3 });
    expect(moveFor('PageUp', false, { row: 15, col: 3 }, shape)).toEqual({ row: 5, col: 3 });
  });
  it('other keys and empty grids are not moves', () => {
    expect(moveFor('Enter', false, { row: 0, col: 0 }, shape)).toBeNull();
    expect(moveFor('a', false, { row: 0, col: 0 }, shape)).toBeNull();
    expect(moveFor('ArrowDown', false, { row: 0, col: 0 }, { ...shape, rows: 0 })).toBeNull();
  });
});
