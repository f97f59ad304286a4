/** Levenshtein distance between two strings (characters as UTF-16 units; CJK text is one unit each). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] ?? 0;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] ?? 0;
      d[j] = Math.min((d[j] ?? 0) + 1, (d[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length] ?? 0;
}

/** Length of the longest common subsequence of two strings (characters in order, gaps allowed). */
export function commonSubsequence(a: string, b: string): number {
  const d = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] ?? 0;
      d[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(d[j] ?? 0, d[j - 1] ?? 0);
      prev = tmp;
    }
  }
  return d[b.length] ?? 0;
}
