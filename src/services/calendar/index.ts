// Calendar: iCalendar (RFC 5545) feeds for trainings, meetings, deadlines and opening hours,
// with times in Europe/Ljubljana. See docs/services.md.

/** Builds a feed's text: timed events (Europe/Ljubljana, VTIMEZONE included), all-day events, weekly recurrence. */
export { buildCalendar } from './feed.js';
/** Sends a feed with `text/calendar; charset=utf-8` and a file name. */
export { sendCalendar } from './feed.js';
/** A stable UID made from parts that identify the thing (so calendars update it, not add it twice). */
export { calendarUid } from './feed.js';
/** Date helpers for feeds: the Ljubljana date of a moment, the next date on a weekday, adding days, the ISO weekday. */
export { localDateOf, nextWeekday, addDays, isoWeekday } from './feed.js';
/** The wall-clock reading (date and 24-hour time) of a moment in a time zone: for feeds and the notifications' daily clock. */
export { wallClockIn, type WallClock } from './feed.js';
/** The time zone of every timed event. */
export { calendarTimeZone } from './feed.js';
/** What a feed and its events are made of. */
export type { CalendarInput, CalendarEventInput, TimedEvent, AllDayEvent } from './feed.js';
