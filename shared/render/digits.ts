// Counts as people read them: 65,435. Written out rather than toLocaleString('en-US'), whose first
// call loads ICU's number formatting (about 16 ms), paid by every CLI run that prints a count.

/** Groups the digits of a whole number in threes with commas: 65435 → "65,435". */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = (end > 3 ? ',' : '') + digits.slice(Math.max(0, end - 3), end) + out;
  return sign + out;
}
