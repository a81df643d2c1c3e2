-- name: org.sissync.aspiredu.roster.sections
-- summary: Current sections with course, term, lead teacher
-- description: One row per section in a term that includes the roster date (as_of_date). SECTIONS.TEACHER is the lead teacher's SCHOOLSTAFF.ID.
-- arg: as_of_date | The day the roster describes, as YYYY-MM-DD
-- arg: school_numbers | School numbers to include, wrapped in commas (",100,200,"), or ",*," for every school
SELECT
  sec.id AS section_id,
  sec.schoolid AS school_number,
  sec.course_number AS course_number,
  c.course_name AS course_name,
  sec.section_number AS section_number,
  sec.termid AS term_id,
  t.abbreviation AS term_abbreviation,
  sec.expression AS expression,
  sec.teacher AS lead_schoolstaff_id,
  SUM(sec.id) OVER () AS id_sum
FROM sections sec
JOIN courses c ON c.course_number = sec.course_number
JOIN terms t ON t.id = sec.termid AND t.schoolid = sec.schoolid
WHERE t.firstday <= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND t.lastday >= TO_DATE(:as_of_date, 'YYYY-MM-DD')
  AND (INSTR(:school_numbers, ',*,') > 0 OR INSTR(:school_numbers, ',' || sec.schoolid || ',') > 0)
ORDER BY sec.id
