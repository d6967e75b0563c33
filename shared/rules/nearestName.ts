// "Did you mean ...?": the closest candidate by edit distance (Damerau-Levenshtein, optimal
// string alignment), ignoring case first; ties go to a candidate sharing a prefix, then to
// the earlier candidate.

export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export function nearestName(wrong: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; score: [number, number, number] } | undefined;
  const w = wrong.toLowerCase();
  for (const name of candidates) {
    const n = name.toLowerCase();
    const score: [number, number, number] = [editDistance(w, n), -commonPrefix(w, n), editDistance(wrong, name)];
    if (!best || score[0] < best.score[0] || (score[0] === best.score[0] && (score[1] < best.score[1] || (score[1] === best.score[1] && score[2] < best.score[2])))) {
      best = { name, score };
    }
  }
  return best?.name;
}
