import { closeSync, openSync, writeSync } from 'node:fs';
import { serialize } from 'node:v8';
import type { Roster } from '../src/roster/roster.js';

// The roster handed to the mapping figure's measuring process in parts, as a source reads it in
// pages: one v8.serialize'd block after another, each behind its length (4 bytes, big-endian).
// Read back one block at a time (mapping-child.mjs), the process never holds the whole file and
// a whole unshared copy of the roster at once, which a source never does either.

const STUDENTS_PER_PART = 10_000;
const SECTIONS_PER_PART = 2_000;

export function writeRosterParts(path: string, roster: Roster): void {
  const fd = openSync(path, 'w');
  try {
    const write = (part: Partial<Roster>) => {
      const bytes = serialize(part);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      writeSync(fd, length);
      writeSync(fd, bytes);
    };
    write({ schools: roster.schools, staff: roster.staff, ...(roster.studentFields ? { studentFields: roster.studentFields } : {}) });
    for (let at = 0; at < roster.students.length; at += STUDENTS_PER_PART)
      write({ students: roster.students.slice(at, at + STUDENTS_PER_PART) });
    for (let at = 0; at < roster.sections.length; at += SECTIONS_PER_PART)
      write({ sections: roster.sections.slice(at, at + SECTIONS_PER_PART) });
  } finally {
    closeSync(fd);
  }
}
