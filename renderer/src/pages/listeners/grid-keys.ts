// Where a key press moves the focused cell of the listeners grid (WAI-ARIA grid pattern): pure, so
// the table only applies the answer.

export interface GridPos {
  row: number;
  col: number;
}

export interface GridShape {
  rows: number;
  cols: number;
  /** Rows that fill a page of the scroll box (PageUp/PageDown move this many). */
  pageRows: number;
}

/** The next focused cell, or null when the key is not a grid move (the key then does its usual job). */
export function moveFor(key: string, ctrl: boolean, at: GridPos, shape: GridShape): GridPos | null {
  if (shape.rows === 0) return null;
  const lastRow = shape.rows - 1;
  const lastCol = shape.cols - 1;
  const row = (r: number) => Math.min(lastRow, Math.max(0, r));
  switch (key) {
    case 'ArrowDown':
      return { row: row(at.row + 1), col: at.col };
    case 'ArrowUp':
      return { row: row(at.row - 1), col: at.col };
    case 'ArrowRight':
      return { row: at.row, col: Math.min(lastCol, at.col + 1) };
    case 'ArrowLeft':
      return { row: at.row, col: Math.max(0, at.col - 1) };
    case 'PageDown':
      return { row: row(at.row + shape.pageRows), col: at.col };
    case 'PageUp':
      return { row: row(at.row - shape.pageRows), col: at.col };
    // Home/End stay in the row; with Ctrl they go to the first/last row (as in spreadsheets).
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: lastRow, col: lastCol } : { row: at.row, col: lastCol };
    default:
      return null;
  }
}
