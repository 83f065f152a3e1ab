// The ways people write a date, one entry each, for the date-translation task (dates.ts).
// Slashes are US order (month/day/year, or year/month/day when the year leads); dots are
// European (day.month.year); a two-digit year means 1930–2029.
import type { Random } from "../random.js";

/** A day of the Gregorian calendar, as the formats need it. */
export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
  weekday: number; // 0 is Sunday, as Date.getUTCDay counts
}

export interface DateFormat {
  name: string;
  /** How it writes 3 March 1987 (a Tuesday), up to letter case. */
  example: string;
  /** Writes the year with two digits: used only for 1930–2029, where that is unambiguous. */
  shortYear?: boolean;
  write(date: CalendarDate, rng: Random): string;
}

/** The window a two-digit year stands for: 30–99 are 1930–1999, 00–29 are 2000–2029. */
export const SHORT_YEAR_FIRST = 1930;
export const SHORT_YEAR_LAST = 2029;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const month = (d: CalendarDate) => MONTHS[d.month - 1];
const shortMonth = (d: CalendarDate) => month(d).slice(0, 3);
const weekday = (d: CalendarDate) => WEEKDAYS[d.weekday];
const shortWeekday = (d: CalendarDate) => weekday(d).slice(0, 3);
const twoDigits = (n: number) => String(n % 100).padStart(2, "0");
const fourDigits = (n: number) => String(n).padStart(4, "0");

/** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st, 22nd, 23rd, ... */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}

/** Names as written (capitalised) half the time, else all lower or all upper case. */
function anyCase(text: string, rng: Random): string {
  const r = rng.next();
  return r < 0.5 ? text : r < 0.75 ? text.toLowerCase() : text.toUpperCase();
}

/** A format with month or weekday names, in any case. */
function named(name: string, example: string, write: (d: CalendarDate) => string, shortYear = false): DateFormat {
  return { name, example, shortYear, write: (d, rng) => anyCase(write(d), rng) };
}

/** A format of digits and punctuation only. */
function numeric(name: string, example: string, write: (d: CalendarDate) => string, shortYear = false): DateFormat {
  return { name, example, shortYear, write };
}

export const dateFormats: DateFormat[] = [
  named("ordinal-of", "3rd of March 1987", (d) => `${ordinal(d.day)} of ${month(d)} ${d.year}`),
  named("the-ordinal-of", "the 3rd of march, 1987", (d) => `the ${ordinal(d.day)} of ${month(d)}, ${d.year}`),
  named("ordinal-month-year", "3rd March 1987", (d) => `${ordinal(d.day)} ${month(d)} ${d.year}`),
  named("month-day-comma-year", "March 3, 1987", (d) => `${month(d)} ${d.day}, ${d.year}`),
  named("month-day-year", "MARCH 3 1987", (d) => `${month(d)} ${d.day} ${d.year}`),
  named("weekday-month-day-year", "Tuesday, March 3, 1987", (d) => `${weekday(d)}, ${month(d)} ${d.day}, ${d.year}`),
  named("weekday-day-month-year", "Tuesday 3 March 1987", (d) => `${weekday(d)} ${d.day} ${month(d)} ${d.year}`),
  named("short-weekday-day-short-month-year", "Tue 3 Mar 1987", (d) => `${shortWeekday(d)} ${d.day} ${shortMonth(d)} ${d.year}`),
  named("day-month-year", "3 March 1987", (d) => `${d.day} ${month(d)} ${d.year}`),
  named("day-month-short-year", "3 March '87", (d) => `${d.day} ${month(d)} '${twoDigits(d.year)}`, true),
  named("day-short-month-year", "3 Mar 1987", (d) => `${d.day} ${shortMonth(d)} ${d.year}`),
  named("day-short-month-year-dashes", "03-Mar-1987", (d) => `${twoDigits(d.day)}-${shortMonth(d)}-${d.year}`),
  named("short-month-day-comma-year", "Mar 3, 1987", (d) => `${shortMonth(d)} ${d.day}, ${d.year}`),
  named("short-month-ordinal-short-year", "Mar 3rd, '87", (d) => `${shortMonth(d)} ${ordinal(d.day)}, '${twoDigits(d.year)}`, true),
  named("year-short-month-day", "1987 Mar 3", (d) => `${d.year} ${shortMonth(d)} ${d.day}`),
  numeric("us-slashes", "03/03/1987", (d) => `${twoDigits(d.month)}/${twoDigits(d.day)}/${d.year}`),
  numeric("us-slashes-unpadded", "3/3/1987", (d) => `${d.month}/${d.day}/${d.year}`),
  numeric("us-slashes-short-year", "3/3/87", (d) => `${d.month}/${d.day}/${twoDigits(d.year)}`, true),
  numeric("european-dots", "03.03.1987", (d) => `${twoDigits(d.day)}.${twoDigits(d.month)}.${d.year}`),
  numeric("european-dots-short-year", "3.3.87", (d) => `${d.day}.${d.month}.${twoDigits(d.year)}`, true),
  numeric("iso", "1987-03-03", (d) => isoDate(d)),
  numeric("year-slashes", "1987/03/03", (d) => `${d.year}/${twoDigits(d.month)}/${twoDigits(d.day)}`),
  numeric("compact", "19870303", (d) => `${d.year}${twoDigits(d.month)}${twoDigits(d.day)}`),
];

/** The target form: YYYY-MM-DD. */
export function isoDate(d: CalendarDate): string {
  return `${fourDigits(d.year)}-${twoDigits(d.month)}-${twoDigits(d.day)}`;
}
