// Mozilla's ical.js (Thunderbird's engine) reads a calendar from stdin and prints, for every
// event whose DTSTART has a time, {"UID": [unix seconds, "YYYY-MM-DDTHH:MM:SS"]}: the instant
// it reads, and that instant shown again in the event's zone. It uses only the VTIMEZONE
// blocks in the file (ical.js knows no zones of its own).
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const root = new ICAL.Component(ICAL.parse(readFileSync(0, 'utf8')));
for (const vtz of root.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
}
const out = {};
for (const vevent of root.getAllSubcomponents('vevent')) {
  const start = new ICAL.Event(vevent).startDate;
  if (start.isDate) continue;
  const seconds = start.toUnixTime();
  const utc = ICAL.Time.fromData({ year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, ICAL.Timezone.utcTimezone);
  utc.fromUnixTime(seconds);
  out[vevent.getFirstPropertyValue('uid')] = [seconds, utc.convertToZone(start.zone).toString()];
}
process.stdout.write(JSON.stringify(out));
