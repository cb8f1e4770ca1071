// Mozilla's ical.js (Thunderbird's engine) reads a calendar from stdin and prints
// {"UID": unix seconds} for every event whose DTSTART has a time, using only the
// VTIMEZONE blocks in the file (ical.js knows no zones of its own).
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const root = new ICAL.Component(ICAL.parse(readFileSync(0, 'utf8')));
for (const vtz of root.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
}
const out = {};
for (const vevent of root.getAllSubcomponents('vevent')) {
  const start = new ICAL.Event(vevent).startDate;
  if (!start.isDate) out[vevent.getFirstPropertyValue('uid')] = start.toUnixTime();
}
process.stdout.write(JSON.stringify(out));
