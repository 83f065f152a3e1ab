// A date-translation task, generated from a seed: a date written in one of many human formats
// (dateFormats.ts) and its ISO form, for training an encoder–decoder with attention.
// Conventions:
// - dates range over 1900-01-01 .. 2099-12-31, all in the Gregorian calendar;
// - slashes are US order: month/day/year, or year/month/day when the year comes first;
// - dots are European order: day.month.year;
// - a two-digit year means 1930–2029, so formats with one write only dates in that window.
// The splits never share a calendar date: the days are shuffled once, validation takes the
// first, test the next and train the rest. Each example draws its format afresh.
import { Random } from "../random.js";
import { dateFormats, isoDate, SHORT_YEAR_FIRST, SHORT_YEAR_LAST, type CalendarDate, type DateFormat } from "./dateFormats.js";
import { checkCounts, type Pair, type SplitCounts, type Splits } from "./splits.js";

export { dateFormats, isoDate, type CalendarDate, type DateFormat } from "./dateFormats.js";

const MS_PER_DAY = 86_400_000;
const FIRST_DAY = Date.UTC(1900, 0, 1);
/** 1900-01-01 .. 2099-12-31. */
export const CALENDAR_DAYS = (Date.UTC(2100, 0, 1) - FIRST_DAY) / MS_PER_DAY;

/** The `index`th day from 1900-01-01 (Date's calendar is the proleptic Gregorian one). */
export function calendarDate(index: number): CalendarDate {
  const d = new Date(FIRST_DAY + index * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

const fullYearFormats = dateFormats.filter((f) => !f.shortYear);

/** The formats that may write a date: two-digit years only inside their window. */
function formatsFor(date: CalendarDate): DateFormat[] {
  return date.year >= SHORT_YEAR_FIRST && date.year <= SHORT_YEAR_LAST ? dateFormats : fullYearFormats;
}

/**
 * Train, validation and test pairs whose calendar dates do not overlap; the same seed gives
 * the same pairs. A held-out split gets one day per example (up to a quarter of the days), so
 * its dates repeat only past that; train cycles through the rest, so a date it repeats comes
 * back in a freshly drawn format. Each split draws its formats from its own stream: a new
 * train count leaves validation and test as they were, and a new test count validation.
 */
export function dateSplits(seed: number, counts: SplitCounts = { train: 40000, validation: 2000, test: 2000 }): Splits {
  checkCounts(counts);
  const rng = new Random(seed);
  const days = shuffledDays(rng);
  const streams = [rng.next(), rng.next(), rng.next()].map((u) => new Random(Math.floor(u * 2 ** 32)));
  const heldOut = (n: number) => Math.min(n, Math.floor(CALENDAR_DAYS / 4));
  const validationEnd = heldOut(counts.validation);
  const testEnd = validationEnd + heldOut(counts.test);
  const validation = pairs(days.subarray(0, validationEnd), counts.validation, streams[0]);
  const test = pairs(days.subarray(validationEnd, testEnd), counts.test, streams[1]);
  return { train: pairs(days.subarray(testEnd), counts.train, streams[2]), validation, test };
}

/** Every day index once, in a seeded order (Fisher–Yates). */
function shuffledDays(rng: Random): Int32Array {
  const days = new Int32Array(CALENDAR_DAYS);
  for (let i = 0; i < CALENDAR_DAYS; i++) days[i] = i;
  for (let i = CALENDAR_DAYS - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [days[i], days[j]] = [days[j], days[i]];
  }
  return days;
}

/** `count` pairs cycling through `days`, each in a format drawn for it. */
function pairs(days: Int32Array, count: number, rng: Random): Pair[] {
  const out: Pair[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const date = calendarDate(days[i % days.length]);
    const formats = formatsFor(date);
    const format = formats[Math.floor(rng.next() * formats.length)];
    out[i] = { source: format.write(date, rng), target: isoDate(date) };
  }
  return out;
}
