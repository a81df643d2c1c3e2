import type { RosterRows } from '../../src/sources/powerschool/roster/roster-assembler.js';

// The rows of the roster queries for one student, one teacher at two schools and one section,
// with a co-teacher record and an enrolment that name nobody read: what the PowerQueries return.

export const ROSTER_OPTIONS = {
  studentIdField: 'student_number',
  staffIdField: 'teachernumber' as const,
  termLabel: 'abbreviation' as const,
};

export function rosterRows(extra: Partial<RosterRows> = {}): RosterRows {
  return {
    schools: [{ school_number: '100', school_name: 'Apple Grove', abbreviation: 'AG' }],
    students: [
      {
        student_id: '1',
        student_dcid: '11',
        student_number: '100001.0',
        school_number: '100',
        grade_level: '9',
        enroll_status: '0',
        first_name: 'Zoë',
        last_name: "O'Brien",
      },
    ],
    staff: [
      {
        users_dcid: '7',
        teachernumber: 'T7',
        first_name: 'Ana',
        last_name: 'Núñez',
        schoolstaff_id: '70',
        school_number: '100',
        status: '1',
        staffstatus: '1',
      },
      {
        users_dcid: '7',
        teachernumber: 'T7',
        first_name: 'Ana',
        last_name: 'Núñez',
        schoolstaff_id: '71',
        school_number: '200',
        status: '2',
        staffstatus: '4',
      },
    ],
    sections: [
      {
        section_id: '5',
        school_number: '100',
        course_number: 'ENG09',
        course_name: 'English 9',
        section_number: '1',
        term_id: '3400',
        term_abbreviation: '24-25',
        expression: '1(A)',
        lead_schoolstaff_id: '70',
      },
    ],
    sectionTeachers: [
      { section_id: '5', schoolstaff_id: '71' },
      { section_id: '5', schoolstaff_id: '70' },
      { section_id: '5', schoolstaff_id: '999' },
    ],
    enrollments: [
      { student_id: '1', section_id: '5' },
      { student_id: '2', section_id: '5' },
    ],
    ...extra,
  };
}
