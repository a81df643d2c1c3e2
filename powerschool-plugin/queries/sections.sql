-- name: org.sissync.aspiredu.roster.sections
-- summary: Current sections with course, term, lead teacher
-- description: One row per section in a term that includes the roster date (as_of_date). SECTIONS.TEACHER is the lead teacher's SCHOOLSTAFF.ID. The course is matched on its number exactly, else ignoring case (the lowest COURSES.ID when several differ only in case); a section without a course row is kept, with no course name.
-- arg: as_of_date | The day the roster describes, as YYYY-MM-DD
-- arg: school_numbers | School numbers to include, wrapped in commas (",100,200,"), or ",*," for every school
-- arg: after_id | Read rows whose key is above this: the last key of the page before, or a number below every id
-- arg: up_to_id | Read rows whose key is at most this (a slice of the key range; a number above every id for all of them)
-- key: sec.id
SELECT
  sec.id AS section_id,
  sec.schoolid AS school_number,
  sec.course_number AS course_number,
  COALESCE(c.course_name, ci.course_name) AS course_name,
  c.id AS course_id,
  ci.course_number AS course_number_any_case,
  sec.section_number AS section_number,
  sec.termid AS term_id,
  t.abbreviation AS term_abbreviation,
  sec.expression AS expression,
  sec.teacher AS lead_schoolstaff_id
FROM sections sec
JOIN terms t ON t.id = sec.termid AND t.schoolid = sec.schoolid
LEFT JOIN courses c ON c.course_number = sec.course_number
LEFT JOIN courses ci ON c.id IS NULL AND UPPER(ci.course_number) = UPPER(sec.course_number)
LEFT JOIN courses cl ON UPPER(cl.course_number) = UPPER(ci.course_number) AND cl.id < ci.id
WHERE sec.id > :after_id
  AND sec.id <= :up_to_id
  AND cl.id IS NULL
  AND t.firstday <= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND t.lastday >= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND (INSTR(:school_numbers, ',*,') > 0 OR INSTR(:school_numbers, ',' || sec.schoolid || ',') > 0)
ORDER BY sec.id
