-- name: org.sissync.aspiredu.roster.students
-- summary: Students with school, grade and enrolment status
-- description: One row per student whose ENROLL_STATUS is in the configured list, at an included school. STUDENTS.SCHOOLID holds the school number.
-- arg: enroll_statuses | ENROLL_STATUS codes to include, wrapped in commas (",0," for active students only)
-- arg: school_numbers | School numbers to include, wrapped in commas (",100,200,"), or ",*," for every school
-- arg: after_id | Read rows whose key is above this: the last key of the page before, or a number below every id
-- arg: up_to_id | Read rows whose key is at most this (a slice of the key range; a number above every id for all of them)
-- key: s.id
SELECT
  s.id AS student_id,
  s.dcid AS student_dcid,
  s.student_number AS student_number,
  s.state_studentnumber AS state_studentnumber,
  s.first_name AS first_name,
  s.last_name AS last_name,
  s.schoolid AS school_number,
  s.grade_level AS grade_level,
  s.enroll_status AS enroll_status
FROM students s
WHERE s.id > :after_id
  AND s.id <= :up_to_id
  AND INSTR(:enroll_statuses, ',' || s.enroll_status || ',') > 0
  AND (INSTR(:school_numbers, ',*,') > 0 OR INSTR(:school_numbers, ',' || s.schoolid || ',') > 0)
ORDER BY s.id
