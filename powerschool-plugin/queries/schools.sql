-- name: org.sissync.aspiredu.roster.schools
-- summary: Schools, by school number
-- description: Every school the district keeps in SCHOOLS, limited to the schools sis-sync is told to include.
-- arg: school_numbers | School numbers to include, wrapped in commas (",100,200,"), or ",*," for every school
-- arg: after_id | Read rows whose key is above this: the last key of the page before, or a number below every id
-- arg: up_to_id | Read rows whose key is at most this (a slice of the key range; a number above every id for all of them)
-- key: sc.id
SELECT
  sc.id AS school_id,
  sc.school_number AS school_number,
  sc.name AS school_name,
  sc.abbreviation AS abbreviation
FROM schools sc
WHERE sc.id > :after_id
  AND sc.id <= :up_to_id
  AND (INSTR(:school_numbers, ',*,') > 0 OR INSTR(:school_numbers, ',' || sc.school_number || ',') > 0)
ORDER BY sc.id
