-- name: org.sissync.aspiredu.roster.enrollments
-- summary: Current enrolments (CC rows) in current sections
-- description: One row per CC record enrolled on the roster date (as_of_date). A dropped enrolment keeps its row with a negative SECTIONID, hence ABS() in the join and SECTIONID > 0 to leave it out.
-- arg: as_of_date | The day the roster describes, as YYYY-MM-DD
-- arg: enroll_statuses | ENROLL_STATUS codes to include, wrapped in commas (",0," for active students only)
-- arg: school_numbers | School numbers to include, wrapped in commas (",100,200,"), or ",*," for every school
-- arg: after_id | Read rows whose key is above this: the last key of the page before, or a number below every id
-- arg: up_to_id | Read rows whose key is at most this (a slice of the key range; a number above every id for all of them)
-- key: cc.id
SELECT
  cc.id AS cc_id,
  cc.studentid AS student_id,
  sec.id AS section_id
FROM cc
JOIN sections sec ON ABS(cc.sectionid) = sec.id
JOIN terms t ON t.id = sec.termid AND t.schoolid = sec.schoolid
JOIN students s ON s.id = cc.studentid
WHERE cc.id > :after_id
  AND cc.id <= :up_to_id
  AND cc.sectionid > 0
  AND cc.dateenrolled <= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND cc.dateleft > TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND t.firstday <= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND t.lastday >= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND INSTR(:enroll_statuses, ',' || s.enroll_status || ',') > 0
  AND (INSTR(:school_numbers, ',*,') > 0 OR INSTR(:school_numbers, ',' || sec.schoolid || ',') > 0)
ORDER BY cc.id
