// The terms of one simulated school year. They cover every day from July 1 to June 30, so that
// the demo finds current sections whatever the day; PowerSchool's TERMID is YEARID * 100 + n,
// with YEARID counted from 1990 (2024-25 is year 34).

export interface SimTerm {
  id: number;
  name: string;
  abbreviation: string;
  firstday: string;
  lastday: string;
  isyearrec: number;
  portion: number;
}

export interface SchoolYear {
  yearId: number;
  year: SimTerm;
  s1: SimTerm;
  s2: SimTerm;
}

export function schoolYearAround(day: string): SchoolYear {
  const [yearText, monthText] = day.split('-');
  const startYear = Number(monthText) >= 7 ? Number(yearText) : Number(yearText) - 1;
  const yearId = startYear - 1990;
  const label = `${startYear}-${String(startYear + 1).slice(2)}`;
  const term = (n: number, name: string, abbreviation: string, firstday: string, lastday: string, portion: number): SimTerm => ({
    id: yearId * 100 + n,
    name,
    abbreviation,
    firstday,
    lastday,
    isyearrec: n === 0 ? 1 : 0,
    portion,
  });
  return {
    yearId,
    year: term(0, label, label, `${startYear}-07-01`, `${startYear + 1}-06-30`, 1),
    s1: term(1, 'Semester 1', 'S1', `${startYear}-07-01`, `${startYear}-12-31`, 2),
    s2: term(2, 'Semester 2', 'S2', `${startYear + 1}-01-01`, `${startYear + 1}-06-30`, 2),
  };
}

export function dayAfter(day: string, days = 1): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function todayIso(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}
