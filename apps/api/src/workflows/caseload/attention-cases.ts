/**
 * The cases the program overview names (`CaseloadService.attention`): those with the most reasons first,
 * at most `limit` of them. Cases with as many reasons keep the order they were found in (reviews, then
 * tasks, assessments, referrals): the sort is stable. Taking the first `limit` cases found instead would
 * fill the list with the first kind of reason, and a case with three reasons could be left out.
 */
export function casesMostInNeed(reasons: ReadonlyMap<string, ReadonlySet<string>>, limit: number): string[] {
  return [...reasons.entries()]
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, limit)
    .map(([caseId]) => caseId);
}
